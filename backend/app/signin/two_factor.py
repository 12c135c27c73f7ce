"""Two-factor authentication with an authenticator app (TOTP, RFC 6238)
and single-use recovery codes.

pyotp computes the codes; segno draws the QR code as SVG on the server, so
the dashboard needs no QR library and the secret never leaves our origin.
Both are small, dependency-free and maintained.

Logging in with two-factor authentication on takes two requests: the
password step answers a short-lived signed challenge (not a session), and
POST /login/two-factor exchanges it with a code for the session.
"""

import hashlib
import hmac
import secrets
import uuid
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import jwt
import pyotp
import segno
from sqlmodel.ext.asyncio.session import AsyncSession

from app import crud, notifications
from app.core.config import settings
from app.core.errors import BadRequest, Conflict, FailedAttempt, NotAuthenticated, NotFound
from app.core.passwords import HashingLimiter
from app.core.ratelimit import Limit, RateLimiter
from app.models import User, utcnow
from app.signin import two_factor_crud
from app.signin.two_factor_models import (
    RecoveryCodes,
    TwoFactorChallenge,
    TwoFactorSetup,
    TwoFactorStatus,
)

if TYPE_CHECKING:
    # Only a type here: the mailer's module depends on app.api.deps, which
    # depends on the re-authentication that uses this module.
    from app.api.mailer import Mailer

CHALLENGE_TYPE = "two_factor"
CHALLENGE_LIFETIME = timedelta(minutes=5)
RECOVERY_CODE_COUNT = 10
# 12 characters of 31 possible (59 bits): out of reach of guessing through
# the rate limit, and of brute force against a stolen hash.
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
CODE_FAILURES = Limit(
    "two-factor-account", settings.LOGIN_FAILURES_PER_ACCOUNT, settings.LOGIN_FAILURE_WINDOW_SECONDS
)

WRONG_CODE = "That code is not right: enter the current code from your authenticator app"
CHALLENGE_EXPIRED = "This sign-in took too long: log in again with your password"
ALREADY_ON = "Two-factor authentication is already on"
NOT_STARTED = "Start setting up two-factor authentication first"
NOT_ON = "Two-factor authentication is not on"
WRONG_PASSWORD = "Incorrect password"
METHOD = "Two-factor authentication"


# ---------------------------------------------------------------- codes
def totp_step(secret: str, code: str, now: datetime) -> int | None:
    """The time step whose code `code` is, allowing one step of clock drift
    either way; None if it matches none."""
    code = code.replace(" ", "")
    if not (code.isdigit() and len(code) == 6):
        return None
    totp = pyotp.TOTP(secret)
    current = totp.timecode(now)
    for step in (current - 1, current, current + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def new_recovery_code() -> str:
    raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def recovery_code_hash(user_id: uuid.UUID, code: str) -> str:
    normalized = "".join(c for c in code.lower() if c.isalnum())
    return hashlib.sha256(f"{user_id}:{normalized}".encode()).hexdigest()


async def accepts_code(*, session: AsyncSession, user: User, code: str) -> bool:
    """Use `code` once: a current authenticator code not used before, or an
    unused recovery code. False when two-factor authentication is off."""
    factor = await two_factor_crud.get_two_factor(session=session, user_id=user.id)
    if factor is None or factor.confirmed_at is None:
        return False
    step = totp_step(factor.secret, code, utcnow())
    if step is not None:
        return await two_factor_crud.claim_step(session=session, user_id=user.id, step=step)
    return await two_factor_crud.use_recovery_code(
        session=session, user_id=user.id, code_hash=recovery_code_hash(user.id, code)
    )


async def checked_code(
    *, session: AsyncSession, limiter: RateLimiter, user: User, code: str, ip: str | None
) -> None:
    """Refuse a wrong code (400), counted per account and audited."""
    audit_failure = crud.failed_attempt_audit(
        session=session, action="two_factor_failed", user=user, ip_address=ip
    )
    async with limiter.attempt(
        session, CODE_FAILURES, str(user.id), clear_on_success=True, on_failure=audit_failure
    ):
        if not await accepts_code(session=session, user=user, code=code):
            raise FailedAttempt(WRONG_CODE)


# ---------------------------------------------------------------- login
def challenge_token(user_id: uuid.UUID) -> str:
    now = datetime.now(UTC)
    claims = {
        "sub": str(user_id),
        "typ": CHALLENGE_TYPE,
        "iat": now,
        "exp": now + CHALLENGE_LIFETIME,
    }
    return jwt.encode(claims, settings.SECRET_KEY, algorithm="HS256")


def challenged_user_id(token: str) -> uuid.UUID:
    try:
        claims = jwt.decode(
            token,
            settings.SECRET_KEY,
            algorithms=["HS256"],
            options={"require": ["exp", "sub", "typ"]},
        )
        if claims["typ"] != CHALLENGE_TYPE:
            raise ValueError("not a two-factor challenge")
        return uuid.UUID(claims["sub"])
    except (jwt.PyJWTError, ValueError, TypeError) as error:
        raise NotAuthenticated(CHALLENGE_EXPIRED) from error


async def challenge_for(*, session: AsyncSession, user: User) -> TwoFactorChallenge | None:
    """After the first step of a login: a challenge if the account needs a
    second one. Reusing a challenge gains nothing, since each code is good
    once; it expires within minutes."""
    if not await two_factor_crud.two_factor_enabled(session=session, user_id=user.id):
        return None
    return TwoFactorChallenge(
        challenge=challenge_token(user.id), expires_in=int(CHALLENGE_LIFETIME.total_seconds())
    )


async def second_step(
    *, session: AsyncSession, limiter: RateLimiter, challenge: str, code: str, ip: str | None
) -> User:
    user = await crud.get_user(session=session, user_id=challenged_user_id(challenge))
    if user is None or not user.is_active:
        raise NotAuthenticated(CHALLENGE_EXPIRED)
    await checked_code(session=session, limiter=limiter, user=user, code=code, ip=ip)
    return user


# ---------------------------------------------------------------- settings
async def status(*, session: AsyncSession, user: User) -> TwoFactorStatus:
    enabled = await two_factor_crud.two_factor_enabled(session=session, user_id=user.id)
    left = await two_factor_crud.count_recovery_codes(session=session, user_id=user.id)
    return TwoFactorStatus(enabled=enabled, recovery_codes_left=left if enabled else 0)


def qr_code(uri: str) -> str:
    return segno.make(uri, error="m").svg_data_uri(scale=5, border=2)


async def start_setup(*, session: AsyncSession, user: User) -> TwoFactorSetup:
    if await two_factor_crud.two_factor_enabled(session=session, user_id=user.id):
        raise Conflict(ALREADY_ON)
    secret = pyotp.random_base32()
    await two_factor_crud.start_two_factor(session=session, user_id=user.id, secret=secret)
    uri = pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=settings.PROJECT_NAME)
    return TwoFactorSetup(secret=secret, otpauth_uri=uri, qr_code=qr_code(uri))


