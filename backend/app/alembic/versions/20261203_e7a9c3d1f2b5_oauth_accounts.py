"""Sign-in through OAuth / OpenID Connect providers: connected accounts and
the attempts under way.

Revision ID: e7a9c3d1f2b5
Revises: d33657f8d4ea
Create Date: 2026-12-03 17:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import app.models

revision: str = "e7a9c3d1f2b5"
down_revision: str | None = "d33657f8d4ea"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "oauth_account",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("provider", sqlmodel.AutoString(length=32), nullable=False),
        sa.Column("subject", sqlmodel.AutoString(length=255), nullable=False),
        sa.Column("email", sqlmodel.AutoString(length=255), nullable=True),
        sa.Column("created_at", app.models.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user.id"], name="oauth_account_user_id_fkey", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="oauth_account_pkey"),
        sa.UniqueConstraint("provider", "subject", name="oauth_account_provider_subject_key"),
        sa.UniqueConstraint("user_id", "provider", name="oauth_account_user_id_provider_key"),
    )
    op.create_index("ix_oauth_account_user_id", "oauth_account", ["user_id"], unique=False)
    op.create_table(
        "oauth_attempt",
        sa.Column("state_hash", sqlmodel.AutoString(length=64), nullable=False),
        sa.Column("provider", sqlmodel.AutoString(length=32), nullable=False),
        sa.Column("browser_hash", sqlmodel.AutoString(length=64), nullable=False),
        sa.Column("code_verifier", sqlmodel.AutoString(length=128), nullable=False),
        sa.Column("nonce", sqlmodel.AutoString(length=128), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=True),
        sa.Column("created_at", app.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", app.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("used_at", app.models.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user.id"], name="oauth_attempt_user_id_fkey", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("state_hash", name="oauth_attempt_pkey"),
    )


def downgrade() -> None:
    op.drop_table("oauth_attempt")
    op.drop_index("ix_oauth_account_user_id", table_name="oauth_account")
    op.drop_table("oauth_account")
