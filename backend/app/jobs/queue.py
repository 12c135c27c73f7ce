"""The queue, and `enqueue`: the one way to start a job.

procrastinate keeps the queue: on PostgreSQL in its own tables (created by
an Alembic revision), which gives retries with backoff, locking between
workers, schedules deferred once per period however many workers run, and
recovery of jobs whose worker died; with SQLite, in this process's memory.

`enqueue` writes the job's row in the caller's transaction and hands the job
to the queue as part of the same commit: on PostgreSQL on the same
connection, inside the transaction, so a rolled-back request leaves no job
and a committed one never loses it; in memory right after the commit (the
row is committed, and a restarted in-process worker picks up what the
memory lost: see `requeue_unfinished`).
"""

import uuid
from typing import Any

import procrastinate
from procrastinate.testing import InMemoryConnector
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from app.core.config import settings
from app.core.db import after_commit, before_commit
from app.core.tracing import current_traceparent
from app.jobs.models import ACTIVE_STATES, Job, JobState

RUN_JOB_TASK = "run_job"
_PENDING = "jobs_to_defer"


def _connector() -> procrastinate.connector.BaseAsyncConnector:
    if settings.jobs_queue == "memory":
        return InMemoryConnector()
    url = settings.database_url.replace("postgresql+psycopg://", "postgresql://", 1)
    # The queue's own pool (jobs use the app's engine): a connection per job
    # in hand for fetching and finishing, one to listen for new jobs, a spare.
    size = settings.JOBS_CONCURRENCY + 2
    return procrastinate.PsycopgConnector(conninfo=url, min_size=1, max_size=size)


queue = procrastinate.App(connector=_connector(), import_paths=["app.jobs.runner"])


def enqueue(
    session: AsyncSession,
    kind: str,
    payload: dict[str, Any] | None = None,
    *,
    summary: str | None = None,
) -> Job:
    """Start a job of `kind` when the session's transaction commits."""
    job = Job(
        kind=kind,
        payload=payload or {},
        summary=summary,
        traceparent=current_traceparent(),
    )
    session.add(job)
    schedule(session, job)
    return job


def schedule(session: AsyncSession, job: Job) -> None:
    """Hand an existing job row to the queue when the transaction commits."""
    session.info.setdefault(_PENDING, []).append((job.id, job.run))
    if settings.jobs_queue == "memory":
        after_commit(session, _defer_in_memory)
    else:
        before_commit(session, _defer_in_transaction)


async def _defer_in_transaction(session: AsyncSession) -> None:
    pending: list[tuple[uuid.UUID, int]] = session.info.pop(_PENDING, [])
    if not pending:
        return
    await session.flush()
    connection = await session.connection()
    raw = await connection.get_raw_connection()
    task = queue.configure_task(RUN_JOB_TASK, connection=raw.driver_connection)
    await task.batch_defer_async(*_task_arguments(pending))


async def _defer_in_memory(session: AsyncSession) -> None:
    pending: list[tuple[uuid.UUID, int]] = session.info.pop(_PENDING, [])
    if pending:
        await queue.configure_task(RUN_JOB_TASK).batch_defer_async(*_task_arguments(pending))


def _task_arguments(pending: list[tuple[uuid.UUID, int]]) -> list[dict[str, Any]]:
    """One queue entry per job: a transaction that starts many jobs hands
    them over in one statement."""
    return [{"job_id": str(job_id), "run": run} for job_id, run in pending]


async def requeue_unfinished(session: AsyncSession) -> int:
    """Give the in-memory queue back the jobs it lost when its process
    stopped: every job not finished. Runs when an in-process worker starts."""
    rows = await session.exec(
        select(Job).where(col(Job.state).in_([state.value for state in ACTIVE_STATES]))
    )
    jobs = list(rows.all())
    for job in jobs:
        job.state = JobState.QUEUED.value
        schedule(session, job)
    return len(jobs)
