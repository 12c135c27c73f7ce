"""Account flows: sign-up, passwords, email changes, verification, admin
changes. Each flow revokes what it must and says which emails to send."""

import uuid
from datetime import timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from app import crud, notifications
from app.api.mailer import Mailer
from app.auth import ACCOUNT_FAILURES
from app.core.config import settings
from app.core.errors import BadRequest, Conflict, NotPermitted
from app.core.passwords import HashingLimiter, password_problem
from app.core.ratelimit import Limit, RateLimiter
from app.models import AuditChange, TokenPurpose, User, UserPublic, normalize_email, utcnow

# Why an emailed link is refused, and what to do next. Only the holder of the
# link learns anything, and only about the account the link was sent for.
LINK_UNKNOWN = (
    "This link is not valid: check that you opened the whole link from the email, "
    "or ask for a new one"
)
LINK_EXPIRED = "This link has expired: ask for a new one"
LINK_REPLACED = "A newer link has been sent since this one: use the latest email, or ask again"
LINK_USED = {
    TokenPurpose.VERIFY_EMAIL: "This link was already used: your email address is confirmed, "
    "so you can log in",
    TokenPurpose.CHANGE_EMAIL: "This link was already used: your email address has been "
    "changed, so log in with the new one",
    TokenPurpose.RESET_PASSWORD: "This link was already used: log in with your new password, "
    "or ask for a new link if you don't know it",
    TokenPurpose.SET_PASSWORD: "This link was already used: log in with the password you "
    "chose, or ask for a new link if you don't know it",
    # region capability: magic_links
    TokenPurpose.MAGIC_LINK: "This sign-in link was already used: ask for a new one",
    # endregion capability: magic_links
}
DELETE_CONFIRMATION = "Type your email address exactly as shown to confirm"
EMAIL_CHANGE_WITHDRAWN = (
    "This email change was cancelled: ask for it again from your settings if you still want it"
)
NO_PENDING_EMAIL_CHANGE = (
    "There is no email change waiting for confirmation: it was confirmed or cancelled already"
)
LAST_SUPERUSER = (
    "This is the last active superuser: make another user a superuser first, "
    "so that someone can still manage the app"
)
EMAIL_LIMIT_PER_ADDRESS = Limit(
    "email-address", settings.EMAILS_PER_ADDRESS, settings.EMAIL_WINDOW_SECONDS
)
EMAIL_LIMIT_PER_IP = Limit("email-ip", settings.EMAILS_PER_IP, settings.EMAIL_WINDOW_SECONDS)
SIGNUP_LIMIT_PER_IP = Limit("signup-ip", settings.SIGNUPS_PER_IP, settings.SIGNUP_WINDOW_SECONDS)


def check_password(password: str, *, email: str) -> None:
    problem = password_problem(password, email=email)
    if problem:
        raise BadRequest(problem)


async def new_password_hash(hasher: HashingLimiter, password: str, *, email: str) -> str:
    check_password(password, email=email)
    return await hasher.hash(password)


async def set_password(
    *, session: AsyncSession, user: User, hashed_password: str, keep_session: uuid.UUID | None
) -> None:
    """Every password change, by any path, kills pending reset links and
    revokes sessions (all, or all but the caller's)."""
    user.hashed_password = hashed_password
    session.add(user)
    await crud.invalidate_action_tokens(
        session=session,
        user_id=user.id,
        purposes=[TokenPurpose.RESET_PASSWORD, TokenPurpose.SET_PASSWORD],
    )
    await crud.revoke_sessions(session=session, user_id=user.id, keep=keep_session)


async def keep_an_active_superuser(*, session: AsyncSession, losing: User) -> None:
    """Refuse a change that would take away the last active superuser:
    nobody could manage users or read the audit log afterwards."""
    if set(await crud.lock_active_superusers(session=session)) == {losing.id}:
        raise Conflict(LAST_SUPERUSER)


