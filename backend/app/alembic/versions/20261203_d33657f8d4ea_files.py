"""Files: item attachments, and each user's profile picture id.

The files themselves are in the storage (local disk or S3), named by the
attachment's key or the avatar id; this revision adds only their rows.

Revision ID: d33657f8d4ea
Revises: d5e8f1a2b3c4
Create Date: 2026-12-03 16:43:42
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "d33657f8d4ea"
down_revision: str | None = "d5e8f1a2b3c4"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "attachment",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("item_id", sa.Uuid(), nullable=False),
        sa.Column("owner_id", sa.Uuid(), nullable=False),
        sa.Column("filename", sqlmodel.AutoString(length=255), nullable=False),
        sa.Column("content_type", sqlmodel.AutoString(length=127), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("key", sqlmodel.AutoString(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["item_id"], ["item.id"], name=op.f("attachment_item_id_fkey"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["user.id"], name=op.f("attachment_owner_id_fkey"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("attachment_pkey")),
        sa.UniqueConstraint("key", name=op.f("attachment_key_key")),
    )
    op.create_index(op.f("ix_attachment_created_at"), "attachment", ["created_at"])
    op.create_index(op.f("ix_attachment_item_id"), "attachment", ["item_id"])
    op.create_index(op.f("ix_attachment_owner_id"), "attachment", ["owner_id"])
    with op.batch_alter_table("user") as batch_op:
        batch_op.add_column(sa.Column("avatar_id", sa.Uuid(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("user") as batch_op:
        batch_op.drop_column("avatar_id")
    op.drop_index(op.f("ix_attachment_owner_id"), table_name="attachment")
    op.drop_index(op.f("ix_attachment_item_id"), table_name="attachment")
    op.drop_index(op.f("ix_attachment_created_at"), table_name="attachment")
    op.drop_table("attachment")
