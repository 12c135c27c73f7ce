"""Every query and write. Functions flush, never commit: the request's
transaction (app.core.db.transaction) decides."""

import uuid
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from sqlalchemy import ColumnElement, bindparam, delete, func, union, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

# region capability: items
from sqlmodel.sql.expression import Select

# endregion capability: items
from app.core.errors import Conflict
from app.core.security import hash_opaque_token, new_opaque_token

# region capability: file_storage
from app.files import jobs as files

# endregion capability: file_storage
from app.models import (
    AUDIT_FIELDS,
    ActionToken,
    AuditAction,
    AuditChange,
    AuditLog,
    AuditLogFilter,
    AuthSession,
    # region capability: items
    Item,
    ItemCreate,
    ItemUpdate,
    # endregion capability: items
    RateLimitCounter,
    RefreshToken,
    TokenPurpose,
    User,
    utcnow,
)

# region capability: organizations
from app.organizations import crud as organizations
from app.organizations import departure

# endregion capability: organizations
# region capability: passkeys
from app.signin.passkey_models import PasskeyChallenge

# endregion capability: passkeys

EMAIL_TAKEN = "The user with this email already exists in the system"


# ---------------------------------------------------------------- users
async def get_user(*, session: AsyncSession, user_id: uuid.UUID) -> User | None:
    return await session.get(User, user_id)


async def get_user_by_email(*, session: AsyncSession, email: str) -> User | None:
    result = await session.exec(select(User).where(User.email == email.strip().lower()))
    return result.first()


async def flush_unique(session: AsyncSession, message: str = EMAIL_TAKEN) -> None:
    """Flush inside a savepoint so a unique violation becomes a 409 and the
    request's transaction stays usable; the database is the arbiter when two
    requests race for the same address."""
    try:
        async with session.begin_nested():
            await session.flush()
    except IntegrityError as error:
        if not is_unique_violation(error):
            raise
        raise Conflict(message) from error


def is_unique_violation(error: IntegrityError) -> bool:
    # PostgreSQL's SQLSTATE 23505; SQLite only says it in words.
    original = error.orig
    return getattr(original, "sqlstate", None) == "23505" or "UNIQUE constraint failed" in str(
        original
    )


async def create_user(
    *, session: AsyncSession, email: str, hashed_password: str | None, **fields: Any
) -> User:
    """Every way an account is made goes through here, so every account gets
    what every account has from the start."""
    user = User(email=email, hashed_password=hashed_password, **fields)
    session.add(user)
    await flush_unique(session)
    # region capability: organizations
    await organizations.create_personal_organization(session=session, user=user)
    # endregion capability: organizations
    return user


async def update_user(*, session: AsyncSession, user: User, changes: dict[str, Any]) -> User:
    for name, value in changes.items():
        setattr(user, name, value)
    session.add(user)
    await flush_unique(session)
    return user


async def list_users(*, session: AsyncSession, skip: int, limit: int) -> tuple[Sequence[User], int]:
    count = (await session.exec(select(func.count()).select_from(User))).one()
    users = await session.exec(
        select(User).order_by(col(User.created_at).desc(), col(User.id)).offset(skip).limit(limit)
    )
    return users.all(), count


async def count_active_superusers(*, session: AsyncSession) -> int:
    query = select(func.count()).where(
        col(User.is_superuser).is_(True), col(User.is_active).is_(True)
    )
    return (await session.exec(query)).one()


async def lock_active_superusers(*, session: AsyncSession) -> Sequence[uuid.UUID]:
    """The ids of every active superuser, their rows locked until the
    transaction ends, so that two requests cannot each remove one of the
    last two. (SQLite has no row locks: its transactions take the write lock
    at BEGIN, which serialises them whole.)"""
    result = await session.exec(
        select(User.id)
        .where(col(User.is_superuser).is_(True), col(User.is_active).is_(True))
        .order_by(col(User.id))
        .with_for_update()
    )
    return result.all()


async def delete_user(*, session: AsyncSession, user: User) -> None:
    """Delete an account with what is only its own; refused (409) while
    others depend on it."""
    await release_what_goes_with(session=session, user=user)
    await session.delete(user)
    await session.flush()


