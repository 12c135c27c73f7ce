"""Audit entries keep the target's address and what an action changed.

`target_email` is the target's address when it happened, as `actor_email` is
the actor's, so entries stay readable and findable after a user changes
address or is deleted. `changes` holds each changed field with its old and
new value (a secret only as changed).

Existing rows get the address where it can be known: for what people do to
their own account (and the deletions they made themselves, the ones without
a detail), the actor's address at the time is the target's; for the rest,
the address of the user who still exists. `detail` keeps what older entries
said.

Revision ID: 340e2618d045
Revises: 7f8d56a3b50a
Create Date: 2026-12-03 13:15:45.847947
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '340e2618d045'
down_revision: str | None = '7f8d56a3b50a'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Actions the target did themselves, so the actor's address is theirs: a
# failed login records the address tried against the account it belongs to.
OWN_ACTIONS = (
    "signup",
    "login",
    "login_failed",
    "logout",
    "password_changed",
    "password_reset",
    "email_changed",
)


def upgrade() -> None:
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.add_column(sa.Column('target_email', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True))
        batch_op.add_column(sa.Column('changes', sa.JSON(), nullable=True))

    audit_log = sa.table(
        "audit_log",
        sa.column("action", sa.String()),
        sa.column("actor_email", sa.String()),
        sa.column("target_user_id", sa.Uuid()),
        sa.column("target_email", sa.String()),
        sa.column("detail", sa.String()),
    )
    user = sa.table("user", sa.column("id", sa.Uuid()), sa.column("email", sa.String()))
    unknown = audit_log.c.target_email.is_(None) & audit_log.c.target_user_id.is_not(None)
    op.execute(
        audit_log.update()
        .where(
            unknown,
            audit_log.c.action.in_(OWN_ACTIONS)
            | ((audit_log.c.action == "user_deleted") & audit_log.c.detail.is_(None)),
        )
        .values(target_email=audit_log.c.actor_email)
    )
    op.execute(
        audit_log.update()
        .where(unknown)
        .values(
            target_email=sa.select(user.c.email)
            .where(user.c.id == audit_log.c.target_user_id)
            .scalar_subquery()
        )
    )


def downgrade() -> None:
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_column('changes')
        batch_op.drop_column('target_email')
