"""Where the token check of every authenticated request runs.

On PostgreSQL it runs on a small pool of psycopg's own, beside SQLAlchemy's:
the check is one indexed SELECT (and once a minute an UPDATE), and through
an async SQLAlchemy session it cost about 0.8 ms of CPU (a session, a pool
checkout through greenlets, execution and result machinery) where psycopg
alone takes 0.12 ms. That was more than half of `GET /users/me`. The
statements are SQLAlchemy Core ones from app.crud, compiled once for
PostgreSQL, so there is still one place where queries are written.

SQLite (local development, the SQLite test suite) keeps running them
through a SQLAlchemy session, and so do tests that need them to see their
own uncommitted transaction.
"""

import logging
import time
import weakref
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any, Protocol

import psycopg
from psycopg.rows import dict_row
from psycopg_pool import AsyncConnectionPool, PoolTimeout
from sqlalchemy import Executable
from sqlalchemy.dialects import postgresql
from sqlalchemy.sql import ClauseElement
from sqlmodel.ext.asyncio.session import AsyncSession

from app.core.db import PING_AFTER_IDLE_SECONDS
from app.core.errors import ServiceUnavailable

logger = logging.getLogger(__name__)

UNAVAILABLE = "Service temporarily unavailable: the database could not be reached"
Row = Mapping[str, Any]
POSTGRESQL = postgresql.dialect()  # type: ignore[no-untyped-call]  # SQLAlchemy's dialects are untyped


class Reader(Protocol):
    """Runs Core statements, each on its own: a row back, or nothing."""

    async def open(self) -> None: ...

    async def close(self) -> None: ...

    async def fetch_one(self, statement: Executable, params: Mapping[str, Any]) -> Row | None: ...

    async def execute(self, statement: Executable, params: Mapping[str, Any]) -> None: ...


class SessionReader:
    """Statements through SQLAlchemy sessions from `open_session`, each one
    committed when the block ends."""

    def __init__(self, open_session: Callable[[], AbstractAsyncContextManager[AsyncSession]]):
        self._open_session = open_session

    async def open(self) -> None:
        """Nothing to open: sessions come and go with each statement."""

    async def close(self) -> None:
        """Nothing to close."""

    async def fetch_one(self, statement: Executable, params: Mapping[str, Any]) -> Row | None:
        async with self._open_session() as session:
            result = await session.exec(statement, params=dict(params))  # type: ignore[call-overload]  # a Core statement
            row = result.first()
            return dict(row._mapping) if row is not None else None

    async def execute(self, statement: Executable, params: Mapping[str, Any]) -> None:
        async with self._open_session() as session:
            await session.exec(statement, params=dict(params))  # type: ignore[call-overload]  # a Core statement


class DriverPool:
    """psycopg's pool, in autocommit. Any failure to reach the database is
    a ServiceUnavailable (503), like SQLAlchemy's in app.core.failures."""

    def __init__(self, url: str, *, size: int, timeout: float) -> None:
        self._timeout = timeout
        self._checked_at: weakref.WeakKeyDictionary[psycopg.AsyncConnection[Any], float] = (
            weakref.WeakKeyDictionary()
        )
        self._compiled: dict[int, tuple[Executable, str]] = {}
        self._pool: AsyncConnectionPool[psycopg.AsyncConnection[dict[str, Any]]] = (
            AsyncConnectionPool(
                _libpq_url(url),
                min_size=size,
                max_size=size,
                open=False,
                timeout=timeout,
                kwargs={
                    "autocommit": True,
                    "row_factory": dict_row,
                    "connect_timeout": max(1, int(timeout)),
                },
                # No `reset` callback: with one, psycopg_pool hands every
                # returned connection to a worker task instead of taking it
                # back at once, a task switch per request.
                check=self._ping_if_idle,
                name="token-check",
            )
        )

    async def open(self, *, wait: bool = False) -> None:
        """Start connecting, in the background unless `wait`: requests wait
        for a connection (up to the timeout) rather than the start-up."""
        await self._pool.open(wait=wait, timeout=self._timeout)

    async def close(self) -> None:
        await self._pool.close()

    def stats(self) -> dict[str, int]:
        return self._pool.get_stats()

    async def fetch_one(self, statement: Executable, params: Mapping[str, Any]) -> Row | None:
        async with self._connection() as connection:
            cursor = await connection.execute(self._sql(statement), params, prepare=True)
            return await cursor.fetchone()

    async def execute(self, statement: Executable, params: Mapping[str, Any]) -> None:
        async with self._connection() as connection:
            await connection.execute(self._sql(statement), params, prepare=True)

    @asynccontextmanager
    async def _connection(self) -> AsyncIterator[psycopg.AsyncConnection[dict[str, Any]]]:
        try:
            async with self._pool.connection() as connection:
                yield connection
        except (PoolTimeout, psycopg.OperationalError, psycopg.InterfaceError) as error:
            logger.warning("token check: database unavailable: %s", type(error).__name__)
            raise ServiceUnavailable(UNAVAILABLE, headers={"Retry-After": "5"}) from error

    def _sql(self, statement: Executable) -> str:
        """PostgreSQL text of a Core statement, compiled on first use. Keyed
        by identity: callers pass module-level statements built once."""
        found = self._compiled.get(id(statement))
        if found is None or found[0] is not statement:
            if not isinstance(statement, ClauseElement):
                raise TypeError(f"not a Core statement: {statement!r}")
            found = (statement, str(statement.compile(dialect=POSTGRESQL)))
            self._compiled[id(statement)] = found
        return found[1]

    async def _ping_if_idle(self, connection: psycopg.AsyncConnection[Any]) -> None:
        """A connection handed out a moment ago is alive (its one statement
        ran); one that sat idle may have been closed by a database restart.
        Raising here makes the pool discard it and hand out another."""
        now = time.monotonic()
        checked_at = self._checked_at.get(connection)
        self._checked_at[connection] = now
        if checked_at is not None and now - checked_at < PING_AFTER_IDLE_SECONDS:
            return
        await connection.execute("SELECT 1")


def _libpq_url(url: str) -> str:
    """SQLAlchemy's `postgresql+psycopg://` URL as libpq spells it."""
    scheme, _, rest = url.partition("://")
    return f"postgresql://{rest}" if scheme.startswith("postgresql") else url
