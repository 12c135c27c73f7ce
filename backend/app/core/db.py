"""Engine, session factory and the per-request transaction."""

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import event, exc
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlalchemy.pool import ConnectionPoolEntry
from sqlmodel.ext.asyncio.session import AsyncSession

from app.core.config import DATA_DIR, Settings
from app.core.errors import AppError


def create_engine(settings: Settings, *, url: str | None = None) -> AsyncEngine:
    """The engine for `url` (default: the configured database)."""
    url = url or settings.database_url
    if url.startswith("sqlite"):
        if url == f"sqlite+aiosqlite:///{DATA_DIR / 'app.db'}":
            DATA_DIR.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(url, connect_args={"timeout": 30})
        _make_sqlite_transactional(engine)
        return engine
    engine = create_async_engine(
        url,
        pool_size=settings.DB_POOL_SIZE,
        max_overflow=settings.DB_MAX_OVERFLOW,
        pool_timeout=settings.DB_POOL_TIMEOUT_SECONDS,
        connect_args={"connect_timeout": max(1, int(settings.DB_POOL_TIMEOUT_SECONDS))},
    )
    _ping_idle_connections(engine)
    return engine


# A connection back in the pool for less than this is trusted without a ping.
PING_AFTER_IDLE_SECONDS = 1.0


def _ping_idle_connections(engine: AsyncEngine) -> None:
    """Check a pooled connection before use only when it sat idle.

    SQLAlchemy's `pool_pre_ping` costs a round trip on every checkout, a
    quarter of a simple request's work. A connection used a moment ago is
    alive; one that sat idle may have been closed by a database restart or a
    proxy's timeout. When a busy connection does fail, SQLAlchemy sees the
    disconnect and invalidates the whole pool, so that request gets a 503 and
    the next ones reconnect.
    """

    @event.listens_for(engine.sync_engine.pool, "checkin")
    def _on_checkin(_dbapi_connection: Any, record: ConnectionPoolEntry) -> None:
        record.info["checked_in_at"] = time.monotonic()

    @event.listens_for(engine.sync_engine.pool, "checkout")
    def _on_checkout(dbapi_connection: Any, record: ConnectionPoolEntry, _proxy: Any) -> None:
        checked_in_at = record.info.get("checked_in_at")
        if checked_in_at is None or time.monotonic() - checked_in_at < PING_AFTER_IDLE_SECONDS:
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
            dbapi_connection.rollback()  # the ping's SELECT opened a transaction
        except Exception as error:
            # The pool discards this connection and tries another.
            raise exc.DisconnectionError() from error


def _make_sqlite_transactional(engine: AsyncEngine) -> None:
    """SQLite's Python driver opens transactions lazily and ignores SAVEPOINT
    semantics; take over BEGIN ourselves (SQLAlchemy's documented recipe) and
    turn foreign keys on, which SQLite leaves off by default.

    BEGIN IMMEDIATE takes the write lock up front: two deferred transactions
    that both upgrade to writing deadlock and fail at once, whereas immediate
    ones simply queue on the busy timeout. SQLite serves local development,
    where that serialisation costs nothing noticeable.
    """

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, class_=AsyncSession, expire_on_commit=False)


class ConnectionQueue:
    """First come, first served access to the pool's connections.

    The pool's own wait is not fair: a connection handed back goes to
    whichever request asks next, often one that just arrived, and a request
    passed over joins the back of the line again. Under sustained load some
    requests then waited for seconds and others not at all (p99 at 3.5 s
    where the mean was 1.1 s). Requests take a turn here, in arrival order,
    before the first query; there are as many turns as pooled connections.
    """

    def __init__(self, size: int, *, timeout: float) -> None:
        self._turns = asyncio.Semaphore(size)  # FIFO: newcomers never overtake waiters
        self._timeout = timeout

    @asynccontextmanager
    async def turn(self) -> AsyncIterator["Turn"]:
        """Hold a turn for the block. Raises sqlalchemy.exc.TimeoutError
        (answered with a 503, like the pool's own) when none comes in time."""
        await self._wait_for_turn()
        turn = Turn(self)
        try:
            yield turn
        finally:
            if turn.held:
                self._turns.release()

    async def _wait_for_turn(self) -> None:
        if not self._turns.locked():
            # Free and nobody waiting: taken at once, no timer to arm.
            await self._turns.acquire()
            return
        try:
            async with asyncio.timeout(self._timeout):
                await self._turns.acquire()
        except TimeoutError as error:
            raise exc.TimeoutError(
                f"no database connection became free within {self._timeout:g} s"
            ) from error


class Turn:
    """A request's turn at the database, which it can lend while it waits on
    something else: an upload's body may take minutes to arrive."""

    def __init__(self, queue: ConnectionQueue) -> None:
        self._queue = queue
        self.held = True

    @asynccontextmanager
    async def lent(self) -> AsyncIterator[None]:
        """Give the turn back for the block and queue for one again after
        it. When the block raises, the request is ending: no turn is taken."""
        self._queue._turns.release()
        self.held = False
        yield
        await self._queue._wait_for_turn()
        self.held = True


_TURN = "turn"


def keep_turn(session: AsyncSession, turn: Turn) -> None:
    """Remember the turn the request's session was opened in."""
    session.info[_TURN] = turn


@asynccontextmanager
async def turn_lent(session: AsyncSession) -> AsyncIterator[None]:
    """Lend the session's turn, if it has one, for the block. The session's
    transaction must be over (committed), so that it holds no connection."""
    turn: Turn | None = session.info.get(_TURN)
    if turn is None:
        yield
        return
    async with turn.lent():
        yield


CommitHook = Callable[[AsyncSession], Awaitable[None]]
_BEFORE_COMMIT = "before_commit"
_AFTER_COMMIT = "after_commit"


def before_commit(session: AsyncSession, hook: CommitHook) -> None:
    """Run `hook` inside the transaction, just before `transaction` commits
    it (once, however often it is registered): work that must be part of the
    same commit but is only known once the handler is done."""
    hooks: list[CommitHook] = session.info.setdefault(_BEFORE_COMMIT, [])
    if hook not in hooks:
        hooks.append(hook)


def after_commit(session: AsyncSession, hook: CommitHook) -> None:
    """Run `hook` once `transaction` has committed; never after a rollback."""
    hooks: list[CommitHook] = session.info.setdefault(_AFTER_COMMIT, [])
    if hook not in hooks:
        hooks.append(hook)


async def commit(session: AsyncSession) -> None:
    """Commit with the session's hooks. A hook registered by a hook still runs."""
    while hooks := session.info.pop(_BEFORE_COMMIT, None):
        for hook in hooks:
            await hook(session)
    await session.commit()
    for hook in session.info.pop(_AFTER_COMMIT, []):
        await hook(session)


async def rollback(session: AsyncSession) -> None:
    session.info.pop(_BEFORE_COMMIT, None)
    session.info.pop(_AFTER_COMMIT, None)
    await session.rollback()


@asynccontextmanager
async def transaction(factory: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncSession]:
    """One transaction per request: commit when the handler succeeds, roll
    back when it raises, except for errors whose side effects must be kept."""
    async with factory() as session:
        try:
            yield session
        except AppError as error:
            if error.persist:
                await commit(session)
            else:
                await rollback(session)
            raise
        except BaseException:
            await rollback(session)
            raise
        else:
            await commit(session)
