"""Reading and changing jobs for the jobs API (writes flush, never commit)."""

import uuid
from datetime import datetime

from sqlalchemy import delete, func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from app.core.errors import Conflict
from app.jobs.models import IdempotencyKey, Job, JobCounts, JobState
from app.jobs.queue import schedule

RETRYABLE = (JobState.FAILED, JobState.CANCELLED)
CANCELLABLE = (JobState.QUEUED, JobState.RETRYING)


async def list_jobs(
    *, session: AsyncSession, state: JobState | None, kind: str | None, skip: int, limit: int
) -> tuple[list[Job], int]:
    """Jobs newest first, and how many match."""
    query = select(Job)
    if state is not None:
        query = query.where(Job.state == state.value)
    if kind is not None:
        query = query.where(Job.kind == kind)
    count = await session.exec(select(func.count()).select_from(query.subquery()))
    page = await session.exec(
        query.order_by(col(Job.created_at).desc(), col(Job.id)).offset(skip).limit(limit)
    )
    return list(page.all()), count.one()


async def count_jobs_by_state(*, session: AsyncSession) -> JobCounts:
    rows = await session.exec(select(Job.state, func.count()).group_by(col(Job.state)))
    return JobCounts.model_validate(dict(rows.all()))


async def get_job(*, session: AsyncSession, job_id: uuid.UUID) -> Job | None:
    return await session.get(Job, job_id, with_for_update=True)


async def retry_job(*, session: AsyncSession, job: Job) -> Job:
    """Run a failed or cancelled job again, from its first attempt."""
    if job.state not in RETRYABLE:
        raise Conflict(f"Only a failed or cancelled job can be retried; this one is {job.state}")
    job.state = JobState.QUEUED.value
    job.attempts = 0
    job.run += 1
    job.started_at = job.finished_at = None
    schedule(session, job)
    await session.flush()
    return job


async def cancel_job(*, session: AsyncSession, job: Job) -> Job:
    """Cancel a job that has not started (or waits for its next attempt).
    A running job is left to finish: stopping it halfway could leave its
    work half done."""
    if job.state not in CANCELLABLE:
        raise Conflict(f"Only a waiting job can be cancelled; this one is {job.state}")
    job.state = JobState.CANCELLED.value
    await session.flush()
    return job


async def purge_finished_jobs(*, session: AsyncSession, before: datetime) -> dict[str, int]:
    """Forget jobs that succeeded or were cancelled before `before`, and the
    idempotency keys of that age (no retry comes that late). Failed jobs
    stay until someone retries them or they are deleted by hand."""
    jobs = await session.exec(
        delete(Job).where(
            col(Job.state).in_([JobState.SUCCEEDED.value, JobState.CANCELLED.value]),
            col(Job.created_at) < before,
        )
    )
    keys = await session.exec(delete(IdempotencyKey).where(col(IdempotencyKey.created_at) < before))
    return {"jobs": jobs.rowcount, "idempotency keys": keys.rowcount}
