"""A down or stalled SMTP server never delays the request that sends mail,
and its failure is logged with the recipient's domain only, in the API
process's log (a queue's worker runs inside it here, so one log shows both)."""

import re
import socket
import threading
import time
from collections.abc import Iterator

import pytest

from tests_resilience.conftest import StartBackend
from tests_resilience.processes import ADMIN_EMAIL, free_port

PROMPT_SECONDS = 2.0
SMTP_FAILURE = re.compile(r"email to @example\.com (failed|refused)")


@pytest.fixture
def stalled_smtp_port() -> Iterator[int]:
    """Accepts connections and never says hello, like an overloaded server."""
    server = socket.create_server(("127.0.0.1", 0))
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join()
    for connection in held:
        connection.close()
    server.close()


def smtp_settings(port: int) -> dict[str, str]:
    return {
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": str(port),
        "SMTP_TLS": "false",
        "SMTP_SSL": "false",
        "SMTP_TIMEOUT_SECONDS": "3",
        "EMAILS_FROM_EMAIL": "noreply@example.com",
        # region capability: background_jobs
        "JOBS_WORKER_IN_PROCESS": "true",
        # endregion capability: background_jobs
    }


def request_recovery_email(start: StartBackend, smtp_port: int) -> tuple[float, str]:
    backend = start(**smtp_settings(smtp_port))
    with backend.client() as client:
        started = time.monotonic()
        response = client.post("/password-recovery", json={"email": ADMIN_EMAIL})
        elapsed = time.monotonic() - started
        assert response.status_code == 200
    deadline = time.monotonic() + 10
    while "email to @" not in backend.log() and time.monotonic() < deadline:
        time.sleep(0.2)
    return elapsed, backend.log()


def test_a_down_smtp_server_does_not_delay_the_request(start: StartBackend) -> None:
    elapsed, log = request_recovery_email(start, free_port())
    assert elapsed < PROMPT_SECONDS
    assert SMTP_FAILURE.search(log)


def test_a_stalled_smtp_server_does_not_delay_the_request(
    start: StartBackend, stalled_smtp_port: int
) -> None:
    elapsed, log = request_recovery_email(start, stalled_smtp_port)
    assert elapsed < PROMPT_SECONDS
    assert SMTP_FAILURE.search(log)


def test_the_failure_log_names_neither_the_recipient_nor_the_token(start: StartBackend) -> None:
    _, log = request_recovery_email(start, free_port())
    assert ADMIN_EMAIL not in log
    assert "token=" not in log
