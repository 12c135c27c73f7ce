"""An item (and a file attached to it) stays with its organization when its
creator's account is deleted: `owner_id` becomes nullable, set to NULL by
the deletion instead of deleting the row.

The downgrade needs a creator for every row again: an item whose creator is
gone goes to an Owner of its organization, a file to its item's creator.

Revision ID: f15f9cd3919a
Revises: f3b8d2c6a1e4
Create Date: 2026-12-05 02:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "f15f9cd3919a"
down_revision: str | None = "f3b8d2c6a1e4"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    creator_may_go("item", ondelete="SET NULL", nullable=True)
    # region capability: file_storage
    creator_may_go("attachment", ondelete="SET NULL", nullable=True)
    # endregion capability: file_storage


def downgrade() -> None:
    op.execute(
        "UPDATE item SET owner_id = (SELECT membership.user_id FROM membership"
        " WHERE membership.organization_id = item.organization_id AND membership.role = 'owner'"
        " ORDER BY membership.user_id LIMIT 1) WHERE owner_id IS NULL"
    )
    op.execute("DELETE FROM item WHERE owner_id IS NULL")
    creator_may_go("item", ondelete="CASCADE", nullable=False)
    # region capability: file_storage
    op.execute(
        "UPDATE attachment SET owner_id = (SELECT item.owner_id FROM item"
        " WHERE item.id = attachment.item_id) WHERE owner_id IS NULL"
    )
    creator_may_go("attachment", ondelete="CASCADE", nullable=False)
    # endregion capability: file_storage


def creator_may_go(table: str, *, ondelete: str, nullable: bool) -> None:
    """`table.owner_id` with its foreign key to the user acting `ondelete`."""
    constraint = f"{table}_owner_id_fkey"
    with op.batch_alter_table(table) as batch:
        batch.alter_column("owner_id", existing_type=sa.Uuid(), nullable=nullable)
        batch.drop_constraint(constraint, type_="foreignkey")
        batch.create_foreign_key(constraint, "user", ["owner_id"], ["id"], ondelete=ondelete)
