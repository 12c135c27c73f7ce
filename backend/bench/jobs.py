"""The jobs benchmark: no-op jobs per second through one worker, and the time
from `POST /users/signup` to its mail in an SMTP server, with two workers, at
a steady signup rate. Real processes on a throwaway PostgreSQL database."""

import asyncio
import os
import signal
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import psycopg
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

from bench.database import fresh_database
from bench.server import BACKEND_DIR, free_port, production_command, run_checked, running_server


@dataclass(frozen=True)
class JobsPlan:
    noop_jobs: int
    signups_per_second: int
    signup_seconds: int


JOBS_FULL = JobsPlan(noop_jobs=5000, signups_per_second=20, signup_seconds=30)
JOBS_SHORT = JobsPlan(noop_jobs=500, signups_per_second=20, signup_seconds=5)
WAIT_SECONDS = 300


class ArrivalTimes:
    """An SMTP handler that notes when each recipient's mail arrived."""

    def __init__(self) -> None:
        self.arrived: dict[str, float] = {}

    async def handle_DATA(self, _server: SMTP, _session: Session, envelope: Envelope) -> str:  # noqa: N802  # aiosmtpd's hook name
        now = time.monotonic()
        for recipient in envelope.rcpt_tos:
            self.arrived.setdefault(str(recipient), now)
        return "250 Message accepted"


def environment(database_url: str, smtp_port: int) -> dict[str, str]:
    return {
        "ENV_FILE": "",
        "ENVIRONMENT": "local",
        "SECRET_KEY": "bench-jobs-" + uuid.uuid4().hex,
        "DATABASE_URL": database_url,
        "JOBS_QUEUE": "postgres",
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": str(smtp_port),
        "SMTP_TLS": "false",
        "EMAILS_FROM_EMAIL": "bench@example.com",
        "REQUIRE_EMAIL_VERIFICATION": "true",
        "RATE_LIMIT_ENABLED": "false",
        "LOG_LEVEL": "WARNING",
        "REDIS_URL": "",
        # region capability: sentry
        "SENTRY_DSN": "",
        # endregion capability: sentry
    }


@contextmanager
def workers(count: int, env: dict[str, str], work_dir: Path) -> Iterator[None]:
    """`count` worker processes, ready to take jobs, stopped as in production."""
    processes = []
    for number in range(count):
        with (work_dir / f"worker-{number}.log").open("ab") as log:
            processes.append(
                subprocess.Popen(  # noqa: S603  # the worker's command
                    [sys.executable, "-m", "app.jobs.worker", "--name", f"bench-{number}"],
                    cwd=BACKEND_DIR,
                    env={**os.environ, **env},
                    stdout=log,
                    stderr=log,
                )
            )
    try:
        wait_until_registered(env["DATABASE_URL"], count)
        yield
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def wait_until_registered(database_url: str, count: int) -> None:
    """Until `count` workers have registered with the queue: a worker does so
    as its loop starts, so a job sent earlier would measure the worker's start
    (a second or two of imports) rather than the queue."""
    deadline = time.monotonic() + WAIT_SECONDS
    with psycopg.connect(database_url, autocommit=True) as connection:
        while time.monotonic() < deadline:
            row = connection.execute("SELECT count(*) FROM procrastinate_workers").fetchone()
            if row is not None and int(row[0]) >= count:
                return
            time.sleep(0.1)
    raise RuntimeError(f"{count} workers did not start within {WAIT_SECONDS} s")


def noop_rate(database_url: str, count: int, env: dict[str, str], work_dir: Path) -> float:
    """Jobs per second from the first job's start to the last one's end."""
    run_checked(
        [sys.executable, "-m", "bench.enqueue_noop", str(count)], env, work_dir / "enqueue.log"
    )
    query = (
        "SELECT count(*) FILTER (WHERE state = 'succeeded'),"
        " extract(epoch FROM max(finished_at) - min(started_at)) FROM job WHERE kind = 'noop'"
    )
    with workers(1, env, work_dir), psycopg.connect(database_url, autocommit=True) as connection:
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            row = connection.execute(query).fetchone()
            assert row is not None
            done, seconds = int(row[0]), float(row[1] or 0)
            if done >= count:
                return count / seconds if seconds else float("inf")
            time.sleep(0.5)
    raise RuntimeError(f"only {done} of {count} no-op jobs ran in {WAIT_SECONDS} s")


