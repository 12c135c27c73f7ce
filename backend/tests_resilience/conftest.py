"""Fixtures for the failure tests: a private PostgreSQL cluster per test
module, migrated and seeded by the real prestart script, and backend
processes that are always stopped."""

import secrets
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest

from tests_resilience.processes import (
    Backend,
    PostgresCluster,
    backend_env,
    postgres_bin_dir,
    prestart,
    start_backend,
)

StartBackend = Callable[..., Backend]


@pytest.fixture(scope="module")
def cluster() -> Iterator[PostgresCluster]:
    bin_dir = postgres_bin_dir()
    if bin_dir is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) are not installed")
    root = Path(tempfile.gettempdir()) / f"resilience-pg-{secrets.token_hex(4)}"
    cluster = PostgresCluster(bin_dir=bin_dir, root=root)
    try:
        cluster.init()
        process = prestart(backend_env(cluster.url))
        output, _ = process.communicate(timeout=120)
        assert process.returncode == 0, output
        yield cluster
    finally:
        cluster.destroy()


@pytest.fixture
def running_cluster(cluster: PostgresCluster) -> PostgresCluster:
    """The cluster, up: a test that stopped it may have failed before restarting it."""
    try:
        psycopg.connect(cluster.url, connect_timeout=2).close()
    except psycopg.OperationalError:
        cluster.start()
    return cluster


@pytest.fixture
def start(tmp_path: Path, running_cluster: PostgresCluster) -> Iterator[StartBackend]:
    started: list[Backend] = []

    def start_with(*, workers: int = 1, **overrides: str) -> Backend:
        env = backend_env(running_cluster.url, **overrides)
        backend = start_backend(env, tmp_path / f"backend-{len(started)}.log", workers=workers)
        started.append(backend)
        return backend

    yield start_with
    for backend in started:
        backend.kill()
