"""Re-authentication ("sudo mode"): a session records when the person last
proved who they are, and sensitive changes need that proof to be recent.

Changing the email or the password, adding, resetting or removing a sign-in
method and deleting the account all call `require_recent_proof`; a stale session is answered 403
with the code `reauthentication_required`, and `reauthenticate` renews it.
"""

import uuid
from datetime import datetime, timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from app import crud
from app.auth import ACCOUNT_FAILURES
from app.core.config import settings
from app.core.errors import BadRequest, FailedAttempt, ReauthenticationRequired
from app.core.passwords import HashingLimiter
from app.core.ratelimit import RateLimiter
from app.models import User, utcnow

# region capability: two_factor
from app.signin import two_factor

# endregion capability: two_factor

WINDOW = timedelta(minutes=settings.REAUTHENTICATION_WINDOW_MINUTES)
INCORRECT_PROOF = "That is not right: check it and try again"
NO_PROOF = "Enter your password"
# region capability: two_factor
NO_PROOF += ", or a code from your authenticator app"
# endregion capability: two_factor


def require_recent_proof(proven_at: datetime) -> None:
    if utcnow() - proven_at > WINDOW:
        raise ReauthenticationRequired()


async def reauthenticate(
    *,
    session: AsyncSession,
    limiter: RateLimiter,
    hasher: HashingLimiter,
    user: User,
    session_id: uuid.UUID,
    password: str | None,
    # region capability: two_factor
    code: str | None,
    # endregion capability: two_factor
    ip: str | None,
) -> datetime:
    """Check a password or a second-factor code and renew the session's proof;
    returns until when it allows sensitive changes.

    Failures count against the same per-account limit as failed logins: a
    stolen session must not become a way to guess the password.
    """
    proofs = [password]
    # region capability: two_factor
    proofs.append(code)
    # endregion capability: two_factor
    if not any(proofs):
        raise BadRequest(NO_PROOF)
    audit_failure = crud.failed_attempt_audit(
        session=session, action="reauthentication_failed", user=user, ip_address=ip
    )
    async with limiter.attempt(
        session, ACCOUNT_FAILURES, user.email, clear_on_success=False, on_failure=audit_failure
    ):
        valid = False
        if password and user.hashed_password:
            valid, _ = await hasher.verify_and_update(password, user.hashed_password)
        # region capability: two_factor
        elif code and settings.TWO_FACTOR_ENABLED:
            valid = await two_factor.accepts_code(session=session, user=user, code=code)
        # endregion capability: two_factor
        if not valid:
            raise FailedAttempt(INCORRECT_PROOF)
    proven_at = await crud.record_proof(session=session, session_id=session_id)
    await crud.record_audit(
        session=session, action="reauthenticated", actor=user, target_user_id=user.id, ip_address=ip
    )
    return proven_at + WINDOW