async def send_signups(
    base_url: str, plan: JobsPlan, run_id: str
) -> tuple[dict[str, float], dict[str, float]]:
    """When each signup was sent, and when its answer came."""
    sent: dict[str, float] = {}
    answered: dict[str, float] = {}
    interval = 1 / plan.signups_per_second
    async with httpx.AsyncClient(base_url=base_url, timeout=30) as client:

        async def signup(number: int) -> None:
            email = f"signup-{run_id}-{number}@bench.example"
            sent[email] = time.monotonic()
            body = {"email": email, "password": f"bench-Passw0rd-{number}"}
            response = await client.post("/api/v1/users/signup", json=body)
            answered[email] = time.monotonic()
            response.raise_for_status()

        start = time.monotonic()
        tasks = []
        for number in range(plan.signups_per_second * plan.signup_seconds):
            await asyncio.sleep(max(0.0, start + number * interval - time.monotonic()))
            tasks.append(asyncio.create_task(signup(number)))
        await asyncio.gather(*tasks)
    return sent, answered


def signup_to_mail(
    plan: JobsPlan, env: dict[str, str], arrivals: ArrivalTimes, work_dir: Path
) -> dict[str, float]:
    port = free_port()
    with (
        running_server(
            production_command("app.main:app", port=port, workers=1),
            env=env,
            health_path="/api/v1/utils/health-check/",
            log_path=work_dir / "api.log",
        ) as server,
        workers(2, env, work_dir),
    ):
        sent, answered = asyncio.run(send_signups(server.base_url, plan, uuid.uuid4().hex[:8]))
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline and not sent.keys() <= arrivals.arrived.keys():
            time.sleep(0.2)
    arrived = {e: t for e, t in arrivals.arrived.items() if e in sent}
    if not arrived:
        raise RuntimeError("no signup mail arrived")
    whole = percentiles([arrived[e] - sent[e] for e in arrived])
    after = percentiles([arrived[e] - answered[e] for e in arrived])
    request = percentiles([answered[e] - sent[e] for e in answered])
    return {
        "signups": len(sent),
        "missing": len(sent) - len(arrived),
        **{f"{name}_ms": value for name, value in whole.items()},
        **{f"after_response_{name}_ms": value for name, value in after.items()},
        **{f"request_{name}_ms": value for name, value in request.items()},
    }


def percentiles(seconds: list[float]) -> dict[str, float]:
    ordered = sorted(seconds)
    cut = statistics.quantiles(ordered, n=100, method="inclusive")
    return {"p50": cut[49] * 1000, "p99": cut[98] * 1000, "max": ordered[-1] * 1000}


def run(admin_url: str, work_dir: Path, plan: JobsPlan) -> dict[str, Any]:
    arrivals = ArrivalTimes()
    smtp_port = free_port()
    controller = Controller(arrivals, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    try:
        with fresh_database(admin_url) as database_url:
            env = environment(database_url, smtp_port)
            run_checked(
                [sys.executable, "-m", "alembic", "upgrade", "head"], env, work_dir / "migrate.log"
            )
            rate = noop_rate(database_url, plan.noop_jobs, env, work_dir)
            mail = signup_to_mail(plan, env, arrivals, work_dir)
    finally:
        controller.stop()
    return {"noop_jobs": plan.noop_jobs, "noop_jobs_per_second": rate, "signup_to_mail": mail}


def summary(figures: dict[str, Any]) -> str:
    mail = figures["signup_to_mail"]
    return "\n".join(
        [
            f"jobs: {figures['noop_jobs_per_second']:.0f} no-op jobs/s through one worker "
            f"({figures['noop_jobs']} jobs; target >= 1,000/s)",
            f"jobs: signup -> mail with two workers, {mail['signups']} signups: "
            f"p50 {mail['p50_ms']:.0f} ms, p99 {mail['p99_ms']:.0f} ms, max {mail['max_ms']:.0f} ms"
            f", {mail['missing']} missing (targets: p50 < 300 ms, p99 < 1 s)",
            f"jobs:   of which the signup request: p50 {mail['request_p50_ms']:.0f} ms, "
            f"p99 {mail['request_p99_ms']:.0f} ms; response -> mail: "
            f"p50 {mail['after_response_p50_ms']:.0f} ms, "
            f"p99 {mail['after_response_p99_ms']:.0f} ms",
        ]
    )
