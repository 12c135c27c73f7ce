"""Jobs that run on a schedule. procrastinate defers each period's job once,
however many workers run: each period is a unique row in its table.

To add one: a kind (`@job_kind`) that does the work, and a periodic task
that enqueues it, as `hourly_housekeeping` does (its schedule is a setting,
JOBS_HOUSEKEEPING_CRON, so tests can run it every second). The cron string
takes an optional sixth field for seconds.
"""

import logging
from datetime import timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from app import crud
from app.core.config import settings
from app.core.db import transaction
from app.jobs import crud as jobs_crud
from app.jobs.kinds import job_kind
from app.jobs.models import Job
from app.jobs.queue import enqueue, queue
from app.jobs.sessions import sessions
from app.maintenance import RETENTION
from app.models import utcnow

logger = logging.getLogger("jobs")
HOUSEKEEPING = "housekeeping"
# How long the jobs page keeps a finished job.
JOB_RETENTION = timedelta(days=30)


@job_kind(HOUSEKEEPING)
async def housekeeping(session: AsyncSession, _job: Job) -> None:
    """Delete sessions, emailed links, rate-limit windows and finished jobs
    that no longer matter."""
    counts = await crud.purge_stale_rows(session=session, before=utcnow() - RETENTION)
    counts |= await jobs_crud.purge_finished_jobs(session=session, before=utcnow() - JOB_RETENTION)
    logger.info("housekeeping deleted %s", ", ".join(f"{n} {what}" for what, n in counts.items()))


@queue.periodic(cron=settings.JOBS_HOUSEKEEPING_CRON)
@queue.task(name="hourly_housekeeping", queueing_lock="hourly_housekeeping")
async def hourly_housekeeping(timestamp: int) -> None:
    async with transaction(sessions()) as session:
        enqueue(session, HOUSEKEEPING, {"period": timestamp}, summary="hourly")


@queue.periodic(cron=settings.JOBS_RECOVERY_CRON)
@queue.task(name="recover_stalled_jobs", queueing_lock="recover_stalled_jobs")
async def recover_stalled_jobs(timestamp: int) -> None:
    """Jobs whose worker stopped sending heartbeats (killed, lost its host)
    run again on another worker."""
    del timestamp
    stalled = await queue.job_manager.get_stalled_jobs(
        seconds_since_heartbeat=settings.JOBS_STALLED_AFTER_SECONDS
    )
    for job in stalled:
        logger.warning("job %s stalled on a dead worker: running it again", job.id)
        await queue.job_manager.retry_job(job)
