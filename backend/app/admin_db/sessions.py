"""The database sessions the panel runs in: on the API's engine by default;
a test binds them to its own connection (`use`)."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession as AppSession

from app.admin_db.audit import AuditedSession


class PanelSessions:
    """What SQLAdmin takes for a session maker, switchable after the panel
    is built. SQLAdmin reads `class_` to tell an async maker from a sync one;
    its sessions are SQLAlchemy's own (SQLModel's warn on the `execute` that
    SQLAdmin calls). `app_sessions` makes the app's kind, for our crud."""

    class_ = AsyncSession

    def __init__(self) -> None:
        self._maker: async_sessionmaker[AsyncSession] | None = None
        self._app_maker: async_sessionmaker[AppSession] | None = None

    def use(self, bind: AsyncEngine | AsyncConnection, **options: Any) -> None:
        self._maker = async_sessionmaker(
            bind, sync_session_class=AuditedSession, expire_on_commit=False, **options
        )
        self._app_maker = async_sessionmaker(
            bind, class_=AppSession, expire_on_commit=False, **options
        )

    def app_sessions(self) -> async_sessionmaker[AppSession]:
        if self._app_maker is None:
            self._use_the_apis()
        assert self._app_maker is not None
        return self._app_maker

    def _use_the_apis(self) -> None:
        from app.api.deps import engine  # made on first use only

        self.use(engine)

    def configure(self, **_options: Any) -> None:
        """SQLAdmin turns autoflush off here; `__call__` does that on every session."""

    def __call__(self, **options: Any) -> AsyncSession:
        if self._maker is None:
            self._use_the_apis()
        assert self._maker is not None
        return self._maker(autoflush=False, **options)


sessions = PanelSessions()


@asynccontextmanager
async def app_session_within(panel_session: AsyncSession) -> AsyncIterator[AppSession]:
    """An app-kind session inside a panel session's transaction, for the
    app's rules that lock rows: their locks hold until the panel's write
    commits or rolls back. It neither commits nor rolls back that
    transaction (nor a savepoint of its own, which would drop the locks)."""
    connection = await panel_session.connection()
    async with AppSession(
        bind=connection, join_transaction_mode="rollback_only", expire_on_commit=False
    ) as session:
        yield session
