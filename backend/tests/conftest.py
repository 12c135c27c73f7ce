"""Test fixtures: one migrated database per test process, one rolled-back
transaction per test, the app driven through HTTP in-process.

The engine is chosen by TEST_DATABASE: "sqlite" (default, a temporary file)
or a PostgreSQL admin URL (postgresql://postgres@127.0.0.1:5432/postgres),
on which a fresh database is created for each test process and dropped at
the end. The developer's database and .env are never read.
"""

import os
import secrets

os.environ["ENV_FILE"] = ""
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(32))
os.environ["ENVIRONMENT"] = "local"
os.environ["FIRST_SUPERUSER_PASSWORD"] = "first-superuser-Pa55"
os.environ["DATABASE_URL"] = "sqlite:////nonexistent/never-used.db"
# region capability: background_jobs
# Jobs run in this process, from memory, on either engine: each request's
# jobs run right after its response (see `client`). tests/jobs run real
# workers on PostgreSQL's queue.
os.environ["JOBS_QUEUE"] = "memory"
# endregion capability: background_jobs
# region capability: oauth
# A provider configured, so that its routes are served: tests/signin start a
# real OpenID Connect provider on loopback and point OIDC_DISCOVERY_URL at it.
os.environ["OIDC_CLIENT_ID"] = "test-client"
os.environ["OIDC_CLIENT_SECRET"] = "test-client-secret-of-some-length"
os.environ["OIDC_DISCOVERY_URL"] = "http://127.0.0.1:9/.well-known/openid-configuration"
# endregion capability: oauth
# region capability: magic_links
os.environ["MAGIC_LINK_ENABLED"] = "true"
# endregion capability: magic_links

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import AsyncExitStack, asynccontextmanager
from pathlib import Path

import psycopg
import pytest
from alembic import command
from alembic.config import Config
from httpx import ASGITransport, AsyncClient, Response
from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from app.api import deps
from app.core.config import BACKEND_DIR, settings, to_async_url
from app.core.db import create_engine, transaction

# region capability: background_jobs
from app.jobs.queue import queue
from app.jobs.sessions import use_sessions
from app.jobs.worker import run_queued_jobs

# endregion capability: background_jobs
from app.main import app
from tests.smtp import SmtpServer, start_smtp_server

TEST_DATABASE = os.environ.get("TEST_DATABASE", "sqlite")


def migrate(connection: Connection) -> None:
    config = Config(str(BACKEND_DIR / "alembic.ini"))
    config.attributes["connection"] = connection
    config.attributes["configure_logger"] = False
    command.upgrade(config, "head")


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Iterator[str]:
    if TEST_DATABASE == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
        return
    name = f"test_{worker_id}_{secrets.token_hex(4)}"
    with psycopg.connect(TEST_DATABASE, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    base = TEST_DATABASE.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(TEST_DATABASE, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(settings, url=to_async_url(database_url))
    engine.echo = bool(os.environ.get("TEST_ECHO_SQL"))
    async with engine.begin() as connection:
        await connection.run_sync(migrate)
    yield engine
    await engine.dispose()


@pytest.fixture
async def connection(engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
    """A connection whose outer transaction is rolled back after the test:
    whatever the app commits is only a savepoint inside it."""
    async with engine.connect() as connection:
        outer = await connection.begin()
        yield connection
        await outer.rollback()


@pytest.fixture
def session_factory(connection: AsyncConnection) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(
        bind=connection,
        class_=AsyncSession,
        expire_on_commit=False,
        join_transaction_mode="create_savepoint",
    )


@pytest.fixture
async def db(session_factory: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncSession]:
    """A session for arranging and inspecting data, in the test's transaction."""
    async with session_factory() as session:
        yield session


@asynccontextmanager
async def app_client(
    factory: async_sessionmaker[AsyncSession], lock: asyncio.Lock
) -> AsyncIterator[AsyncClient]:
    """An HTTP client of the app in this process. `lock` serialises what
    shares the test's connection."""
    response_hooks: list[Callable[[Response], Awaitable[None]]] = []
    async with AsyncExitStack() as stack:
        # region capability: background_jobs
        async def run_jobs(_response: Response) -> None:
            """The jobs a request queued run right after its response."""
            async with lock:
                await run_queued_jobs()

        use_sessions(factory)
        queue.connector.reset()  # type: ignore[attr-defined]  # the in-memory connector's
        await stack.enter_async_context(queue.open_async())
        response_hooks.append(run_jobs)
        # endregion capability: background_jobs
        transport = ASGITransport(app=app, client=("127.0.0.1", 50000))
        hooks = {"response": response_hooks}
        yield await stack.enter_async_context(
            AsyncClient(transport=transport, base_url="http://test", event_hooks=hooks)
        )


@pytest.fixture
async def client(session_factory: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncClient]:
    """The app over in-process HTTP, every request inside the test's transaction."""
    # Requests share the test's single connection, which is not safe for
    # concurrent use: serialise them (tests of races use `live_client`).
    lock = asyncio.Lock()

    async def test_session() -> AsyncIterator[AsyncSession]:
        async with lock, transaction(session_factory) as session:
            yield session

    app.dependency_overrides[deps.get_session] = test_session
    async with app_client(session_factory, lock) as client:
        yield client
    app.dependency_overrides.clear()


@pytest.fixture
async def live_client(engine: AsyncEngine) -> AsyncIterator[AsyncClient]:
    """The app on a real connection pool with real commits, for concurrency
    tests; the tables are emptied afterwards."""
    factory = async_sessionmaker(engine, class_=AsyncSession, expire_on_commit=False)

    async def live_session() -> AsyncIterator[AsyncSession]:
        async with transaction(factory) as session:
            yield session

    app.dependency_overrides[deps.get_session] = live_session
    try:
        async with app_client(factory, asyncio.Lock()) as client:
            yield client
    finally:
        app.dependency_overrides.clear()
        async with engine.begin() as conn:
            for table in (
                # region capability: background_jobs
                "idempotency_key",
                # endregion capability: background_jobs
                # region capability: background_jobs
                "job",
                # endregion capability: background_jobs
                "rate_limit_counter",
                "audit_log",
                "action_token",
                "refresh_token",
                "auth_session",
                # region capability: items
                "item",
                # endregion capability: items
                # region capability: organizations
                "invitation",
                "membership",
                "organization_role",
                "organization",
                # endregion capability: organizations
                "user",
            ):
                await conn.execute(text(f'DELETE FROM "{table}"'))


@pytest.fixture
def smtp_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[SmtpServer]:
    """A real SMTP server on loopback, with the app configured to use it."""
    server = start_smtp_server()
    monkeypatch.setattr(settings, "SMTP_HOST", server.host)
    monkeypatch.setattr(settings, "SMTP_PORT", server.port)
    monkeypatch.setattr(settings, "SMTP_TLS", False)
    monkeypatch.setattr(settings, "SMTP_SSL", False)
    monkeypatch.setattr(settings, "EMAILS_FROM_EMAIL", "noreply@example.com")
    try:
        yield server
    finally:
        server.stop()


def pytest_report_header() -> str:
    engine = "SQLite" if TEST_DATABASE == "sqlite" else "PostgreSQL"
    return f"database engine under test: {engine}"


@pytest.fixture(scope="session")
def worker_id(request: pytest.FixtureRequest) -> str:
    """xdist's worker name, or "main" when tests run in one process."""
    workerinput = getattr(request.config, "workerinput", None)
    return str(workerinput["workerid"]) if workerinput else "main"


TESTS_DIR = Path(__file__).parent
