"""What operators read of the jobs: the worker's health check and the
Prometheus figures."""

import os
import time
from pathlib import Path

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
