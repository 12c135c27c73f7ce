"""SIGTERM under load: in-flight requests finish, new ones are refused, exit 0."""

import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from tests_resilience.conftest import StartBackend
from tests_resilience.processes import ADMIN_EMAIL, ADMIN_PASSWORD, API

GRACE_PERIOD_SECONDS = 10
IN_FLIGHT = 16
# The container's default (WEB_CONCURRENCY in backend/Dockerfile). uvicorn's
# supervisor exits 0 after a graceful stop; a single-worker uvicorn re-raises
# SIGTERM after its own graceful stop and so exits 143, which Docker and
# Kubernetes read as a normal stop as well.
WORKERS = 2


def slow_login(base_url: str) -> int:
    """A login costs an Argon2 hash, and they queue: the last ones stay in
    flight for a good fraction of a second."""
    response = httpx.post(
        f"{base_url}{API}/login/access-token",
        data={"username": ADMIN_EMAIL, "password": ADMIN_PASSWORD},
        timeout=30,
    )
    return response.status_code


def test_in_flight_requests_complete_after_sigterm(start: StartBackend) -> None:
    backend = start(workers=WORKERS, MAX_CONCURRENT_PASSWORD_HASHES="1")
    with ThreadPoolExecutor(IN_FLIGHT) as pool:
        futures = [pool.submit(slow_login, backend.url) for _ in range(IN_FLIGHT)]
        time.sleep(0.3)
        started = time.monotonic()
        exit_code = backend.terminate()
        statuses = [f.result() for f in futures]
    assert statuses == [200] * IN_FLIGHT
    assert exit_code == 0
    assert time.monotonic() - started < GRACE_PERIOD_SECONDS


def test_new_connections_are_refused_after_sigterm(start: StartBackend) -> None:
    backend = start(workers=WORKERS)
    assert backend.terminate() == 0
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{backend.url}{API}/utils/health-check/", timeout=2)
