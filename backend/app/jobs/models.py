"""The job table and its API schemas."""

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON
from sqlmodel import Column, Field, SQLModel

from app.models import timestamp


class JobState(StrEnum):
    QUEUED = "queued"  # waiting for a worker
    RUNNING = "running"
    RETRYING = "retrying"  # failed, another attempt is scheduled
    SUCCEEDED = "succeeded"
    FAILED = "failed"  # every attempt failed; kept with its last error
    CANCELLED = "cancelled"


ACTIVE_STATES = (JobState.QUEUED, JobState.RUNNING, JobState.RETRYING)


def queue_owns(table: str) -> bool:
    """The queue's own tables on PostgreSQL (procrastinate's schema), which
    no model describes."""
    return table.startswith("procrastinate_")


class Job(SQLModel, table=True):
    __tablename__ = "job"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    kind: str = Field(max_length=64, index=True)
    state: str = Field(default=JobState.QUEUED.value, max_length=16, index=True)
    # What the job needs, without secrets: references to rows, or a sealed
    # (encrypted) value where no reference will do (see app/jobs/sealed.py).
    payload: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    # What a person reading the jobs page may see ("to @example.com").
    summary: str | None = Field(default=None, max_length=255)
    attempts: int = 0
    # Which hand-over to the queue is current: a retry from the API hands the
    # job over again, and an older entry still waiting in the queue then
    # finds it is not the current one and does nothing.
    run: int = 0
    last_error: str | None = Field(default=None, max_length=1000)
    created_at: datetime = timestamp(index=True)
    started_at: datetime | None = timestamp(nullable=True)
    finished_at: datetime | None = timestamp(nullable=True)
    # W3C trace context of the request that enqueued it, so the job's span
    # links to that request's trace.
    traceparent: str | None = Field(default=None, max_length=64)


class JobPublic(SQLModel):
    id: uuid.UUID
    kind: str
    state: JobState
    summary: str | None
    attempts: int
    last_error: str | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None


class JobsPublic(SQLModel):
    data: list[JobPublic]
    count: int


class JobCounts(SQLModel):
    """How many jobs are in each state (every state is present)."""

    queued: int = 0
    running: int = 0
    retrying: int = 0
    succeeded: int = 0
    failed: int = 0
    cancelled: int = 0


class IdempotencyKey(SQLModel, table=True):
    """A side effect that happened: a job retried after it does not repeat it."""

    __tablename__ = "idempotency_key"

    key: str = Field(primary_key=True, max_length=128)
    created_at: datetime = timestamp()
