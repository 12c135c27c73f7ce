"""The kinds of job, each run by one handler: `@job_kind("name")`."""

from collections.abc import Awaitable, Callable

from sqlmodel.ext.asyncio.session import AsyncSession

from app.jobs.models import Job

# A handler gets the job's row and a session in its own transaction (commit
# by returning). It raises to fail the attempt: the job is retried with
# backoff until JOBS_MAX_ATTEMPTS, then kept as failed with the error.
Handler = Callable[[AsyncSession, Job], Awaitable[None]]

KINDS: dict[str, Handler] = {}


def job_kind(name: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        if name in KINDS:
            raise ValueError(f"job kind {name!r} is defined twice")
        KINDS[name] = handler
        return handler

    return register
