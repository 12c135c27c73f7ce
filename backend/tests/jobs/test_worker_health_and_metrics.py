"""What operators read of the jobs: the worker's health check and the
Prometheus figures."""

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from app.core.db import transaction
from app.jobs import metrics
from app.jobs.noop import KIND
from app.jobs.queue import enqueue, queue
from app.jobs.sessions import use_sessions
from app.jobs.worker import healthy, run_queued_jobs


def test_a_worker_is_healthy_only_while_its_liveness_file_is_fresh(tmp_path: Path) -> None:
    alive = tmp_path / "worker-alive"
    assert not healthy(alive)
    alive.touch()
    assert healthy(alive)
    an_hour_ago = time.time() - 3600
    os.utime(alive, (an_hour_ago, an_hour_ago))
    assert not healthy(alive)


def runs(kind: str, outcome: str) -> float:
    labels = {"kind": kind, "outcome": outcome}
    return metrics.registry.get_sample_value("job_runs_total", labels) or 0.0


async def test_a_run_job_is_counted_and_timed(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    use_sessions(session_factory)
    queue.connector.reset()  # type: ignore[attr-defined]  # the in-memory connector's
    before = runs(KIND, "succeeded")
    timed = metrics.registry.get_sample_value("job_duration_seconds_count", {"kind": KIND}) or 0
    async with transaction(session_factory) as session:
        enqueue(session, KIND)
    async with queue.open_async():
        await run_queued_jobs()
    assert runs(KIND, "succeeded") == before + 1
    assert metrics.registry.get_sample_value("job_duration_seconds_count", {"kind": KIND}) == (
        timed + 1
    )


def test_the_queue_depth_has_a_figure_for_every_state() -> None:
    metrics.set_depth({"failed": 3})
    assert metrics.registry.get_sample_value("job_queue_depth", {"state": "failed"}) == 3
    assert metrics.registry.get_sample_value("job_queue_depth", {"state": "queued"}) == 0


@pytest.fixture
def every_minute() -> Iterator[list[int]]:
    """A task scheduled every minute, so that any worker that defers
    schedules defers it (its period began less than `max_delay` ago) and
    runs it; it records the periods it ran for."""
    name = "test_every_minute"
    periods: list[int] = []

    @queue.periodic(cron="* * * * *", periodic_id=name)
    @queue.task(name=name)
    async def tick(timestamp: int) -> None:
        periods.append(timestamp)

    yield periods
    del queue.periodic_registry.periodic_tasks[(name, name)]
    del queue.tasks[name]


async def test_a_one_off_run_defers_no_scheduled_job(every_minute: list[int]) -> None:
    queue.connector.reset()  # type: ignore[attr-defined]  # the in-memory connector's
    async with queue.open_async():
        await run_queued_jobs()
    assert every_minute == []


async def test_a_worker_defers_and_runs_a_scheduled_job(every_minute: list[int]) -> None:
    queue.connector.reset()  # type: ignore[attr-defined]
    async with queue.open_async():
        await queue.run_worker_async(wait=False, install_signal_handlers=False, listen_notify=False)
    assert len(every_minute) == 1
