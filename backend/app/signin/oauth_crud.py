"""Queries and writes of signing in through other accounts. They flush, never commit."""

import uuid
from collections.abc import Sequence

from sqlalchemy import func, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from app.models import utcnow
from app.signin.oauth_models import OAuthAccount, OAuthAttempt


async def start_oauth_attempt(*, session: AsyncSession, attempt: OAuthAttempt) -> None:
    session.add(attempt)
    await session.flush()


async def consume_oauth_attempt(
    *, session: AsyncSession, state_hash: str, provider: str
) -> OAuthAttempt | None:
    """Use a started attempt once, before it expires; the conditional update
    means a replayed callback finds nothing."""
    now = utcnow()
    result = await session.exec(
        update(OAuthAttempt)
        .where(
            col(OAuthAttempt.state_hash) == state_hash,
            col(OAuthAttempt.provider) == provider,
            col(OAuthAttempt.used_at).is_(None),
            col(OAuthAttempt.expires_at) > now,
        )
        .values(used_at=now)
    )
    if int(result.rowcount) != 1:
        return None
    return await session.get(OAuthAttempt, state_hash)


async def get_oauth_account(
    *, session: AsyncSession, provider: str, subject: str
) -> OAuthAccount | None:
    result = await session.exec(
        select(OAuthAccount).where(
            OAuthAccount.provider == provider, OAuthAccount.subject == subject
        )
    )
    return result.first()


async def list_oauth_accounts(
    *, session: AsyncSession, user_id: uuid.UUID
) -> Sequence[OAuthAccount]:
    result = await session.exec(
        select(OAuthAccount)
        .where(OAuthAccount.user_id == user_id)
        .order_by(col(OAuthAccount.created_at))
    )
    return result.all()


async def add_oauth_account(*, session: AsyncSession, account: OAuthAccount) -> None:
    session.add(account)
    await session.flush()


async def delete_oauth_account(*, session: AsyncSession, account: OAuthAccount) -> None:
    await session.delete(account)
    await session.flush()


async def count_oauth_accounts(*, session: AsyncSession, user_id: uuid.UUID) -> int:
    result = await session.exec(
        select(func.count()).select_from(OAuthAccount).where(OAuthAccount.user_id == user_id)
    )
    return result.one()