async def new_recovery_codes(*, session: AsyncSession, user: User) -> RecoveryCodes:
    codes = [new_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    await two_factor_crud.replace_recovery_codes(
        session=session,
        user_id=user.id,
        code_hashes=[recovery_code_hash(user.id, c) for c in codes],
    )
    return RecoveryCodes(codes=codes)


async def confirm_setup(
    *, session: AsyncSession, mailer: "Mailer", user: User, code: str, ip: str | None
) -> RecoveryCodes:
    """Turn two-factor authentication on once the app shows the right code;
    the recovery codes are returned this once."""
    factor = await two_factor_crud.get_two_factor(session=session, user_id=user.id)
    if factor is None:
        raise BadRequest(NOT_STARTED)
    if factor.confirmed_at is not None:
        raise Conflict(ALREADY_ON)
    step = totp_step(factor.secret, code, utcnow())
    if step is None or not await two_factor_crud.claim_step(
        session=session, user_id=user.id, step=step
    ):
        raise BadRequest(WRONG_CODE)
    await two_factor_crud.confirm_two_factor(session=session, factor=factor)
    codes = await new_recovery_codes(session=session, user=user)
    await crud.record_audit(
        session=session,
        action="two_factor_enabled",
        actor=user,
        target_user_id=user.id,
        ip_address=ip,
    )
    mailer.send(
        notifications.signin_method_changed(
            settings, email=user.email, method=METHOD, change="turned on"
        )
    )
    return codes


async def regenerate_recovery_codes(
    *, session: AsyncSession, user: User, ip: str | None
) -> RecoveryCodes:
    if not await two_factor_crud.two_factor_enabled(session=session, user_id=user.id):
        raise Conflict(NOT_ON)
    codes = await new_recovery_codes(session=session, user=user)
    await crud.record_audit(
        session=session,
        action="recovery_codes_regenerated",
        actor=user,
        target_user_id=user.id,
        ip_address=ip,
    )
    return codes


async def disable(
    *,
    session: AsyncSession,
    limiter: RateLimiter,
    hasher: HashingLimiter,
    mailer: "Mailer",
    user: User,
    current_password: str | None,
    code: str,
    ip: str | None,
) -> None:
    if not await two_factor_crud.two_factor_enabled(session=session, user_id=user.id):
        raise Conflict(NOT_ON)
    if user.hashed_password:
        valid = False
        if current_password:
            valid, _ = await hasher.verify_and_update(current_password, user.hashed_password)
        if not valid:
            raise BadRequest(WRONG_PASSWORD)
    await checked_code(session=session, limiter=limiter, user=user, code=code, ip=ip)
    await two_factor_crud.delete_two_factor(session=session, user_id=user.id)
    await crud.record_audit(
        session=session,
        action="two_factor_disabled",
        actor=user,
        target_user_id=user.id,
        ip_address=ip,
    )
    mailer.send(
        notifications.signin_method_changed(
            settings, email=user.email, method=METHOD, change="turned off"
        )
    )


async def reset_by_superuser(
    *, session: AsyncSession, mailer: "Mailer", superuser: User, user_id: uuid.UUID, ip: str | None
) -> None:
    """For a user who lost both the app and the recovery codes."""
    user = await crud.get_user(session=session, user_id=user_id)
    if user is None:
        raise NotFound("The user with this id does not exist in the system")
    if not await two_factor_crud.delete_two_factor(session=session, user_id=user.id):
        raise Conflict(NOT_ON)
    await crud.record_audit(
        session=session,
        action="two_factor_reset",
        actor=superuser,
        target_user_id=user.id,
        ip_address=ip,
    )
    mailer.send(
        notifications.signin_method_changed(
            settings, email=user.email, method=METHOD, change="turned off by an administrator"
        )
    )
