"""Sessions record when their person last proved who they are.

Existing sessions count as proven when they were created (their login).

Revision ID: c3d9e2a17b40
Revises: b7c1e0f4a2d9
Create Date: 2026-12-03 16:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.models

revision: str = "c3d9e2a17b40"
down_revision: str | None = "b7c1e0f4a2d9"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("auth_session", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("proven_at", app.models.UTCDateTime(timezone=True), nullable=True)
        )
    op.execute("UPDATE auth_session SET proven_at = created_at")
    with op.batch_alter_table("auth_session", schema=None) as batch_op:
        batch_op.alter_column(
            "proven_at", existing_type=app.models.UTCDateTime(timezone=True), nullable=False
        )


def downgrade() -> None:
    with op.batch_alter_table("auth_session", schema=None) as batch_op:
        batch_op.drop_column("proven_at")
