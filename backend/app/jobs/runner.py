"""The one procrastinate task every job runs through: it keeps the job's row
(state, attempts, last error, times) and calls the handler of its kind.

Imported by the worker only (procrastinate's import_paths); it imports every
module that defines kinds and schedules, so a worker knows them all.
"""

import logging
import time
import uuid

import procrastinate

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
    async with transaction(sessions()) as session:
        job = await session.get(Job, uuid.UUID(job_id), with_for_update=True)
        if job is None or job.run != run or job.state in (JobState.CANCELLED, JobState.SUCCEEDED):
            return  # cancelled while it waited, handed over again since, or done
        job.state = JobState.RUNNING.value
        job.attempts = attempt
        job.started_at = utcnow()
        kind, traceparent = job.kind, job.traceparent
    handler = KINDS.get(kind)
    started = time.perf_counter()
    try:
        if handler is None:
            raise LookupError(f"no handler for job kind {kind!r}")
        with job_span(kind, traceparent):
            # The handler's writes and the job's success commit together.
            async with transaction(sessions()) as session:
                job = await session.get(Job, uuid.UUID(job_id))
                assert job is not None
                await handler(session, job)
                job.state = JobState.SUCCEEDED.value
                job.finished_at = utcnow()
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


async def _finish(job_id: str, state: JobState, error: str) -> None:
    async with transaction(sessions()) as session:
        job = await session.get(Job, uuid.UUID(job_id))
        if job is None:
            return
        job.state = state.value
        job.last_error = error
        if state is JobState.FAILED:
            job.finished_at = utcnow()
