import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from app.api.deps import SessionDep, SuperuserDep
from app.api.pagination import Limit, Skip
from app.api.responses import errors
from app.core.errors import NotFound
from app.jobs import crud
from app.jobs.models import Job, JobCounts, JobPublic, JobsPublic, JobState

router = APIRouter(prefix="/jobs", tags=["jobs"])

Kind = Annotated[str | None, Query(max_length=64, description="Only jobs of this kind")]


async def found_job(session: SessionDep, job_id: uuid.UUID) -> Job:
    job = await crud.get_job(session=session, job_id=job_id)
    if job is None:
        raise NotFound("Job not found")
    return job


@router.get("/", responses=errors(401, 403))
async def read_jobs(
    session: SessionDep,
    _superuser: SuperuserDep,
    state: JobState | None = None,
    kind: Kind = None,
    skip: Skip = 0,
    limit: Limit = 100,
) -> JobsPublic:
    """Background jobs, newest first, narrowed by state and kind."""
    jobs, count = await crud.list_jobs(
        session=session, state=state, kind=kind, skip=skip, limit=limit
    )
    return JobsPublic.model_validate({"data": jobs, "count": count})


@router.get("/counts", responses=errors(401, 403))
async def read_job_counts(session: SessionDep, _superuser: SuperuserDep) -> JobCounts:
    """How many jobs are in each state."""
    return await crud.count_jobs_by_state(session=session)


@router.post("/{job_id}/retry", responses=errors(401, 403, 404, 409))
async def retry_job(session: SessionDep, _superuser: SuperuserDep, job_id: uuid.UUID) -> JobPublic:
    """Run a failed or cancelled job again."""
    job = await crud.retry_job(session=session, job=await found_job(session, job_id))
    return JobPublic.model_validate(job)


@router.post("/{job_id}/cancel", responses=errors(401, 403, 404, 409))
async def cancel_job(session: SessionDep, _superuser: SuperuserDep, job_id: uuid.UUID) -> JobPublic:
    """Cancel a job that has not started yet."""
    job = await crud.cancel_job(session=session, job=await found_job(session, job_id))
    return JobPublic.model_validate(job)
