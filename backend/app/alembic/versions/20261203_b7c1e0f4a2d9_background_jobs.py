"""Background jobs: the job table, idempotency keys, and on PostgreSQL the
queue's own tables and functions (procrastinate's schema).

The queue's schema is the one the installed procrastinate ships. When an
upgrade of procrastinate brings schema migrations (its release notes say
so), add a revision that runs them: docs/operations.md, "Background jobs".

Revision ID: b7c1e0f4a2d9
Revises: 340e2618d045
Create Date: 2026-12-03 14:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op
from procrastinate.schema import SchemaManager

revision: str = "b7c1e0f4a2d9"
down_revision: str | None = "340e2618d045"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "job",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("kind", sqlmodel.AutoString(length=64), nullable=False),
        sa.Column("state", sqlmodel.AutoString(length=16), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("summary", sqlmodel.AutoString(length=255), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("run", sa.Integer(), nullable=False),
        sa.Column("last_error", sqlmodel.AutoString(length=1000), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("traceparent", sqlmodel.AutoString(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("job_pkey")),
    )
    op.create_index(op.f("ix_job_kind"), "job", ["kind"], unique=False)
    op.create_index(op.f("ix_job_state"), "job", ["state"], unique=False)
    op.create_index(op.f("ix_job_created_at"), "job", ["created_at"], unique=False)
    op.create_table(
        "idempotency_key",
        sa.Column("key", sqlmodel.AutoString(length=128), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("idempotency_key_pkey")),
    )
    if op.get_bind().dialect.name == "postgresql":
        # One script, sent as is; the driver reads "%%" as a literal "%".
        op.get_bind().exec_driver_sql(SchemaManager.get_schema().replace("%", "%%"))


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            """
            DO $$
            DECLARE routine record;
            BEGIN
              DROP TABLE IF EXISTS procrastinate_events, procrastinate_periodic_defers,
                procrastinate_jobs, procrastinate_workers CASCADE;
              FOR routine IN
                SELECT oid::regprocedure AS signature FROM pg_proc
                WHERE proname LIKE 'procrastinate\\_%'
              LOOP
                EXECUTE 'DROP FUNCTION IF EXISTS ' || routine.signature || ' CASCADE';
              END LOOP;
              DROP TYPE IF EXISTS procrastinate_job_status, procrastinate_job_event_type,
                procrastinate_job_to_defer_v1 CASCADE;
            END $$;
            """
        )
    op.drop_table("idempotency_key")
    op.drop_index(op.f("ix_job_created_at"), table_name="job")
    op.drop_index(op.f("ix_job_state"), table_name="job")
    op.drop_index(op.f("ix_job_kind"), table_name="job")
    op.drop_table("job")
