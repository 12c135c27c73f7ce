"""A job that does nothing: what the queue itself costs per job, which
`scripts/bench.sh` measures."""

from sqlmodel.ext.asyncio.session import AsyncSession

from app.jobs.kinds import job_kind
from app.jobs.models import Job

KIND = "noop"


@job_kind(KIND)
async def noop(_session: AsyncSession, _job: Job) -> None:
    return None
