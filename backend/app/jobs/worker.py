"""The worker: `app jobs run-worker` (app/cli/jobs.py, which calls `main`)
runs jobs until SIGTERM or SIGINT, then finishes the jobs in hand (for up
to JOBS_SHUTDOWN_GRACE_SECONDS; longer ones are aborted and run again
later), takes no new one and exits 0. `python -m app.jobs.worker
--healthcheck` exits 0 while a worker on this host is alive: the container's
health check, which runs every few seconds and so skips the command line's
slower start.

With an in-memory queue (SQLite), the API process runs the worker itself
(`in_process_worker`), since the queue lives in that process.
"""

import argparse
import asyncio
import logging
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from prometheus_client import start_http_server

from app.core import tracing
from app.core.config import DATA_DIR, settings
from app.core.db import create_engine, session_factory, transaction
from app.core.logs import configure_logging
from app.jobs import crud, metrics
from app.jobs.queue import queue, requeue_unfinished
from app.jobs.sessions import sessions, use_sessions

logger = logging.getLogger("jobs")
ALIVE_FILE = DATA_DIR / "worker-alive"


def worker_options(**overrides: Any) -> dict[str, Any]:
    options: dict[str, Any] = {
        "concurrency": settings.JOBS_CONCURRENCY,
        "shutdown_graceful_timeout": settings.JOBS_SHUTDOWN_GRACE_SECONDS,
        "update_heartbeat_interval": settings.JOBS_HEARTBEAT_SECONDS,
        "stalled_worker_timeout": settings.JOBS_STALLED_AFTER_SECONDS,
        # Our job table keeps the history; the queue keeps what may still run.
        "delete_jobs": "successful",
    }
    return options | overrides


def touch(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch()


async def watch(alive_file: Path | None) -> None:
    """Refresh the queue-depth gauge, and the liveness file the health check reads."""
    while True:
        try:
            async with transaction(sessions()) as session:
                counts = await crud.count_jobs_by_state(session=session)
            metrics.set_depth(counts.model_dump())
            if alive_file is not None:
                await asyncio.to_thread(touch, alive_file)
        except Exception as error:  # the next round tries again
            logger.warning("could not read the queue's depth: %s", type(error).__name__)
        await asyncio.sleep(settings.JOBS_HEARTBEAT_SECONDS)


async def run_worker(*, name: str | None = None) -> None:
    engine = create_engine(settings)
    use_sessions(session_factory(engine))
    watcher = asyncio.create_task(watch(ALIVE_FILE))
    try:
        async with queue.open_async():
            logger.info("worker %s started (queue: %s)", name or "", settings.jobs_queue)
            await queue.run_worker_async(**worker_options(name=name))
    finally:
        watcher.cancel()
        await engine.dispose()
        logger.info("worker %s stopped", name or "")


@asynccontextmanager
async def in_process_worker() -> AsyncIterator[None]:
    """Run the worker beside the API, in its event loop, for the app's life."""
    async with queue.open_async():
        async with transaction(sessions()) as session:
            requeued = await requeue_unfinished(session)
        if requeued:
            logger.info("requeued %d unfinished jobs", requeued)
        task = asyncio.create_task(
            queue.run_worker_async(
                **worker_options(install_signal_handlers=False, name="in-process")
            )
        )
        watcher = asyncio.create_task(watch(None))
        logger.info("in-process worker started (queue: %s)", settings.jobs_queue)
        try:
            yield
        finally:
            watcher.cancel()
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)


async def run_queued_jobs() -> None:
    """Run every job already queued, then return (tests, one-off scripts).

    It defers no scheduled job: schedules belong to the long-running
    workers, and a one-off run near the top of the hour must not add an
    hourly job that nobody asked it for. procrastinate's periodic deferrer
    skips a period missed by more than `max_delay` seconds; a negative
    delay makes every period count as missed.
    """
    defaults = queue.periodic_defaults
    queue.periodic_defaults = {**defaults, "max_delay": -1}
    try:
        await queue.run_worker_async(
            **worker_options(
                wait=False, install_signal_handlers=False, listen_notify=False, concurrency=1
            )
        )
    finally:
        queue.periodic_defaults = defaults


def healthy(alive_file: Path = ALIVE_FILE) -> bool:
    try:
        age = time.time() - alive_file.stat().st_mtime
    except FileNotFoundError:
        return False
    return age < 3 * settings.JOBS_HEARTBEAT_SECONDS + 5


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app.jobs.worker", description=__doc__)
    parser.add_argument("--name", help="the worker's name in logs")
    parser.add_argument("--healthcheck", action="store_true", help="exit 0 if a worker is alive")
    args = parser.parse_args(argv)
    if args.healthcheck:
        return 0 if healthy() else 1
    json_logs = settings.LOG_FORMAT == "json" or (
        settings.LOG_FORMAT is None and settings.ENVIRONMENT != "local"
    )
    configure_logging(json=json_logs, level=settings.LOG_LEVEL)
    if not settings.JOBS_ENABLED:
        logger.error("JOBS_ENABLED is false: nothing to run")
        return 2
    if settings.METRICS_ENABLED:
        start_http_server(settings.JOBS_METRICS_PORT, registry=metrics.registry)
    if settings.OTEL_EXPORTER_OTLP_ENDPOINT:
        tracing.use_provider(
            tracing.otlp_tracer_provider(
                endpoint=settings.OTEL_EXPORTER_OTLP_ENDPOINT,
                service_name=f"{settings.OTEL_SERVICE_NAME}-worker",
            )
        )
    asyncio.run(run_worker(name=args.name))
    return 0


if __name__ == "__main__":
    sys.exit(main())