async def release_what_goes_with(*, session: AsyncSession, user: User) -> None:
    """What deleting an account does before its row goes, wherever the
    account is deleted from: what only it uses goes, or the deletion is
    refused (409), and its files are let go."""
    # region capability: organizations
    await departure.release_organizations_of(session=session, user=user)
    # endregion capability: organizations
    # region capability: file_storage
    await files.delete_files_of_user(session=session, user=user)
    # endregion capability: file_storage


# region capability: items
# ---------------------------------------------------------------- items
async def create_item(
    *, session: AsyncSession, organization_id: uuid.UUID, owner_id: uuid.UUID, body: ItemCreate
) -> Item:
    item = Item.model_validate(
        body, update={"organization_id": organization_id, "owner_id": owner_id}
    )
    session.add(item)
    await session.flush()
    return item


async def get_item(
    *, session: AsyncSession, organization_id: uuid.UUID, item_id: uuid.UUID
) -> tuple[Item, str | None] | None:
    """An item of the organization and its owner's email."""
    result = await session.exec(
        owned_items().where(Item.id == item_id, Item.organization_id == organization_id)
    )
    return result.first()


async def list_items(
    *,
    session: AsyncSession,
    organization_id: uuid.UUID,
    owner_id: uuid.UUID | None,
    skip: int,
    limit: int,
) -> tuple[Sequence[tuple[Item, str | None]], int]:
    """A page of the organization's items with their owners' emails, newest
    first, and the total; `owner_id` narrows it to one member's."""
    count_query = (
        select(func.count()).select_from(Item).where(Item.organization_id == organization_id)
    )
    page_query = (
        owned_items()
        .where(Item.organization_id == organization_id)
        .order_by(col(Item.created_at).desc(), col(Item.id))
    )
    if owner_id is not None:
        count_query = count_query.where(Item.owner_id == owner_id)
        page_query = page_query.where(Item.owner_id == owner_id)
    count = (await session.exec(count_query)).one()
    items = (await session.exec(page_query.offset(skip).limit(limit))).all()
    return items, count


def owned_items() -> Select[Item, str | None]:
    """Items with their creators' emails (None once a creator's account is gone)."""
    return select(Item, User.email).outerjoin(User, col(Item.owner_id) == col(User.id))


async def update_item(*, session: AsyncSession, item: Item, body: ItemUpdate) -> Item:
    """Apply the fields the body sets; a title cannot be cleared, so a null
    one leaves it as it is."""
    changes = body.model_dump(exclude_unset=True)
    if changes.get("title") is None:
        changes.pop("title", None)
    item.sqlmodel_update(changes)
    session.add(item)
    await session.flush()
    return item


async def delete_item(*, session: AsyncSession, item: Item) -> None:
    # region capability: file_storage
    await files.delete_files_of_item(session=session, item_id=item.id)
    # endregion capability: file_storage
    await session.delete(item)
    await session.flush()


# endregion capability: items


# ---------------------------------------------------------------- sessions
async def create_auth_session(
    *,
    session: AsyncSession,
    user_id: uuid.UUID,
    lifetime: timedelta,
    user_agent: str | None,
    ip_address: str | None,
) -> tuple[AuthSession, str]:
    """A new login and its first refresh token (returned in clear, once).
    Logging in proves who one is, so the session starts freshly proven."""
    now = utcnow()
    auth_session = AuthSession(
        user_id=user_id,
        created_at=now,
        last_used_at=now,
        proven_at=now,
        expires_at=now + lifetime,
        user_agent=(user_agent or "")[:512] or None,
        ip_address=ip_address,
    )
    session.add(auth_session)
    refresh_token = new_opaque_token()
    session.add(
        RefreshToken(token_hash=hash_opaque_token(refresh_token), session_id=auth_session.id)
    )
    await session.flush()
    return auth_session, refresh_token


# Built once: every authenticated request runs it, and building and keying
# a statement of this size costs more CPU than the database takes to answer
# it (docs/operations.md, "What moved the figures").
AUTHENTICATED_USER = (
    select(User, AuthSession.last_used_at, AuthSession.proven_at)
    .join(AuthSession, col(AuthSession.user_id) == col(User.id))
    .where(
        col(AuthSession.id) == bindparam("session_id"),
        col(User.id) == bindparam("user_id"),
        col(User.is_active).is_(True),
        col(AuthSession.revoked_at).is_(None),
        col(AuthSession.expires_at) > bindparam("now"),
    )
)


