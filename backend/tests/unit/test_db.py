"""The connection pool and the per-request session: every request runs in one
transaction, requests get a connection in arrival order, and a dead pooled
connection is noticed."""

import asyncio
from collections.abc import AsyncIterator

import psycopg
import pytest
from fastapi.routing import APIRoute
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from sqlalchemy.ext.asyncio import AsyncEngine

from app.api import deps
from app.core import db
from app.core.config import settings, to_async_url
from app.core.db import ConnectionQueue, create_engine, session_factory, transaction
from tests.conftest import TEST_DATABASE
from tests.route_modules import every_route, resolution_order

pytestmark = pytest.mark.whole_app

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


async def statement_start_times(engine: AsyncEngine) -> set[object]:
    """now() is the start of the transaction: one value inside a transaction,
    a new one per statement in autocommit."""
    async with transaction(session_factory(engine)) as session:
        first = (await session.exec(text("SELECT now()"))).one()[0]  # type: ignore[call-overload]
        await session.exec(text("SELECT pg_sleep(0.01)"))  # type: ignore[call-overload]
        second = (await session.exec(text("SELECT now()"))).one()[0]  # type: ignore[call-overload]
    return {first, second}


@postgresql_only
async def test_a_request_runs_its_statements_in_one_transaction(
    own_engine: AsyncEngine,
) -> None:
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


async def test_connection_turns_are_served_in_arrival_order() -> None:
    queue = ConnectionQueue(1, timeout=5)
    served: list[str] = []
    released = asyncio.Event()

    async def request(name: str) -> None:
        async with queue.turn():
            served.append(name)
            await asyncio.sleep(0)

    async def holder() -> None:
        async with queue.turn():
            await released.wait()

    holding = asyncio.create_task(holder())
    await asyncio.sleep(0)
    waiting = [asyncio.create_task(request(name)) for name in ("first", "second")]
    await asyncio.sleep(0)
    released.set()
    # Arrives just as the turn is handed back, before the waiters have run.
    late = asyncio.create_task(request("newcomer"))
    await asyncio.gather(holding, *waiting, late)

    assert served == ["first", "second", "newcomer"]


async def test_waiting_past_the_pool_timeout_fails_like_the_pool() -> None:
    queue = ConnectionQueue(1, timeout=0.05)
    async with queue.turn():
        with pytest.raises(PoolTimeoutError, match="no database connection"):
            async with queue.turn():
                pass


async def test_a_lent_turn_serves_another_request_and_comes_back_after_it() -> None:
    queue = ConnectionQueue(1, timeout=5)
    served: list[str] = []
    other_done = asyncio.Event()

    async def other() -> None:
        async with queue.turn():
            served.append("other")
        other_done.set()

    async with queue.turn() as turn:
        async with turn.lent():
            await asyncio.wait_for(other(), timeout=1)
        served.append("lender again")
        assert turn.held
    assert served == ["other", "lender again"]
    assert other_done.is_set()


async def test_a_turn_lent_to_a_block_that_fails_stays_given_back() -> None:
    queue = ConnectionQueue(1, timeout=0.05)
    with pytest.raises(ConnectionResetError):
        async with queue.turn() as turn, turn.lent():
            raise ConnectionResetError("the client went away")
    assert not turn.held
    # One turn, free: neither lost nor given back twice.
    with pytest.raises(PoolTimeoutError):
        async with queue.turn(), queue.turn():
            pass


HASHING_ROUTES = [
    route for route in every_route() if deps.get_hasher in resolution_order(route.dependant)
]


def test_the_routes_that_hash_passwords_are_found() -> None:
    assert {"/login/access-token", "/users/signup"} <= {route.path for route in HASHING_ROUTES}


@pytest.mark.parametrize("route", HASHING_ROUTES, ids=lambda route: route.path)
def test_requests_that_hash_wait_for_the_hasher_before_taking_a_database_turn(
    route: APIRoute,
) -> None:
    """A login storm queued on Argon2 must not hold the turns every other request needs."""
    order = resolution_order(route.dependant)
    assert order.index(deps.get_hasher) < order.index(deps.get_session)
