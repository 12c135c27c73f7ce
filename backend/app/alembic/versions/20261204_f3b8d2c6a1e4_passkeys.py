"""Passkeys (WebAuthn): the registered credentials and the challenges
handed out and not answered yet.

Revision ID: f3b8d2c6a1e4
Revises: e7a9c3d1f2b5
Create Date: 2026-12-04 16:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import app.models

revision: str = "f3b8d2c6a1e4"
down_revision: str | None = "e7a9c3d1f2b5"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "passkey",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("credential_id", sqlmodel.AutoString(length=1400), nullable=False),
        sa.Column("public_key", sa.LargeBinary(), nullable=False),
        sa.Column("sign_count", sa.Integer(), nullable=False),
        sa.Column("transports", sa.JSON(), nullable=False),
        sa.Column("name", sqlmodel.AutoString(length=64), nullable=False),
        sa.Column("created_at", app.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_used_at", app.models.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user.id"], name="passkey_user_id_fkey", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="passkey_pkey"),
    )
    op.create_index("ix_passkey_credential_id", "passkey", ["credential_id"], unique=True)
    op.create_index("ix_passkey_user_id", "passkey", ["user_id"], unique=False)
    op.create_table(
        "passkey_challenge",
        sa.Column("challenge_hash", sqlmodel.AutoString(length=64), nullable=False),
        sa.Column("purpose", sqlmodel.AutoString(length=32), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=True),
        sa.Column("expires_at", app.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("used_at", app.models.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user.id"], name="passkey_challenge_user_id_fkey", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("challenge_hash", name="passkey_challenge_pkey"),
    )
    op.create_index(
        "ix_passkey_challenge_expires_at", "passkey_challenge", ["expires_at"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_passkey_challenge_expires_at", table_name="passkey_challenge")
    op.drop_table("passkey_challenge")
    op.drop_index("ix_passkey_user_id", table_name="passkey")
    op.drop_index("ix_passkey_credential_id", table_name="passkey")
    op.drop_table("passkey")
