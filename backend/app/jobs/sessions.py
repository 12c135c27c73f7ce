"""The database sessions jobs run in: the API's engine by default; a worker
process or a test sets its own."""

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

_factory: async_sessionmaker[AsyncSession] | None = None


def use_sessions(factory: async_sessionmaker[AsyncSession]) -> None:
    global _factory  # set once by whoever starts the worker
    _factory = factory


def sessions() -> async_sessionmaker[AsyncSession]:
    if _factory is None:
        from app.api.deps import SessionFactory  # made on first use only

        use_sessions(SessionFactory)
    assert _factory is not None
    return _factory
