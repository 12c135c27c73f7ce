"""Workers as separate processes on PostgreSQL's queue, mails to a real SMTP
server: what survives a rollback, an SMTP outage, SIGTERM and a second
worker. Only on PostgreSQL: SQLite's queue lives inside one process."""

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.conftest import TEST_DATABASE
from tests.smtp import free_port, start_smtp_server

pytestmark = pytest.mark.skipif(
    TEST_DATABASE == "sqlite", reason="worker processes need PostgreSQL's queue"
)
BACKEND_DIR = os.path.dirname(os.path.dirname(os.path.dirname(__file__)))
SECRET = "worker-processes-test-secret-key-0123456789"
JOBS = 500
OUTAGE_ATTEMPTS = "SELECT attempts FROM job WHERE kind = 'send_email'"


@pytest.fixture
async def clean_queue(engine: AsyncEngine) -> AsyncIterator[None]:
    yield
    async with engine.begin() as connection:
        for table in (
            "procrastinate_events",
            "procrastinate_periodic_defers",
            "procrastinate_jobs",
        ):
            await connection.execute(text(f"DELETE FROM {table}"))
        await connection.execute(text("DELETE FROM idempotency_key"))
        await connection.execute(text("DELETE FROM job"))


def environment(database_url: str, smtp_port: int, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "ENV_FILE": "",
        "ENVIRONMENT": "local",
        "SECRET_KEY": SECRET,
        "DATABASE_URL": database_url,
        "JOBS_QUEUE": "postgres",
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": str(smtp_port),
        "SMTP_TLS": "false",
        # Generous: on a loaded machine the catcher may take seconds to answer,
        # and a timeout after it accepted a mail is the idempotency window.
        "SMTP_TIMEOUT_SECONDS": "10",
        "EMAILS_FROM_EMAIL": "noreply@example.com",
        "JOBS_HEARTBEAT_SECONDS": "1",
        "JOBS_STALLED_AFTER_SECONDS": "4",
        "JOBS_RETRY_BASE_SECONDS": "1",
        "JOBS_MAX_ATTEMPTS": "60",
        "LOG_FORMAT": "text",
        **extra,
    }


def enqueue(env: dict[str, str], count: int, domain: str, *, fail: bool = False) -> int:
    command = [sys.executable, "-m", "tests.jobs.enqueue_mails", str(count), domain]
    return subprocess.run(
        [*command, "--fail"] if fail else command, cwd=BACKEND_DIR, env=env, check=False
    ).returncode