async def get_authenticated_user(
    *, session: AsyncSession, user_id: uuid.UUID, session_id: uuid.UUID
) -> tuple[User, datetime, datetime] | None:
    """The user behind an access token, when its session was last used and
    last proven, in one query: the session must be live and the user active."""
    result = await session.exec(
        AUTHENTICATED_USER,
        params={"session_id": session_id, "user_id": user_id, "now": utcnow()},
    )
    row = result.first()
    return None if row is None else (row[0], row[1], row[2])


async def touch_session(*, session: AsyncSession, session_id: uuid.UUID) -> None:
    await session.exec(
        update(AuthSession).where(col(AuthSession.id) == session_id).values(last_used_at=utcnow())
    )


async def record_proof(*, session: AsyncSession, session_id: uuid.UUID) -> datetime:
    """The person behind this session just proved who they are."""
    now = utcnow()
    await session.exec(
        update(AuthSession).where(col(AuthSession.id) == session_id).values(proven_at=now)
    )
    return now


async def set_proof_time(*, session: AsyncSession, user_id: uuid.UUID, proven_at: datetime) -> None:
    """Set when every session of the user was last proven (tests)."""
    await session.exec(
        update(AuthSession).where(col(AuthSession.user_id) == user_id).values(proven_at=proven_at)
    )


async def find_refresh_token(
    *, session: AsyncSession, token: str
) -> tuple[RefreshToken, AuthSession, bool] | None:
    """The stored token, its session, and whether the session's user is
    active, in one query."""
    result = await session.exec(
        select(RefreshToken, AuthSession, col(User.is_active))
        .join(AuthSession, col(AuthSession.id) == col(RefreshToken.session_id))
        .join(User, col(User.id) == col(AuthSession.user_id))
        .where(RefreshToken.token_hash == hash_opaque_token(token))
    )
    row = result.first()
    return (row[0], row[1], row[2]) if row else None


async def rotate_refresh_token(*, session: AsyncSession, old: RefreshToken) -> str | None:
    """Mark `old` as exchanged and issue its successor. Returns None when a
    concurrent request exchanged it first (the conditional update is the
    arbiter), which callers treat as reuse."""
    now = utcnow()
    result = await session.exec(
        update(RefreshToken)
        .where(
            col(RefreshToken.token_hash) == old.token_hash, col(RefreshToken.rotated_at).is_(None)
        )
        .values(rotated_at=now)
    )
    if result.rowcount != 1:
        return None
    new_token = new_opaque_token()
    session.add(RefreshToken(token_hash=hash_opaque_token(new_token), session_id=old.session_id))
    await session.flush()
    await session.exec(
        update(AuthSession).where(col(AuthSession.id) == old.session_id).values(last_used_at=now)
    )
    return new_token


async def reissue_refresh_token(*, session: AsyncSession, old: RefreshToken) -> str:
    """Replace whatever succeeded `old` with a fresh token: the successor
    never reached the client, so it is retired unused."""
    now = utcnow()
    await session.exec(
        update(RefreshToken)
        .where(
            col(RefreshToken.session_id) == old.session_id, col(RefreshToken.rotated_at).is_(None)
        )
        .values(rotated_at=now, discarded_at=now)
    )
    new_token = new_opaque_token()
    session.add(RefreshToken(token_hash=hash_opaque_token(new_token), session_id=old.session_id))
    await session.flush()
    return new_token


async def revoke_sessions(
    *,
    session: AsyncSession,
    user_id: uuid.UUID,
    only: uuid.UUID | None = None,
    keep: uuid.UUID | None = None,
) -> int:
    """Revoke one session (`only`), or all of a user's but `keep`."""
    query = update(AuthSession).where(
        col(AuthSession.user_id) == user_id, col(AuthSession.revoked_at).is_(None)
    )
    if only is not None:
        query = query.where(col(AuthSession.id) == only)
    if keep is not None:
        query = query.where(col(AuthSession.id) != keep)
    result = await session.exec(query.values(revoked_at=utcnow()))
    return int(result.rowcount)


