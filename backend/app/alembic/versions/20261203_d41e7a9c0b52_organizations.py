"""Organizations, memberships, custom roles and invitations; items belong to
an organization, and audit entries may say which one.

Every existing user gets a personal organization, as Owner, and their items
move into it (keeping them as creator). Downgrading drops the organizations:
items stay with their creators, and what was shared is no longer shared.

Revision ID: d41e7a9c0b52
Revises: c3d9e2a17b40
Create Date: 2026-12-03 16:42:57
"""

import re
import secrets
import uuid
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "d41e7a9c0b52"
down_revision: str | None = "c3d9e2a17b40"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ONE_ROLE = "(role IS NULL) <> (role_id IS NULL)"


def upgrade() -> None:
    op.create_table(
        "organization",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sqlmodel.AutoString(length=255), nullable=False),
        sa.Column("slug", sqlmodel.AutoString(length=64), nullable=False),
        sa.Column("personal_for_id", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["personal_for_id"],
            ["user.id"],
            name=op.f("organization_personal_for_id_fkey"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("organization_pkey")),
        sa.UniqueConstraint("personal_for_id", name=op.f("organization_personal_for_id_key")),
        sa.UniqueConstraint("slug", name=op.f("organization_slug_key")),
    )
    op.create_table(
        "organization_role",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organization_id", sa.Uuid(), nullable=False),
        sa.Column("name", sqlmodel.AutoString(length=64), nullable=False),
        sa.Column("permissions", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("organization_role_organization_id_fkey"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("organization_role_pkey")),
        sa.UniqueConstraint(
            "organization_id", "name", name=op.f("organization_role_organization_id_name_key")
        ),
    )
    op.create_table(
        "invitation",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organization_id", sa.Uuid(), nullable=False),
        sa.Column("email", sqlmodel.AutoString(length=255), nullable=False),
        sa.Column("role", sqlmodel.AutoString(length=16), nullable=True),
        sa.Column("role_id", sa.Uuid(), nullable=True),
        sa.Column("inviter_id", sa.Uuid(), nullable=True),
        sa.Column("token_hash", sqlmodel.AutoString(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("accepted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(ONE_ROLE, name=op.f("ck_invitation_one_role")),
        sa.ForeignKeyConstraint(
            ["inviter_id"],
            ["user.id"],
            name=op.f("invitation_inviter_id_fkey"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("invitation_organization_id_fkey"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["role_id"], ["organization_role.id"], name=op.f("invitation_role_id_fkey")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("invitation_pkey")),
        sa.UniqueConstraint("token_hash", name=op.f("invitation_token_hash_key")),
    )
    op.create_index(
        "ix_invitation_organization_email", "invitation", ["organization_id", "email"], unique=False
    )
    op.create_index(op.f("ix_invitation_role_id"), "invitation", ["role_id"], unique=False)
    op.create_table(
        "membership",
        sa.Column("organization_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("role", sqlmodel.AutoString(length=16), nullable=True),
        sa.Column("role_id", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(ONE_ROLE, name=op.f("ck_membership_one_role")),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("membership_organization_id_fkey"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["role_id"], ["organization_role.id"], name=op.f("membership_role_id_fkey")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user.id"], name=op.f("membership_user_id_fkey"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("organization_id", "user_id", name=op.f("membership_pkey")),
    )
    op.create_index(op.f("ix_membership_role_id"), "membership", ["role_id"], unique=False)
    op.create_index(op.f("ix_membership_user_id"), "membership", ["user_id"], unique=False)

    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("organization_id", sa.Uuid(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_audit_log_organization_id"), ["organization_id"], unique=False
        )

    # region capability: items
    with op.batch_alter_table("item", schema=None) as batch_op:
        batch_op.add_column(sa.Column("organization_id", sa.Uuid(), nullable=True))

    # endregion capability: items
    give_everyone_a_personal_organization()

    # region capability: items
    with op.batch_alter_table("item", schema=None) as batch_op:
        batch_op.alter_column("organization_id", existing_type=sa.Uuid(), nullable=False)
        batch_op.create_index(
            "ix_item_organization_created", ["organization_id", "created_at"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("item_organization_id_fkey"),
            "organization",
            ["organization_id"],
            ["id"],
            ondelete="CASCADE",
        )
    # endregion capability: items


def personal_slug(email: str) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", email.split("@")[0].lower()).strip("-")[:50].strip("-")
    return f"{base or 'org'}-{secrets.token_hex(3)}"


def give_everyone_a_personal_organization() -> None:
    """Each user Owner of a personal organization, named as the app names new
    ones; their items move into it."""
    bind = op.get_bind()
    user = sa.table(
        "user",
        sa.column("id", sa.Uuid()),
        sa.column("email", sa.String()),
        sa.column("full_name", sa.String()),
        sa.column("created_at", sa.DateTime(timezone=True)),
    )
    organization = sa.table(
        "organization",
        sa.column("id", sa.Uuid()),
        sa.column("name", sa.String()),
        sa.column("slug", sa.String()),
        sa.column("personal_for_id", sa.Uuid()),
        sa.column("created_at", sa.DateTime(timezone=True)),
    )
    membership = sa.table(
        "membership",
        sa.column("organization_id", sa.Uuid()),
        sa.column("user_id", sa.Uuid()),
        sa.column("role", sa.String()),
        sa.column("created_at", sa.DateTime(timezone=True)),
    )
    # region capability: items
    item = sa.table(
        "item", sa.column("owner_id", sa.Uuid()), sa.column("organization_id", sa.Uuid())
    )
    # endregion capability: items
    organizations, memberships = [], []
    for user_id, email, full_name, created_at in bind.execute(sa.select(user)).all():
        organization_id = uuid.uuid4()
        who = full_name or email.split("@")[0]
        organizations.append(
            {
                "id": organization_id,
                "name": f"{who[:230]}'s organization",
                "slug": personal_slug(email),
                "personal_for_id": user_id,
                "created_at": created_at,
            }
        )
        memberships.append(
            {
                "organization_id": organization_id,
                "user_id": user_id,
                "role": "owner",
                "created_at": created_at,
            }
        )
    if organizations:
        bind.execute(organization.insert(), organizations)
        bind.execute(membership.insert(), memberships)
    # region capability: items
    personal = (
        sa.select(organization.c.id)
        .where(organization.c.personal_for_id == item.c.owner_id)
        .scalar_subquery()
    )
    bind.execute(item.update().values(organization_id=personal))
    # endregion capability: items


def downgrade() -> None:
    # region capability: items
    with op.batch_alter_table("item", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("item_organization_id_fkey"), type_="foreignkey")
        batch_op.drop_index("ix_item_organization_created")
        batch_op.drop_column("organization_id")

    # endregion capability: items
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_log_organization_id"))
        batch_op.drop_column("organization_id")

    op.drop_index(op.f("ix_membership_user_id"), table_name="membership")
    op.drop_index(op.f("ix_membership_role_id"), table_name="membership")
    op.drop_table("membership")
    op.drop_index(op.f("ix_invitation_role_id"), table_name="invitation")
    op.drop_index("ix_invitation_organization_email", table_name="invitation")
    op.drop_table("invitation")
    op.drop_table("organization_role")
    op.drop_table("organization")
