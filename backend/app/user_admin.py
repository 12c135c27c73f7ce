"""Changes made to someone else's account: by a superuser through the API,
or by an operator through the command line (`app users …`), by the same
rules either way. `actor` is the superuser, or None for the command line."""

from datetime import timedelta
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from app import accounts, crud, notifications
from app.api.mailer import Mailer
from app.core.config import settings
from app.core.errors import BadRequest
from app.core.passwords import HashingLimiter
from app.models import TokenPurpose, User, UserCreate, UserUpdate

# What the audit log says an operator's change came from.
COMMAND_LINE = "command line"


async def create_account(
    *,
    session: AsyncSession,
    hasher: HashingLimiter,
    mailer: Mailer,
    actor: User | None,
    body: UserCreate,
    ip: str | None,
) -> User:
    """Create a user. Without a password, the user gets a link to choose one."""
    if await crud.get_user_by_email(session=session, email=body.email):
        raise BadRequest(crud.EMAIL_TAKEN)
    hashed = (
        await accounts.new_password_hash(hasher, body.password, email=body.email)
        if body.password
        else None
    )
    user = await crud.create_user(
        session=session,
        email=body.email,
        hashed_password=hashed,
        **body.model_dump(include={"full_name", "is_superuser", "is_active", "is_verified"}),
    )
    token = None
    if hashed is None:
        token = await crud.issue_action_token(
            session=session,
            user_id=user.id,
            purpose=TokenPurpose.SET_PASSWORD,
            lifetime=timedelta(hours=settings.SET_PASSWORD_TOKEN_EXPIRE_HOURS),
        )
    await crud.record_audit(
        session=session,
        action="user_created",
        actor=actor,
        target_user_id=user.id,
        ip_address=ip,
        detail=None if actor else COMMAND_LINE,
    )
    mailer.send(
        notifications.new_account(
            settings, email=user.email, full_name=user.full_name, set_password_token=token
        )
    )
    return user


async def update_account(
    *,
    session: AsyncSession,
    hasher: HashingLimiter,
    actor: User | None,
    user: User,
    body: UserUpdate,
    ip: str | None,
) -> User:
    """Apply a change. Setting a password or deactivating the user logs them
    out everywhere; the last active superuser keeps their rights."""
    changes: dict[str, Any] = body.model_dump(exclude_unset=True, exclude={"password"})
    # null means "leave as is" for everything but the (nullable) full name.
    changes = {k: v for k, v in changes.items() if v is not None or k == "full_name"}
    if changes.get("is_superuser") is False or changes.get("is_active") is False:
        await accounts.keep_an_active_superuser(session=session, losing=user)
    changed = crud.user_changes(
        user=user, changes=changes, password_changed=body.password is not None
    )
    if body.password is not None:
        email = changes.get("email") or user.email
        hashed = await accounts.new_password_hash(hasher, body.password, email=email)
        await accounts.set_password(
            session=session, user=user, hashed_password=hashed, keep_session=None
        )
    await crud.update_user(session=session, user=user, changes=changes)
    if changes.get("is_active") is False:
        await crud.revoke_sessions(session=session, user_id=user.id)
    await crud.record_audit(
        session=session,
        action="user_updated",
        actor=actor,
        target_user_id=user.id,
        ip_address=ip,
        detail=None if actor else COMMAND_LINE,
        changes=changed,
    )
    return user


async def send_password_link(*, session: AsyncSession, mailer: Mailer, user: User) -> None:
    """Email a link to choose a new password (the password-recovery mail);
    earlier links stop working. The current password keeps working until
    the link is used."""
    if not user.is_active:
        raise BadRequest(f"{user.email} is deactivated: a link would not work for it")
    token = await crud.issue_action_token(
        session=session,
        user_id=user.id,
        purpose=TokenPurpose.RESET_PASSWORD,
        lifetime=timedelta(hours=settings.EMAIL_RESET_TOKEN_EXPIRE_HOURS),
    )
    mailer.send(notifications.reset_password(settings, email=user.email, token=token))
