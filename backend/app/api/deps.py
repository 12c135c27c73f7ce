"""Dependencies shared by the routes, as Annotated aliases."""

import asyncio
import uuid
from collections.abc import AsyncGenerator, AsyncIterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordBearer
from sqlmodel.ext.asyncio.session import AsyncSession

from app import crud
from app.core.config import settings
from app.core.db import (
    ConnectionQueue,
    create_engine,
    keep_turn,
    session_factory,
    transaction,
)
from app.core.errors import (
    NotAuthenticated,
    NotPermitted,
    # region capability: two_factor
    TwoFactorRequired,
    # endregion capability: two_factor
)
from app.core.passwords import HashingLimiter
from app.core.ratelimit import DatabaseCounterStore, RateLimiter, RedisCounterStore
from app.core.request_log import bind_user_id
from app.core.security import AccessClaims, InvalidTokenError, decode_access_token
from app.models import User, utcnow
from app.signin import reauthentication

# region capability: two_factor
from app.signin.two_factor_crud import two_factor_enabled

# endregion capability: two_factor

engine = create_engine(settings)
SessionFactory = session_factory(engine)
connection_queue = ConnectionQueue(
    settings.DB_POOL_SIZE + settings.DB_MAX_OVERFLOW, timeout=settings.DB_POOL_TIMEOUT_SECONDS
)
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


async def get_session() -> AsyncGenerator[AsyncSession]:
    """The request's session, in one transaction for every method."""
    # A context manager, not `async for`: the handler's exception must reach
    # the transaction so that it rolls back (or keeps a failed login's writes).
    async with connection_queue.turn() as turn, transaction(SessionFactory) as session:
        keep_turn(session, turn)
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


@dataclass(frozen=True, slots=True)
class Authenticated:
    """Who is calling: their user, loaded in the request's session, and the
    login session their access token belongs to."""

    user: User
    session_id: uuid.UUID
    proven_at: datetime


def verified_claims(token: str | None) -> AccessClaims:
    """The access token's claims once its signature and expiry are checked."""
    if not token:
        raise NotAuthenticated("Not authenticated")
    try:
        return decode_access_token(token, secret_key=settings.SECRET_KEY)
    except InvalidTokenError as error:
        raise NotAuthenticated() from error


async def authenticated_by(
    session: AsyncSession,
    claims: AccessClaims,
    found: tuple[User, datetime, datetime] | None,
) -> Authenticated:
    """The caller, from the token check's row (None: no live session or
    active user behind the token)."""
    if found is None:
        raise NotAuthenticated()
    user, last_used_at, proven_at = found
    bind_user_id(claims.user_id)
    if utcnow() - last_used_at > LAST_USED_PRECISION:
        await crud.touch_session(session=session, session_id=claims.session_id)
    return Authenticated(user, claims.session_id, proven_at)


async def get_authenticated(session: SessionDep, token: TokenDep) -> Authenticated:
    """The token check of every authenticated route: the token's signature
    and expiry, then one indexed query for its live session and active user.
    Routes with a permission check of their own run the same check joined
    with it (in one statement)."""
    claims = verified_claims(token)
    found = await crud.get_authenticated_user(
        session=session, user_id=claims.user_id, session_id=claims.session_id
    )
    return await authenticated_by(session, claims, found)


AuthDep = Annotated[Authenticated, Depends(get_authenticated)]


async def get_recently_proven(authenticated: AuthDep) -> Authenticated:
    """For sensitive changes: the session's last proof of identity must be
    recent, so that a stolen session or an unlocked computer is not enough."""
    reauthentication.require_recent_proof(authenticated.proven_at)
    return authenticated


RecentlyProvenDep = Annotated[Authenticated, Depends(get_recently_proven)]


async def get_current_user(auth: AuthDep) -> User:
    return auth.user


CurrentUser = Annotated[User, Depends(get_current_user)]


async def get_current_superuser(
    # region capability: two_factor
    session: SessionDep,
    # endregion capability: two_factor
    user: CurrentUser,
) -> User:
    if not user.is_superuser:
        raise NotPermitted()
    # region capability: two_factor
    if (
        settings.TWO_FACTOR_ENABLED
        and settings.TWO_FACTOR_REQUIRED_FOR_SUPERUSERS
        and not await two_factor_enabled(session=session, user_id=user.id)
    ):
        raise TwoFactorRequired()
    # endregion capability: two_factor
    return user


SuperuserDep = Annotated[User, Depends(get_current_superuser)]
