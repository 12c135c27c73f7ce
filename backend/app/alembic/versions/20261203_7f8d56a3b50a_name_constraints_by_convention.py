"""Name every constraint as the metadata's naming convention does.

PostgreSQL named the constraints when it created the tables, and the
convention reproduces its names, so nothing changes there. SQLite keeps no
name for a constraint created without one, and a batch migration can drop or
alter a constraint only by its name: there, every table is rebuilt with its
constraints named. The downgrade rebuilds them without names again.

Revision ID: 7f8d56a3b50a
Revises: 6a51d495a579
Create Date: 2026-12-03 09:43:26.913307
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '7f8d56a3b50a'
down_revision: str | None = '6a51d495a579'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The convention as it stands at this revision: a later change to the models'
# convention must not change what this migration does.
NAMING_CONVENTION = {
    "pk": "%(table_name)s_pkey",
    "fk": "%(table_name)s_%(column_0_N_name)s_fkey",
    "uq": "%(table_name)s_%(column_0_N_name)s_key",
    "ix": "ix_%(column_0_label)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
}

TABLES = (
    "rate_limit_counter",
    "user",
    "action_token",
    "audit_log",
    "auth_session",
    # region capability: items
    "item",
    # endregion capability: items
    "refresh_token",
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    refuse_to_cascade()
    for table in TABLES:
        with op.batch_alter_table(
            table, recreate="always", naming_convention=NAMING_CONVENTION
        ):
            pass


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    refuse_to_cascade()
    for name in TABLES:
        table = sa.Table(name, sa.MetaData(), autoload_with=bind)
        for constraint in table.constraints:
            if isinstance(constraint, sa.PrimaryKeyConstraint | sa.ForeignKeyConstraint):
                constraint.name = None
        with op.batch_alter_table(name, recreate="always", copy_from=table):
            pass


def refuse_to_cascade() -> None:
    """Rebuilding a table drops the original, and while SQLite enforces foreign
    keys that drop deletes every row referencing it. The app's migration
    environment turns enforcement off; a caller migrating through its own
    transaction cannot, and would lose data."""
    bind = op.get_bind()
    enforced = bind.exec_driver_sql("PRAGMA foreign_keys").scalar()
    if enforced and bind.exec_driver_sql('SELECT 1 FROM "user" LIMIT 1').first():
        raise RuntimeError(
            "Foreign keys are enforced: rebuilding the tables would delete rows. "
            "Migrate with `alembic upgrade`, or through a connection not yet in a transaction."
        )