async def list_active_sessions(
    *, session: AsyncSession, user_id: uuid.UUID
) -> Sequence[AuthSession]:
    result = await session.exec(
        select(AuthSession)
        .where(
            AuthSession.user_id == user_id,
            col(AuthSession.revoked_at).is_(None),
            col(AuthSession.expires_at) > utcnow(),
        )
        .order_by(col(AuthSession.last_used_at).desc())
    )
    return result.all()


# ---------------------------------------------------------------- emailed links
async def issue_action_token(
    *,
    session: AsyncSession,
    user_id: uuid.UUID,
    purpose: TokenPurpose,
    lifetime: timedelta,
    new_email: str | None = None,
) -> str:
    """A fresh single-use token; earlier unused ones of the same purpose are
    superseded, so only the newest link works."""
    await invalidate_action_tokens(session=session, user_id=user_id, purposes=[purpose])
    token = new_opaque_token()
    now = utcnow()
    session.add(
        ActionToken(
            token_hash=hash_opaque_token(token),
            user_id=user_id,
            purpose=purpose,
            new_email=new_email,
            created_at=now,
            expires_at=now + lifetime,
        )
    )
    await session.flush()
    return token


async def consume_action_token(
    *, session: AsyncSession, token: str, purposes: Sequence[TokenPurpose]
) -> ActionToken | None:
    """Use a token once: the conditional update means two concurrent uses
    cannot both succeed."""
    now = utcnow()
    token_hash = hash_opaque_token(token)
    result = await session.exec(
        update(ActionToken)
        .where(
            col(ActionToken.token_hash) == token_hash,
            col(ActionToken.purpose).in_([str(p) for p in purposes]),
            col(ActionToken.used_at).is_(None),
            col(ActionToken.expires_at) > now,
        )
        .values(used_at=now)
    )
    if result.rowcount != 1:
        return None
    return await session.get(ActionToken, token_hash)


async def get_action_token(*, session: AsyncSession, token: str) -> ActionToken | None:
    return await session.get(ActionToken, hash_opaque_token(token))


async def has_newer_action_token(*, session: AsyncSession, than: ActionToken) -> bool:
    """Whether a link of the same purpose was sent to the same user later."""
    result = await session.exec(
        select(func.count())
        .select_from(ActionToken)
        .where(
            col(ActionToken.user_id) == than.user_id,
            col(ActionToken.purpose) == than.purpose,
            col(ActionToken.created_at) > than.created_at,
        )
    )
    return result.one() > 0


async def invalidate_action_tokens(
    *, session: AsyncSession, user_id: uuid.UUID, purposes: Sequence[TokenPurpose]
) -> None:
    await session.exec(
        update(ActionToken)
        .where(
            col(ActionToken.user_id) == user_id,
            col(ActionToken.purpose).in_([str(p) for p in purposes]),
            col(ActionToken.used_at).is_(None),
        )
        .values(used_at=utcnow())
    )


# ---------------------------------------------------------------- audit log
def failed_attempt_audit(
    *,
    session: AsyncSession,
    action: AuditAction,
    user: User,
    ip_address: str | None,
    detail: str | None = None,
) -> Callable[[], Awaitable[None]]:
    """The audit entry of `user`'s own failed try at a secret, recorded when
    called (RateLimiter.attempt calls it on a failure)."""
    return partial(
        record_audit,
        session=session,
        action=action,
        actor=user,
        target_user_id=user.id,
        ip_address=ip_address,
        detail=detail,
    )


async def record_audit(
    *,
    session: AsyncSession,
    action: AuditAction,
    actor: User | None = None,
    actor_email: str | None = None,
    target_user_id: uuid.UUID | None = None,
    ip_address: str | None = None,
    detail: str | None = None,
    changes: Sequence[AuditChange] = (),
    # region capability: organizations
    organization_id: uuid.UUID | None = None,
    # endregion capability: organizations
) -> None:
    target_email = None
    if target_user_id is not None:
        # The target is nearly always loaded already: the identity map answers.
        target = actor if actor and actor.id == target_user_id else None
        target = target or await session.get(User, target_user_id)
        target_email = target.email if target else None
    session.add(
        AuditLog(
            action=action,
            actor_id=actor.id if actor else None,
            actor_email=actor.email if actor else actor_email,
            target_user_id=target_user_id,
            target_email=target_email,
            ip_address=ip_address,
            detail=detail,
            changes=[change.model_dump() for change in changes] or None,
            # region capability: organizations
            organization_id=organization_id,
            # endregion capability: organizations
        )
    )