async def refused_link(
    *, session: AsyncSession, token: str, purposes: list[TokenPurpose]
) -> BadRequest:
    """The error for a link that could not be used, saying what happened to
    it: the stored row knows whether it was used, replaced or let expire."""
    found = await crud.get_action_token(session=session, token=token)
    if found is None or found.purpose not in purposes:
        return BadRequest(LINK_UNKNOWN)
    if found.used_at is None:
        return BadRequest(LINK_EXPIRED)
    if await crud.has_newer_action_token(session=session, than=found):
        return BadRequest(LINK_REPLACED)
    user = await crud.get_user(session=session, user_id=found.user_id)
    purpose = TokenPurpose(found.purpose)
    if user is None or not user.is_active:
        return BadRequest(LINK_UNKNOWN)
    if purpose == TokenPurpose.VERIFY_EMAIL and not user.is_verified:
        return BadRequest(LINK_UNKNOWN)
    if purpose == TokenPurpose.CHANGE_EMAIL and user.email != found.new_email:
        return BadRequest(EMAIL_CHANGE_WITHDRAWN)
    return BadRequest(LINK_USED[purpose])


async def email_allowance(
    *, session: AsyncSession, limiter: RateLimiter, email: str, ip: str | None
) -> None:
    """Count an emailed link against the address and the caller's IP."""
    await limiter.check(session, EMAIL_LIMIT_PER_ADDRESS, email)
    if ip:
        await limiter.check(session, EMAIL_LIMIT_PER_IP, ip)
        await limiter.hit(session, EMAIL_LIMIT_PER_IP, ip)
    await limiter.hit(session, EMAIL_LIMIT_PER_ADDRESS, email)


async def send_verification(
    *, session: AsyncSession, mailer: Mailer, user: User, return_to: str | None = None
) -> None:
    """Email a link confirming the address; `return_to`, a dashboard path
    already checked, is where the link leads once it is confirmed."""
    token = await crud.issue_action_token(
        session=session,
        user_id=user.id,
        purpose=TokenPurpose.VERIFY_EMAIL,
        lifetime=timedelta(hours=settings.EMAIL_VERIFY_TOKEN_EXPIRE_HOURS),
    )
    mailer.send(
        notifications.verify_email(settings, email=user.email, token=token, return_to=return_to)
    )


def unsaved_public_user(email: str, full_name: str | None) -> UserPublic:
    """What a sign-up for a taken address answers when verification is
    required: the same shape as a real account, so nothing is revealed."""
    return UserPublic(
        id=uuid.uuid4(),
        email=email,
        full_name=full_name,
        is_active=True,
        is_superuser=False,
        is_verified=False,
        pending_email=None,
        created_at=utcnow(),
    )


async def signup(
    *,
    session: AsyncSession,
    limiter: RateLimiter,
    hasher: HashingLimiter,
    mailer: Mailer,
    email: str,
    password: str,
    full_name: str | None,
    ip: str | None,
    return_to: str | None = None,
) -> User | UserPublic:
    if ip:
        await limiter.check(session, SIGNUP_LIMIT_PER_IP, ip)
        await limiter.hit(session, SIGNUP_LIMIT_PER_IP, ip)
    hashed = await new_password_hash(hasher, password, email=email)
    existing = await crud.get_user_by_email(session=session, email=email)
    if existing is not None:
        if not settings.email_verification_required:
            raise BadRequest(crud.EMAIL_TAKEN)
        mailer.send(notifications.account_exists(settings, email=email))
        return unsaved_public_user(email, full_name)
    try:
        user = await crud.create_user(
            session=session, email=email, hashed_password=hashed, full_name=full_name
        )
    except Conflict as error:
        if settings.email_verification_required:
            return unsaved_public_user(email, full_name)
        raise BadRequest(crud.EMAIL_TAKEN) from error
    await crud.record_audit(
        session=session, action="signup", actor=user, target_user_id=user.id, ip_address=ip
    )
    await send_verification(session=session, mailer=mailer, user=user, return_to=return_to)
    return user


