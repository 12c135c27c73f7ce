"""What a passkey answer verified by app/signin/passkeys.py is good for:
signing in without a password, a fresh proof of identity, and the second
step of a password login where there is one. Each counts its failures as
the password or code it stands in for would."""

import uuid
from datetime import datetime
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from app import crud
from app.auth import ACCOUNT_FAILURES, IP_FAILURES
from app.core.config import settings
from app.core.errors import BadRequest, NotAuthenticated
from app.core.ratelimit import RateLimiter
from app.models import User
from app.signin import (
    reauthentication,
    # region capability: two_factor
    two_factor,
    # endregion capability: two_factor
)
from app.signin.passkeys import verified_passkey


async def sign_in(
    *, session: AsyncSession, limiter: RateLimiter, credential: dict[str, Any], ip: str | None
) -> User:
    """The account a usernameless passkey answer signs in to. Failures count
    against the same per-IP limit as failed password logins."""
    async with limiter.attempt(session, IP_FAILURES, ip, clear_on_success=False):
        passkey = await verified_passkey(
            session=session, credential=credential, purpose="sign_in", user=None
        )
    user = await crud.get_user(session=session, user_id=passkey.user_id)
    if user is None or not user.is_active:
        raise NotAuthenticated("This account is disabled")
    if settings.email_verification_required and not user.is_verified:
        raise BadRequest(
            "Email address not verified: follow the link we sent, or ask for a new one"
        )
    return user


# region capability: two_factor
async def challenged_user(*, session: AsyncSession, challenge: str) -> User:
    """The account the password step's two-factor challenge is for."""
    user = await crud.get_user(session=session, user_id=two_factor.challenged_user_id(challenge))
    if user is None or not user.is_active:
        raise NotAuthenticated(two_factor.CHALLENGE_EXPIRED)
    return user


async def second_factor(
    *,
    session: AsyncSession,
    limiter: RateLimiter,
    challenge: str,
    credential: dict[str, Any],
    ip: str | None,
) -> User:
    """The second step of a login with a passkey instead of a code; failures
    count and are audited as wrong codes are."""
    user = await challenged_user(session=session, challenge=challenge)
    audit_failure = crud.failed_attempt_audit(
        session=session, action="two_factor_failed", user=user, ip_address=ip, detail="passkey"
    )
    async with limiter.attempt(
        session,
        two_factor.CODE_FAILURES,
        str(user.id),
        clear_on_success=True,
        on_failure=audit_failure,
    ):
        await verified_passkey(
            session=session, credential=credential, purpose="second_factor", user=user
        )
    return user


# endregion capability: two_factor


async def reauthenticate(
    *,
    session: AsyncSession,
    limiter: RateLimiter,
    user: User,
    session_id: uuid.UUID,
    credential: dict[str, Any],
    ip: str | None,
) -> datetime:
    """A passkey as a fresh proof of identity; until when it allows
    sensitive changes. Failures count as wrong passwords do."""
    audit_failure = crud.failed_attempt_audit(
        session=session,
        action="reauthentication_failed",
        user=user,
        ip_address=ip,
        detail="passkey",
    )
    async with limiter.attempt(
        session, ACCOUNT_FAILURES, user.email, clear_on_success=False, on_failure=audit_failure
    ):
        await verified_passkey(
            session=session, credential=credential, purpose="reauthenticate", user=user
        )
    proven_at = await crud.record_proof(session=session, session_id=session_id)
    await crud.record_audit(
        session=session,
        action="reauthenticated",
        actor=user,
        target_user_id=user.id,
        ip_address=ip,
        detail="passkey",
    )
    return proven_at + reauthentication.WINDOW
