"""PostgreSQL stops and comes back while the backend runs."""

import subprocess
import time

import psycopg

from tests_resilience.conftest import StartBackend
from tests_resilience.processes import PostgresCluster, backend_env, login, prestart

POOL_TIMEOUT_SECONDS = 3


def test_requests_answer_503_with_a_clear_detail_while_the_database_is_down(
    start: StartBackend, running_cluster: PostgresCluster
) -> None:
    backend = start(DB_POOL_TIMEOUT_SECONDS=str(POOL_TIMEOUT_SECONDS))
    with backend.client() as client:
        headers = {"Authorization": f"Bearer {login(client)}"}
        running_cluster.stop()
        try:
            started = time.monotonic()
            response = client.get("/users/me", headers=headers)
            elapsed = time.monotonic() - started
        finally:
            running_cluster.start()
    assert response.status_code == 503
    assert "database" in response.json()["detail"]
    assert elapsed < POOL_TIMEOUT_SECONDS + 2
    assert "Traceback" not in response.text


def test_requests_succeed_again_once_the_database_is_back(
    start: StartBackend, running_cluster: PostgresCluster
) -> None:
    backend = start()
    with backend.client() as client:
        headers = {"Authorization": f"Bearer {login(client)}"}
        running_cluster.stop()
        try:
            assert client.get("/users/me", headers=headers).status_code == 503
        finally:
            running_cluster.start()
        assert client.get("/users/me", headers=headers).status_code == 200


def test_readiness_fails_while_the_database_is_down_and_liveness_holds(
    start: StartBackend, running_cluster: PostgresCluster
) -> None:
    backend = start()
    with backend.client() as client:
        assert client.get("/utils/ready").status_code == 200
        running_cluster.stop()
        try:
            ready = client.get("/utils/ready")
            alive = client.get("/utils/health-check/")
        finally:
            running_cluster.start()
        assert client.get("/utils/ready").status_code == 200
    assert ready.status_code == 503
    assert alive.status_code == 200


def test_prestart_waits_for_the_database_and_proceeds_when_it_is_up(
    running_cluster: PostgresCluster,
) -> None:
    running_cluster.stop()
    try:
        process = prestart(backend_env(running_cluster.url))
        # Two failed attempts seen, however slowly the machine starts Python.
        waited = read_until(process, "database not ready (attempt", count=2, timeout=60)
        assert process.poll() is None, "prestart gave up while the database was down"
    finally:
        running_cluster.start()
    started = time.monotonic()
    rest, _ = process.communicate(timeout=60)
    assert process.returncode == 0, waited + rest
    # Retries are a second apart; the bound leaves room for the four Python
    # processes of prestart (wait, migrate, seed, purge) on a busy machine.
    assert time.monotonic() - started < 30
    assert "database is ready" in rest
    psycopg.connect(running_cluster.url, connect_timeout=2).close()


def read_until(process: subprocess.Popen[str], text: str, *, count: int, timeout: float) -> str:
    """The process's output up to the line where `text` has appeared `count` times."""
    assert process.stdout is not None
    deadline = time.monotonic() + timeout
    output = ""
    while output.count(text) < count:
        assert time.monotonic() < deadline, f"{text!r} not seen {count} times:\n{output}"
        line = process.stdout.readline()
        assert line, f"the process ended before {text!r} was seen {count} times:\n{output}"
        output += line
    return output
