"""The one procrastinate task every job runs through: it keeps the job's row
(state, attempts, last error, times) and calls the handler of its kind.

Imported by the worker only (procrastinate's import_paths); it imports every
module that defines kinds and schedules, so a worker knows them all.

Each change to the job's row is one UPDATE (RETURNING what the handler
needs), not a load then a flush: the queue's own cost per job is what every
job pays, and the two statements this saves were a fifth of it.
"""

import logging
import time
import uuid

import procrastinate
from sqlalchemy import update
from sqlmodel import col

from app.core.config import settings
from app.core.db import transaction

# region capability: file_storage
from app.files import jobs as files_jobs  # noqa: F401  # defines kinds and a schedule

# endregion capability: file_storage
from app.jobs import email, noop, schedules  # noqa: F401  # they define kinds and schedules
from app.jobs.kinds import KINDS
from app.jobs.metrics import observe_job
from app.jobs.models import Job, JobState
from app.jobs.queue import RUN_JOB_TASK, queue
from app.jobs.sessions import sessions
from app.jobs.tracing import job_span
from app.models import utcnow

logger = logging.getLogger("jobs")
ERROR_MAX_LENGTH = 1000


def describe(error: BaseException) -> str:
    """What the jobs page shows of a failure: the error's type and message."""
    text = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    return text[:ERROR_MAX_LENGTH]


@queue.task(
    name=RUN_JOB_TASK,
    pass_context=True,
    # procrastinate counts retries after the first attempt.
    retry=procrastinate.RetryStrategy(
        max_attempts=settings.JOBS_MAX_ATTEMPTS - 1,
        exponential_wait=settings.JOBS_RETRY_BASE_SECONDS,
    ),
)
async def run_job(context: procrastinate.JobContext, job_id: str, run: int = 0) -> None:
    attempt = context.job.attempts + 1
    job = await _claim(uuid.UUID(job_id), run, attempt)
    if job is None:
        return  # cancelled while it waited, handed over again since, or done
    kind = job.kind
    handler = KINDS.get(kind)
    started = time.perf_counter()
    try:
        if handler is None:
            raise LookupError(f"no handler for job kind {kind!r}")
        with job_span(kind, job.traceparent):
            # The handler's writes and the job's success commit together.
            async with transaction(sessions()) as session:
                await handler(session, job)
                await session.exec(
                    update(Job)
                    .where(col(Job.id) == job.id)
                    .values(state=JobState.SUCCEEDED.value, finished_at=utcnow())
                )
    except Exception as error:
        final = handler is None or attempt >= settings.JOBS_MAX_ATTEMPTS
        await _finish(job_id, JobState.FAILED if final else JobState.RETRYING, describe(error))
        observe_job(kind, "failed" if final else "retrying", time.perf_counter() - started)
        logger.warning("job %s (%s) attempt %d failed: %s", job_id, kind, attempt, describe(error))
        if handler is None:
            return  # retrying cannot help
        raise
    observe_job(kind, "succeeded", time.perf_counter() - started)
    logger.info("job %s (%s) succeeded on attempt %d", job_id, kind, attempt)


async def _claim(job_id: uuid.UUID, run: int, attempt: int) -> Job | None:
    """Mark the job running (committed, so the jobs page shows it) and return
    it, unless it was cancelled, handed over again, or done meanwhile."""
    claim = (
        update(Job)
        .where(
            col(Job.id) == job_id,
            col(Job.run) == run,
            col(Job.state).not_in([JobState.CANCELLED.value, JobState.SUCCEEDED.value]),
        )
        .values(state=JobState.RUNNING.value, attempts=attempt, started_at=utcnow())
        .returning(*Job.__table__.columns)  # type: ignore[attr-defined]  # SQLModel's table
    )
    async with transaction(sessions()) as session:
        row = (await session.exec(claim)).one_or_none()
    return None if row is None else Job.model_validate(row._mapping)


async def _finish(job_id: str, state: JobState, error: str) -> None:
    finished = {"finished_at": utcnow()} if state is JobState.FAILED else {}
    async with transaction(sessions()) as session:
        await session.exec(
            update(Job)
            .where(col(Job.id) == uuid.UUID(job_id))
            .values(state=state.value, last_error=error, **finished)
        )