async def delete_own_account(
    *,
    session: AsyncSession,
    hasher: HashingLimiter,
    user: User,
    current_password: str | None,
    confirmation: str | None,
    ip: str | None,
) -> None:
    """Delete one's account and its sessions, once the person has
    shown they mean it: a stolen session alone must not be enough."""
    if user.is_superuser:
        raise NotPermitted("Super users are not allowed to delete themselves")
    if user.hashed_password:
        valid = False
        if current_password:
            valid, _ = await hasher.verify_and_update(current_password, user.hashed_password)
        if not valid:
            raise BadRequest("Incorrect password")
    elif normalize_email(confirmation or "") != user.email:
        raise BadRequest(DELETE_CONFIRMATION)
    await crud.record_audit(
        session=session,
        action="user_deleted",
        actor_email=user.email,
        target_user_id=user.id,
        ip_address=ip,
    )
    await crud.delete_user(session=session, user=user)


async def change_own_password(
    *,
    session: AsyncSession,
    hasher: HashingLimiter,
    mailer: Mailer,
    user: User,
    current_session: uuid.UUID,
    current_password: str,
    new_password: str,
    ip: str | None,
) -> None:
    valid, _ = await hasher.verify_and_update(current_password, user.hashed_password or "")
    if not user.hashed_password or not valid:
        raise BadRequest("Incorrect password")
    if current_password == new_password:
        raise BadRequest("New password cannot be the same as the current one")
    hashed = await new_password_hash(hasher, new_password, email=user.email)
    await set_password(
        session=session, user=user, hashed_password=hashed, keep_session=current_session
    )
    await crud.record_audit(
        session=session,
        action="password_changed",
        actor=user,
        target_user_id=user.id,
        ip_address=ip,
    )
    mailer.send(notifications.password_changed_notice(settings, email=user.email))


async def request_password_recovery(
    *, session: AsyncSession, limiter: RateLimiter, mailer: Mailer, email: str, ip: str | None
) -> None:
    """Does the same work whether or not the account exists, so that neither
    the answer nor its timing tells an attacker which addresses are known."""
    await email_allowance(session=session, limiter=limiter, email=email, ip=ip)
    user = await crud.get_user_by_email(session=session, email=email)
    if user is None or not user.is_active:
        return
    token = await crud.issue_action_token(
        session=session,
        user_id=user.id,
        purpose=TokenPurpose.RESET_PASSWORD,
        lifetime=timedelta(hours=settings.EMAIL_RESET_TOKEN_EXPIRE_HOURS),
    )
    mailer.send(notifications.reset_password(settings, email=user.email, token=token))


async def reset_password(
    *,
    session: AsyncSession,
    hasher: HashingLimiter,
    limiter: RateLimiter,
    mailer: Mailer,
    token: str,
    new_password: str,
    ip: str | None,
) -> None:
    purposes = [TokenPurpose.RESET_PASSWORD, TokenPurpose.SET_PASSWORD]
    used = await crud.consume_action_token(session=session, token=token, purposes=purposes)
    if used is None:
        raise await refused_link(session=session, token=token, purposes=purposes)
    user = await crud.get_user(session=session, user_id=used.user_id)
    if user is None or not user.is_active:
        raise BadRequest(LINK_UNKNOWN)
    hashed = await new_password_hash(hasher, new_password, email=user.email)
    await set_password(session=session, user=user, hashed_password=hashed, keep_session=None)
    if used.purpose == TokenPurpose.SET_PASSWORD:
        # The link reached the owner's inbox: that proves the address.
        user.is_verified = True
    # The same proof lifts a login block that someone else's guesses caused.
    await limiter.clear(session, ACCOUNT_FAILURES, user.email)
    await crud.record_audit(
        session=session, action="password_reset", actor=user, target_user_id=user.id, ip_address=ip
    )
    mailer.send(notifications.password_changed_notice(settings, email=user.email))


