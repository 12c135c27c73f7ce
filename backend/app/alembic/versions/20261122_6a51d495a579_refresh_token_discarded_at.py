"""Mark refresh tokens discarded before use (retried rotations).

Revision ID: 6a51d495a579
Revises: a78b4c059f6b
Create Date: 2026-11-22 05:25:44.606548
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import app.models

revision: str = '6a51d495a579'
down_revision: str | None = 'a78b4c059f6b'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('refresh_token', schema=None) as batch_op:
        batch_op.add_column(sa.Column('discarded_at', app.models.UTCDateTime(timezone=True), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('refresh_token', schema=None) as batch_op:
        batch_op.drop_column('discarded_at')

