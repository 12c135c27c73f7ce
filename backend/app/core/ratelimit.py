"""Fixed-window rate limits whose counters every backend process shares.

Counters live in the database by default (one small table) or in Redis when
REDIS_URL is set. The `limits` library has no SQL storage, and a fixed
window of failures is all the rules here need, so the logic is kept small.
"""

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import timedelta
from typing import Protocol

from redis.asyncio import Redis
from sqlalchemy import case
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from app.core.errors import FailedAttempt, TooManyRequests
from app.models import RateLimitCounter, utcnow


@dataclass(frozen=True, slots=True)
class Limit:
    scope: str
    amount: int
    window_seconds: int


class CounterStore(Protocol):
    async def count(self, session: AsyncSession, key: str, window_seconds: int) -> tuple[int, int]:
        """Hits in the current window and the seconds until it ends."""
        ...

    async def hit(self, session: AsyncSession, key: str, window_seconds: int) -> None: ...

    async def clear(self, session: AsyncSession, key: str) -> None: ...


class DatabaseCounterStore:
    async def count(self, session: AsyncSession, key: str, window_seconds: int) -> tuple[int, int]:
        counter = (
            await session.exec(select(RateLimitCounter).where(RateLimitCounter.key == key))
        ).first()
        if counter is None:
            return 0, 0
        remaining = counter.window_start + timedelta(seconds=window_seconds) - utcnow()
        if remaining.total_seconds() <= 0:
            return 0, 0
        return counter.count, int(remaining.total_seconds()) + 1

    async def hit(self, session: AsyncSession, key: str, window_seconds: int) -> None:
        now = utcnow()
        window_open = now - timedelta(seconds=window_seconds)
        dialect = session.get_bind().dialect.name
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        table = RateLimitCounter.__table__  # type: ignore[attr-defined]  # SQLModel sets it on table classes
        statement = insert(table).values(key=key, window_start=now, count=1)
        expired = table.c.window_start <= window_open
        statement = statement.on_conflict_do_update(
            index_elements=[table.c.key],
            set_={
                "count": case((expired, 1), else_=table.c.count + 1),
                "window_start": case((expired, now), else_=table.c.window_start),
            },
        )
        await session.exec(statement)

    async def clear(self, session: AsyncSession, key: str) -> None:
        counter = await session.get(RateLimitCounter, key)
        if counter is not None:
            await session.delete(counter)


class RedisCounterStore:
    def __init__(self, url: str) -> None:
        self._redis = Redis.from_url(url)

    async def count(self, session: AsyncSession, key: str, window_seconds: int) -> tuple[int, int]:
        async with self._redis.pipeline(transaction=False) as pipe:
            pipe.get(key)
            pipe.ttl(key)
            value, ttl = await pipe.execute()
        if value is None:
            return 0, 0
        return int(value), max(int(ttl), 1)

    async def hit(self, session: AsyncSession, key: str, window_seconds: int) -> None:
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.incr(key)
            pipe.expire(key, window_seconds, nx=True)
            await pipe.execute()

    async def clear(self, session: AsyncSession, key: str) -> None:
        await self._redis.delete(key)

    async def close(self) -> None:
        await self._redis.aclose()


class RateLimiter:
    def __init__(self, store: CounterStore, *, enabled: bool) -> None:
        self.store = store
        self.enabled = enabled

    @staticmethod
    def _key(limit: Limit, subject: str) -> str:
        return f"rl:{limit.scope}:{subject}"

    async def check(self, session: AsyncSession, limit: Limit, subject: str) -> None:
        """Raise TooManyRequests when `subject` has used up `limit`."""
        if not self.enabled:
            return
        used, retry_after = await self.store.count(
            session, self._key(limit, subject), limit.window_seconds
        )
        if used >= limit.amount:
            raise TooManyRequests(retry_after)

    async def hit(self, session: AsyncSession, limit: Limit, subject: str) -> None:
        if self.enabled:
            await self.store.hit(session, self._key(limit, subject), limit.window_seconds)

    async def clear(self, session: AsyncSession, limit: Limit, subject: str) -> None:
        if self.enabled:
            await self.store.clear(session, self._key(limit, subject))

    @asynccontextmanager
    async def attempt(
        self,
        session: AsyncSession,
        limit: Limit,
        subject: str | None,
        *,
        clear_on_success: bool,
        on_failure: Callable[[], Awaitable[None]] | None = None,
    ) -> AsyncIterator[None]:
        """One try at a secret (a password, a code and the like) by `subject`:
        refused (429) once `limit` is used up; a FailedAttempt raised inside
        counts against it and calls `on_failure` (the audit entry) on its way
        out; success clears the count when `clear_on_success`. Without a
        subject (no client address to count by) nothing is limited."""
        if not subject:
            yield
            return
        await self.check(session, limit, subject)
        try:
            yield
        except FailedAttempt:
            await self.hit(session, limit, subject)
            if on_failure is not None:
                await on_failure()
            raise
        if clear_on_success:
            await self.clear(session, limit, subject)
