"""Logging in, refreshing and logging out: the flows behind /login."""

import uuid
from dataclasses import dataclass
from datetime import timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from app import crud
from app.core.config import settings
from app.core.errors import FailedAttempt, NotAuthenticated, SessionRevoked
from app.core.passwords import DUMMY_HASH, HashingLimiter
from app.core.ratelimit import Limit, RateLimiter
from app.core.security import create_access_token
from app.models import User, utcnow

INCORRECT_CREDENTIALS = "Incorrect email or password"
ACCOUNT_FAILURES = Limit(
    "login-account", settings.LOGIN_FAILURES_PER_ACCOUNT, settings.LOGIN_FAILURE_WINDOW_SECONDS
)
# Counting failures only: many people behind one address can still log in.
IP_FAILURES = Limit(
    "login-ip", settings.LOGIN_FAILURES_PER_IP, settings.LOGIN_FAILURE_WINDOW_SECONDS
)


REUSE_GRACE = timedelta(seconds=settings.REFRESH_TOKEN_REUSE_GRACE_SECONDS)


@dataclass(frozen=True, slots=True)
class IssuedTokens:
    access_token: str
    refresh_token: str
    expires_in: int


def issue_access_token(user_id: uuid.UUID, session_id: uuid.UUID) -> str:
    return create_access_token(
        user_id=user_id,
        session_id=session_id,
        secret_key=settings.SECRET_KEY,
        expires_delta=timedelta(minutes=settings.ACCESS_TOKEN_EXPIRE_MINUTES),
    )


async def authenticate(
    *,
    session: AsyncSession,
    limiter: RateLimiter,
    hasher: HashingLimiter,
    email: str,
    password: str,
    ip: str | None,
) -> User:
    """The user with these credentials, or FailedAttempt (400).

    Rate limits are checked before any hashing so that a flood of guesses
    costs us a query each, not an Argon2 hash.
    """
    email = email.strip().lower()
    await limiter.check(session, ACCOUNT_FAILURES, email)
    if ip:
        await limiter.check(session, IP_FAILURES, ip)
    user = await crud.get_user_by_email(session=session, email=email)
    hashed = user.hashed_password if user and user.hashed_password else DUMMY_HASH
    valid, upgraded_hash = await hasher.verify_and_update(password, hashed)
    if user is None or not user.hashed_password or not valid:
        await limiter.hit(session, ACCOUNT_FAILURES, email)
        if ip:
            await limiter.hit(session, IP_FAILURES, ip)
        await crud.record_audit(
            session=session,
            action="login_failed",
            actor_email=email if user else None,
            target_user_id=user.id if user else None,
            ip_address=ip,
        )
        raise FailedAttempt(INCORRECT_CREDENTIALS)
    if upgraded_hash:
        user.hashed_password = upgraded_hash
        session.add(user)
    await limiter.clear(session, ACCOUNT_FAILURES, email)
    return user


async def start_session(
    *, session: AsyncSession, user: User, ip: str | None, user_agent: str | None
) -> IssuedTokens:
    auth_session, refresh_token = await crud.create_auth_session(
        session=session,
        user_id=user.id,
        lifetime=timedelta(days=settings.REFRESH_TOKEN_EXPIRE_DAYS),
        user_agent=user_agent,
        ip_address=ip,
    )
    await crud.record_audit(
        session=session, action="login", actor=user, target_user_id=user.id, ip_address=ip
    )
    return IssuedTokens(
        access_token=issue_access_token(user.id, auth_session.id),
        refresh_token=refresh_token,
        expires_in=settings.ACCESS_TOKEN_EXPIRE_MINUTES * 60,
    )


async def refresh(*, session: AsyncSession, refresh_token: str) -> IssuedTokens:
    """Exchange a refresh token for a new pair (rotation).

    A token that was already exchanged has leaked or been replayed: the
    whole session is revoked, which logs out the thief and the owner alike.
    """
    found = await crud.find_refresh_token(session=session, token=refresh_token)
    if found is None:
        raise NotAuthenticated("Invalid refresh token")
    stored, auth_session, user_is_active = found
    if auth_session.revoked_at is not None or auth_session.expires_at <= utcnow():
        raise NotAuthenticated("Session expired")
    if not user_is_active:
        raise NotAuthenticated("Session expired")
    new_token = None
    if stored.rotated_at is None:
        new_token = await crud.rotate_refresh_token(session=session, old=stored)
    elif stored.discarded_at is None and utcnow() - stored.rotated_at <= REUSE_GRACE:
        # A reload can abort a refresh the server already completed: the
        # browser never saw the new cookie and sends the old one again. Within
        # a few seconds, that is an interrupted rotation, not a theft.
        new_token = await crud.reissue_refresh_token(session=session, old=stored)
    if new_token is None:
        await crud.revoke_sessions(
            session=session, user_id=auth_session.user_id, only=auth_session.id
        )
        await crud.record_audit(
            session=session,
            action="refresh_token_reused",
            target_user_id=auth_session.user_id,
            ip_address=None,
        )
        raise SessionRevoked("Refresh token reused; the session has been revoked")
    return IssuedTokens(
        access_token=issue_access_token(auth_session.user_id, auth_session.id),
        refresh_token=new_token,
        expires_in=settings.ACCESS_TOKEN_EXPIRE_MINUTES * 60,
    )


async def logout(
    *, session: AsyncSession, user: User, session_id: uuid.UUID, ip: str | None
) -> None:
    await crud.revoke_sessions(session=session, user_id=user.id, only=session_id)
    await crud.record_audit(
        session=session, action="logout", actor=user, target_user_id=user.id, ip_address=ip
    )