@pytest.fixture
def start_worker(
    tmp_path: Path,
) -> Iterator[Callable[[dict[str, str], str], subprocess.Popen[bytes]]]:
    workers: list[subprocess.Popen[bytes]] = []

    def start(env: dict[str, str], name: str) -> subprocess.Popen[bytes]:
        with (tmp_path / f"{name}.log").open("ab") as log:
            worker = subprocess.Popen(
                [sys.executable, "-m", "app.jobs.worker", "--name", name],
                cwd=BACKEND_DIR,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        if worker.poll() is None:
            worker.kill()
        worker.wait()


def wait_until(condition: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def queue_rows(database_url: str, sql: str) -> list[tuple[object, ...]]:
    with psycopg.connect(database_url) as connection:
        return connection.execute(sql).fetchall()


@pytest.mark.usefixtures("clean_queue")
def test_committed_mails_arrive_once_and_rolled_back_ones_never(
    database_url: str, start_worker: Callable[[dict[str, str], str], subprocess.Popen[bytes]]
) -> None:
    smtp = start_smtp_server()
    try:
        env = environment(database_url, smtp.port)
        assert enqueue(env, 3, "kept.example") == 0
        assert enqueue(env, 2, "rolled-back.example", fail=True) == 3
        assert queue_rows(database_url, "SELECT count(*) FROM job WHERE kind = 'send_email'") == [
            (3,)
        ]
        start_worker(env, "one")
        assert wait_until(lambda: len(smtp.mails) >= 3, 30)
        time.sleep(1)
        recipients = sorted(m.recipients[0] for m in smtp.mails)
        assert recipients == [f"person{n}@kept.example" for n in range(3)]
    finally:
        smtp.stop()


@pytest.mark.usefixtures("clean_queue")
def test_a_mail_sent_while_smtp_is_down_arrives_once_when_it_is_back(
    database_url: str, start_worker: Callable[[dict[str, str], str], subprocess.Popen[bytes]]
) -> None:
    port = free_port()
    env = environment(database_url, port)
    started = time.monotonic()
    assert enqueue(env, 1, "outage.example") == 0
    # The request's side never tries SMTP: its mail waits in the queue, untried.
    untried = "SELECT state, attempts FROM job WHERE kind = 'send_email'"
    assert queue_rows(database_url, untried) == [("queued", 0)]
    start_worker(env, "one")
    assert wait_until(lambda: int(str(queue_rows(database_url, OUTAGE_ATTEMPTS)[0][0])) >= 2, 20), (
        "the worker retries while SMTP is down"
    )
    time.sleep(max(0.0, 20 - (time.monotonic() - started)))  # SMTP down for 20 s
    smtp = start_smtp_server(port)
    try:
        assert wait_until(lambda: len(smtp.mails) == 1, 30)
        mails = "SELECT state, last_error IS NOT NULL FROM job WHERE kind = 'send_email'"
        assert wait_until(lambda: queue_rows(database_url, mails) == [("succeeded", True)], 30)
        time.sleep(2)
        assert len(smtp.mails) == 1
    finally:
        smtp.stop()


@pytest.mark.usefixtures("clean_queue")
def test_two_workers_share_500_jobs_and_run_each_exactly_once(
    database_url: str,
    start_worker: Callable[[dict[str, str], str], subprocess.Popen[bytes]],
    tmp_path: Path,
) -> None:
    smtp = start_smtp_server()
    try:
        env = environment(database_url, smtp.port)
        assert enqueue(env, JOBS, "many.example") == 0
        start_worker(env, "one")
        start_worker(env, "two")
        assert wait_until(lambda: len(smtp.mails) >= JOBS, 300), f"{len(smtp.mails)} arrived"
        time.sleep(2)
        recipients = [m.recipients[0] for m in smtp.mails]
        assert len(recipients) == JOBS
        assert len(set(recipients)) == JOBS
        mails = "SELECT state, attempts, count(*) FROM job WHERE kind = 'send_email' GROUP BY 1, 2"
        assert queue_rows(database_url, mails) == [("succeeded", 1, JOBS)]
        for name in ("one", "two"):
            assert "Starting job run_job" in (tmp_path / f"{name}.log").read_text(), name
    finally:
        smtp.stop()


@pytest.mark.usefixtures("clean_queue")
def test_sigterm_lets_the_job_in_hand_finish_and_exits_0(
    database_url: str, start_worker: Callable[[dict[str, str], str], subprocess.Popen[bytes]]
) -> None:
    smtp = start_smtp_server()
    try:
        env = environment(database_url, smtp.port)
        worker = start_worker(env, "one")
        time.sleep(3)  # started and listening
        assert enqueue(env, 20, "graceful.example") == 0
        assert wait_until(lambda: len(smtp.mails) >= 1, 20)
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(timeout=40) == 0
        rows = queue_rows(
            database_url, "SELECT state, count(*) FROM job WHERE kind = 'send_email' GROUP BY state"
        )
        states = {str(state): int(str(count)) for state, count in rows}
        assert "running" not in states, states
        assert states.get("succeeded", 0) == len(smtp.mails)
    finally:
        smtp.stop()


@pytest.mark.usefixtures("clean_queue")
def test_two_workers_run_a_schedule_once_per_period(
    database_url: str, start_worker: Callable[[dict[str, str], str], subprocess.Popen[bytes]]
) -> None:
    env = environment(database_url, free_port(), JOBS_HOUSEKEEPING_CRON="* * * * * */2")
    start_worker(env, "one")
    start_worker(env, "two")

    def periods() -> list[str]:
        rows = queue_rows(
            database_url,
            "SELECT payload->>'period' FROM job"
            " WHERE kind = 'housekeeping' AND state = 'succeeded'",
        )
        return [str(period) for (period,) in rows]

    assert wait_until(lambda: len(periods()) >= 4, 60), periods()
    done = periods()
    assert len(done) == len(set(done)), f"a period ran twice: {sorted(done)}"


class SlowFirstGreeting:
    """A TCP proxy to an SMTP server that holds the first client it gets
    without a greeting (a mail being sent when its worker is killed) and
    passes every later one straight through."""

    def __init__(self, upstream_port: int) -> None:
        self.upstream_port = upstream_port
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.held: list[socket.socket] = []
        self.connections = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            self.connections += 1
            if self.connections == 1:
                self.held.append(client)
                continue
            upstream = socket.create_connection(("127.0.0.1", self.upstream_port))
            for source, target in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, target), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, target: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        finally:
            target.close()

    def close(self) -> None:
        self.listener.close()
        for client in self.held:
            client.close()


@pytest.mark.usefixtures("clean_queue")
def test_a_job_whose_worker_is_killed_runs_again_and_its_mail_arrives_once(
    database_url: str, start_worker: Callable[[dict[str, str], str], subprocess.Popen[bytes]]
) -> None:
    smtp = start_smtp_server()
    proxy = SlowFirstGreeting(smtp.port)
    try:
        env = environment(
            database_url,
            proxy.port,
            SMTP_TIMEOUT_SECONDS="60",
            JOBS_RECOVERY_CRON="* * * * * */2",
        )
        doomed = start_worker(env, "doomed")
        assert enqueue(env, 1, "killed.example") == 0
        assert wait_until(lambda: proxy.connections == 1, 30), "the first attempt began"
        doomed.kill()
        doomed.wait()
        start_worker(env, "survivor")
        assert wait_until(lambda: len(smtp.mails) == 1, 60), "the job ran again"
        time.sleep(2)
        assert len(smtp.mails) == 1
        mails = "SELECT state, attempts FROM job WHERE kind = 'send_email'"
        assert queue_rows(database_url, mails) == [("succeeded", 2)]
    finally:
        proxy.close()
        smtp.stop()
