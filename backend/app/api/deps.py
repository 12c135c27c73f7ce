"""Dependencies shared by the routes, as Annotated aliases."""

import asyncio
import uuid
from collections.abc import AsyncGenerator, AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordBearer
from sqlmodel.ext.asyncio.session import AsyncSession

from app import crud
from app.core.config import settings
from app.core.db import (
    ConnectionQueue,
    create_engine,
    create_read_engine,
    session_factory,
    transaction,
)
from app.core.driver_pool import DriverPool, Reader, SessionReader
from app.core.errors import NotAuthenticated, NotPermitted
from app.core.passwords import HashingLimiter
from app.core.ratelimit import DatabaseCounterStore, RateLimiter, RedisCounterStore
from app.core.request_log import bind_user_id
from app.core.security import InvalidTokenError, decode_access_token
from app.models import User, utcnow

engine = create_engine(settings)
SessionFactory = session_factory(engine)
# Safe methods read, and write at most one row (a session's last_used_at):
# they need no transaction around their statements, and skipping it spares
# two round trips per request.
read_engine = create_read_engine(engine, settings)
ReadSessionFactory = session_factory(read_engine)
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def _connection_queue() -> ConnectionQueue:
    return ConnectionQueue(
        settings.DB_POOL_SIZE + settings.DB_MAX_OVERFLOW, timeout=settings.DB_POOL_TIMEOUT_SECONDS
    )


write_queue = _connection_queue()
read_queue = write_queue if read_engine is engine else _connection_queue()


def _token_check_reader() -> Reader:
    if engine.dialect.name == "postgresql":
        return DriverPool(
            settings.database_url,
            size=settings.DB_TOKEN_CHECK_POOL_SIZE,
            timeout=settings.DB_POOL_TIMEOUT_SECONDS,
        )
    return SessionReader(lambda: transaction(ReadSessionFactory))


# Where the token check runs (app.core.driver_pool says why not in the
# request's session); opened and closed by the app's lifespan.
token_check_reader = _token_check_reader()
rate_limiter = RateLimiter(
    RedisCounterStore(settings.REDIS_URL) if settings.REDIS_URL else DatabaseCounterStore(),
    enabled=settings.RATE_LIMIT_ENABLED,
)
hasher = HashingLimiter(settings.MAX_CONCURRENT_PASSWORD_HASHES)
oauth2_scheme = OAuth2PasswordBearer(
    tokenUrl=f"{settings.API_V1_STR}/login/access-token", auto_error=False
)
# Writing last_used_at on every request would turn each read into a write;
# a minute's precision is all the sessions page needs.
LAST_USED_PRECISION = timedelta(minutes=1)


async def get_session(request: Request) -> AsyncGenerator[AsyncSession]:
    if request.method in SAFE_METHODS:
        factory, queue = ReadSessionFactory, read_queue
    else:
        factory, queue = SessionFactory, write_queue
    # A context manager, not `async for`: the handler's exception must reach
    # the transaction so that it rolls back (or keeps a failed login's writes).
    async with queue.turn(), transaction(factory) as session:
        yield session


# scope="function": the transaction commits before the response is sent, so
# a client never sees a success that failed to commit.
SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]
TokenDep = Annotated[str | None, Depends(oauth2_scheme)]


async def get_rate_limiter() -> RateLimiter:
    return rate_limiter


# Requests that may hash a password queue here, before their first query:
# a login storm queued on the hasher must not hold the pooled connections
# every other request needs (it did, and GET /users/me waited behind it).
hashing_admission = asyncio.Semaphore(settings.MAX_CONCURRENT_PASSWORD_HASHES)


async def get_hasher() -> AsyncIterator[HashingLimiter]:
    async with hashing_admission:
        yield hasher


RateLimiterDep = Annotated[RateLimiter, Depends(get_rate_limiter)]
HasherDep = Annotated[HashingLimiter, Depends(get_hasher)]


@dataclass(frozen=True, slots=True)
class Client:
    """Who is calling, as far as the request tells (proxy headers are
    applied by the server, see FORWARDED_ALLOW_IPS)."""

    ip: str | None
    user_agent: str | None


async def get_client(request: Request) -> Client:
    return Client(
        ip=request.client.host if request.client else None,
        user_agent=request.headers.get("user-agent"),
    )


ClientDep = Annotated[Client, Depends(get_client)]


class Authenticated:
    """Who is calling: their user's row as the token check read it, and the
    session their token belongs to."""

    __slots__ = ("_user", "session_id", "user_fields")

    def __init__(self, user_fields: dict[str, Any], session_id: uuid.UUID) -> None:
        self.user_fields = user_fields
        self.session_id = session_id
        self._user: User | None = None

    @property
    def user_id(self) -> uuid.UUID:
        user_id: uuid.UUID = self.user_fields["id"]
        return user_id

    @property
    def is_superuser(self) -> bool:
        return bool(self.user_fields["is_superuser"])

    @property
    def user(self) -> User:
        """The user as an ORM object, built on first use: answers that only
        show the caller (GET /users/me) spare its construction, a sixteenth
        of that request."""
        if self._user is None:
            self._user = crud.detached_user(self.user_fields)
        return self._user


async def get_token_check_reader() -> Reader:
    return token_check_reader


ReaderDep = Annotated[Reader, Depends(get_token_check_reader)]


async def get_authenticated(reader: ReaderDep, token: TokenDep) -> Authenticated:
    if not token:
        raise NotAuthenticated("Not authenticated")
    try:
        claims = decode_access_token(token, secret_key=settings.SECRET_KEY)
    except InvalidTokenError as error:
        raise NotAuthenticated() from error
    found = await crud.get_authenticated_user(
        reader=reader, user_id=claims.user_id, session_id=claims.session_id
    )
    if found is None:
        raise NotAuthenticated()
    user_fields, last_used_at = found
    bind_user_id(claims.user_id)
    if utcnow() - last_used_at > LAST_USED_PRECISION:
        await crud.touch_session(reader=reader, session_id=claims.session_id)
    return Authenticated(user_fields, claims.session_id)


AuthDep = Annotated[Authenticated, Depends(get_authenticated)]


async def get_current_user(auth: AuthDep) -> User:
    return auth.user


CurrentUser = Annotated[User, Depends(get_current_user)]


async def get_current_superuser(user: CurrentUser) -> User:
    if not user.is_superuser:
        raise NotPermitted()
    return user


SuperuserDep = Annotated[User, Depends(get_current_superuser)]