async def verify_email(*, session: AsyncSession, token: str, ip: str | None) -> str:
    """Confirm a sign-up address or a pending email change; says which."""
    purposes = [TokenPurpose.VERIFY_EMAIL, TokenPurpose.CHANGE_EMAIL]
    used = await crud.consume_action_token(session=session, token=token, purposes=purposes)
    if used is None:
        raise await refused_link(session=session, token=token, purposes=purposes)
    user = await crud.get_user(session=session, user_id=used.user_id)
    if user is None:
        raise BadRequest(LINK_UNKNOWN)
    if used.purpose == TokenPurpose.VERIFY_EMAIL:
        user.is_verified = True
        await crud.update_user(session=session, user=user, changes={})
        return "Email address verified"
    if used.new_email is None or user.pending_email != used.new_email:
        raise BadRequest(EMAIL_CHANGE_WITHDRAWN)
    old_email = user.email
    await crud.update_user(
        session=session,
        user=user,
        changes={"email": used.new_email, "pending_email": None, "is_verified": True},
    )
    await crud.record_audit(
        session=session,
        action="email_changed",
        actor=user,
        target_user_id=user.id,
        ip_address=ip,
        changes=[AuditChange(field="email", old=old_email, new=user.email)],
    )
    return "Email address changed"


async def resend_verification(
    *, session: AsyncSession, limiter: RateLimiter, mailer: Mailer, email: str, ip: str | None
) -> None:
    await email_allowance(session=session, limiter=limiter, email=email, ip=ip)
    user = await crud.get_user_by_email(session=session, email=email)
    if user is not None and user.is_active and not user.is_verified:
        await send_verification(session=session, mailer=mailer, user=user)


async def request_email_change(
    *,
    session: AsyncSession,
    hasher: HashingLimiter,
    limiter: RateLimiter,
    mailer: Mailer,
    user: User,
    new_email: str,
    current_password: str | None,
    ip: str | None,
) -> None:
    """An email change takes effect only when the new address confirms it;
    the old address is told, so a hijacked session can't quietly take over.
    An account with a password confirms with it as well; one without (signed
    up another way) has only the recent proof of identity the route asks for."""
    if user.hashed_password is not None:
        valid = False
        if current_password:
            valid, _ = await hasher.verify_and_update(current_password, user.hashed_password)
        if not valid:
            raise BadRequest("The current password is required to change the email address")
    if await crud.get_user_by_email(session=session, email=new_email):
        raise Conflict(crud.EMAIL_TAKEN)
    await email_allowance(session=session, limiter=limiter, email=new_email, ip=ip)
    await crud.update_user(session=session, user=user, changes={"pending_email": new_email})
    await send_email_change_link(session=session, mailer=mailer, user=user, new_email=new_email)
    mailer.send(
        notifications.email_changed_notice(settings, old_email=user.email, new_email=new_email)
    )


async def send_email_change_link(
    *, session: AsyncSession, mailer: Mailer, user: User, new_email: str
) -> None:
    """A fresh confirmation link to the new address; earlier ones stop working."""
    token = await crud.issue_action_token(
        session=session,
        user_id=user.id,
        purpose=TokenPurpose.CHANGE_EMAIL,
        lifetime=timedelta(hours=settings.EMAIL_VERIFY_TOKEN_EXPIRE_HOURS),
        new_email=new_email,
    )
    mailer.send(notifications.email_change_confirm(settings, new_email=new_email, token=token))


async def resend_email_change(
    *, session: AsyncSession, limiter: RateLimiter, mailer: Mailer, user: User, ip: str | None
) -> str:
    """Send the pending change's link again, counted against the new address
    like every emailed link; returns the address it went to."""
    new_email = user.pending_email
    if new_email is None:
        raise Conflict(NO_PENDING_EMAIL_CHANGE)
    await email_allowance(session=session, limiter=limiter, email=new_email, ip=ip)
    await send_email_change_link(session=session, mailer=mailer, user=user, new_email=new_email)
    return new_email


async def cancel_email_change(*, session: AsyncSession, user: User) -> None:
    """Withdraw a pending change: the links already sent stop working."""
    if user.pending_email is None:
        raise Conflict(NO_PENDING_EMAIL_CHANGE)
    await crud.invalidate_action_tokens(
        session=session, user_id=user.id, purposes=[TokenPurpose.CHANGE_EMAIL]
    )
    await crud.update_user(session=session, user=user, changes={"pending_email": None})
