"""The connection pool and the per-request session: which requests get a
transaction, and how a dead pooled connection is noticed."""

from collections.abc import AsyncIterator

import psycopg
import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.requests import Request

from app.api import deps
from app.core import db
from app.core.config import settings, to_async_url
from app.core.db import autocommit_engine, create_engine, session_factory, transaction
from tests.conftest import TEST_DATABASE

postgresql_only = pytest.mark.skipif(
    TEST_DATABASE == "sqlite",
    reason="PostgreSQL behaviour: runs in the backend-postgres suite",
)


@pytest.fixture
async def own_engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    """An engine of its own, so that killing its connections harms no other test."""
    engine = create_engine(settings, url=to_async_url(database_url))
    yield engine
    await engine.dispose()


def request_with(method: str) -> Request:
    return Request({"type": "http", "method": method, "path": "/", "headers": []})


@pytest.mark.parametrize("method", ["GET", "HEAD", "OPTIONS"])
async def test_safe_methods_get_the_autocommit_session(method: str) -> None:
    sessions = deps.get_session(request_with(method))
    session = await anext(sessions)
    assert session.bind is deps.ReadSessionFactory.kw["bind"]
    await sessions.aclose()


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
async def test_other_methods_get_a_transaction(method: str) -> None:
    sessions = deps.get_session(request_with(method))
    session = await anext(sessions)
    assert session.bind is deps.engine
    await sessions.aclose()


async def statement_start_times(engine: AsyncEngine) -> set[object]:
    """now() is the start of the transaction: one value inside a transaction,
    a new one per statement in autocommit."""
    async with transaction(session_factory(engine)) as session:
        first = (await session.exec(text("SELECT now()"))).one()[0]  # type: ignore[call-overload]
        await session.exec(text("SELECT pg_sleep(0.01)"))  # type: ignore[call-overload]
        second = (await session.exec(text("SELECT now()"))).one()[0]  # type: ignore[call-overload]
    return {first, second}


@postgresql_only
async def test_the_read_engine_runs_each_statement_on_its_own(own_engine: AsyncEngine) -> None:
    assert len(await statement_start_times(autocommit_engine(own_engine))) == 2


@postgresql_only
async def test_the_write_engine_runs_the_request_in_one_transaction(
    own_engine: AsyncEngine,
) -> None:
    assert len(await statement_start_times(own_engine)) == 1


@postgresql_only
async def test_autocommit_leaves_the_pooled_connection_transactional(
    own_engine: AsyncEngine,
) -> None:
    await statement_start_times(autocommit_engine(own_engine))
    assert len(await statement_start_times(own_engine)) == 1


async def backend_pid(engine: AsyncEngine) -> int:
    async with engine.connect() as connection:
        return int((await connection.execute(text("SELECT pg_backend_pid()"))).scalar_one())


def terminate(database_url: str, pid: int) -> None:
    with psycopg.connect(database_url, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))


@postgresql_only
async def test_a_connection_that_died_while_idle_is_replaced_before_use(
    own_engine: AsyncEngine, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(db, "PING_AFTER_IDLE_SECONDS", 0.0)
    killed = await backend_pid(own_engine)
    terminate(database_url, killed)

    assert await backend_pid(own_engine) != killed


@postgresql_only
async def test_a_connection_that_died_in_use_fails_once_then_the_pool_reconnects(
    own_engine: AsyncEngine, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(db, "PING_AFTER_IDLE_SECONDS", 3600.0)
    killed = await backend_pid(own_engine)
    terminate(database_url, killed)

    with pytest.raises(DBAPIError) as failure:
        await backend_pid(own_engine)
    assert failure.value.connection_invalidated
    assert await backend_pid(own_engine) != killed