def user_changes(
    *, user: User, changes: dict[str, Any], password_changed: bool
) -> list[AuditChange]:
    """What `changes` would really change on `user`, old and new values
    included; call it before applying them."""
    found = [
        AuditChange(field=field, old=getattr(user, field), new=changes[field])
        for field in AUDIT_FIELDS
        if field != "password" and field in changes and getattr(user, field) != changes[field]
    ]
    if password_changed:
        found.append(AuditChange(field="password", secret=True))
    return found


def audit_log_filter(filters: AuditLogFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if filters.user_id is not None:
        conditions.append(
            (col(AuditLog.actor_id) == filters.user_id)
            | (col(AuditLog.target_user_id) == filters.user_id)
        )
    if filters.email is not None:
        conditions.append(
            (col(AuditLog.actor_email) == filters.email)
            | (col(AuditLog.target_email) == filters.email)
        )
    if filters.action is not None:
        conditions.append(col(AuditLog.action) == filters.action)
    if filters.since is not None:
        conditions.append(col(AuditLog.created_at) >= filters.since)
    if filters.before is not None:
        conditions.append(col(AuditLog.created_at) < filters.before)
    return conditions


async def list_audit_log(
    *,
    session: AsyncSession,
    filters: AuditLogFilter,
    skip: int,
    limit: int,
    # region capability: organizations
    organization_id: uuid.UUID | None = None,
    # endregion capability: organizations
) -> tuple[Sequence[AuditLog], int]:
    """Entries newest first, and how many match."""
    conditions = audit_log_filter(filters)
    # region capability: organizations
    if organization_id is not None:
        conditions.append(col(AuditLog.organization_id) == organization_id)
    # endregion capability: organizations
    count_query = select(func.count()).select_from(AuditLog).where(*conditions)
    count = (await session.exec(count_query)).one()
    rows = await session.exec(
        select(AuditLog)
        .where(*conditions)
        .order_by(col(AuditLog.created_at).desc(), col(AuditLog.id))
        .offset(skip)
        .limit(limit)
    )
    return rows.all(), count


async def list_audit_emails(
    *,
    session: AsyncSession,
    # region capability: organizations
    organization_id: uuid.UUID | None = None,
    # endregion capability: organizations
) -> list[str]:
    """Every address the log names, sorted."""
    scope: list[ColumnElement[bool]] = []
    # region capability: organizations
    if organization_id is not None:
        scope.append(col(AuditLog.organization_id) == organization_id)
    # endregion capability: organizations
    named = union(
        select(col(AuditLog.actor_email).label("email")).where(*scope),
        select(col(AuditLog.target_email).label("email")).where(*scope),
    ).subquery()
    rows = await session.exec(
        select(named.c.email).where(named.c.email.is_not(None)).order_by(named.c.email)
    )
    return [email for email in rows.all() if email is not None]


async def purge_stale_rows(*, session: AsyncSession, before: datetime) -> dict[str, int]:
    """Delete what can no longer matter: sessions expired or revoked, links
    expired or used, rate-limit windows closed, all before `before`."""
    statements = {
        "sessions": delete(AuthSession).where(
            (col(AuthSession.expires_at) < before) | (col(AuthSession.revoked_at) < before)
        ),
        "emailed links": delete(ActionToken).where(
            (col(ActionToken.expires_at) < before) | (col(ActionToken.used_at) < before)
        ),
        "rate-limit windows": delete(RateLimitCounter).where(
            col(RateLimitCounter.window_start) < before
        ),
        # region capability: passkeys
        "passkey challenges": delete(PasskeyChallenge).where(
            col(PasskeyChallenge.expires_at) < before
        ),
        # endregion capability: passkeys
    }
    counts = {}
    for name, statement in statements.items():
        result = await session.exec(statement)
        counts[name] = int(result.rowcount)
    return counts
