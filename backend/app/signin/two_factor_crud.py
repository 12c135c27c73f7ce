"""Queries and writes of two-factor authentication. They flush, never commit."""

import uuid

from sqlalchemy import delete, func, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from app.models import utcnow
from app.signin.two_factor_models import RecoveryCode, TwoFactor


async def get_two_factor(*, session: AsyncSession, user_id: uuid.UUID) -> TwoFactor | None:
    return await session.get(TwoFactor, user_id)


async def two_factor_enabled(*, session: AsyncSession, user_id: uuid.UUID) -> bool:
    result = await session.exec(
        select(func.count())
        .select_from(TwoFactor)
        .where(col(TwoFactor.user_id) == user_id, col(TwoFactor.confirmed_at).is_not(None))
    )
    return result.one() > 0


async def start_two_factor(*, session: AsyncSession, user_id: uuid.UUID, secret: str) -> None:
    """A new, unconfirmed secret; one that was never confirmed is replaced."""
    await delete_two_factor(session=session, user_id=user_id)
    session.add(TwoFactor(user_id=user_id, secret=secret))
    await session.flush()


async def confirm_two_factor(*, session: AsyncSession, factor: TwoFactor) -> None:
    factor.confirmed_at = utcnow()
    session.add(factor)
    await session.flush()


async def claim_step(*, session: AsyncSession, user_id: uuid.UUID, step: int) -> bool:
    """Record `step` as used unless it (or a later one) was already: the
    conditional update is the arbiter when two requests race with one code."""
    result = await session.exec(
        update(TwoFactor)
        .where(
            col(TwoFactor.user_id) == user_id,
            col(TwoFactor.last_used_step).is_(None) | (col(TwoFactor.last_used_step) < step),
        )
        .values(last_used_step=step)
    )
    return int(result.rowcount) == 1


async def delete_two_factor(*, session: AsyncSession, user_id: uuid.UUID) -> bool:
    """Remove the secret and the recovery codes; whether there was a secret."""
    await session.exec(delete(RecoveryCode).where(col(RecoveryCode.user_id) == user_id))
    result = await session.exec(delete(TwoFactor).where(col(TwoFactor.user_id) == user_id))
    return int(result.rowcount) > 0


async def replace_recovery_codes(
    *, session: AsyncSession, user_id: uuid.UUID, code_hashes: list[str]
) -> None:
    await session.exec(delete(RecoveryCode).where(col(RecoveryCode.user_id) == user_id))
    session.add_all(RecoveryCode(code_hash=h, user_id=user_id) for h in code_hashes)
    await session.flush()


async def use_recovery_code(*, session: AsyncSession, user_id: uuid.UUID, code_hash: str) -> bool:
    result = await session.exec(
        update(RecoveryCode)
        .where(
            col(RecoveryCode.code_hash) == code_hash,
            col(RecoveryCode.user_id) == user_id,
            col(RecoveryCode.used_at).is_(None),
        )
        .values(used_at=utcnow())
    )
    return int(result.rowcount) == 1


async def count_recovery_codes(*, session: AsyncSession, user_id: uuid.UUID) -> int:
    result = await session.exec(
        select(func.count())
        .select_from(RecoveryCode)
        .where(col(RecoveryCode.user_id) == user_id, col(RecoveryCode.used_at).is_(None))
    )
    return result.one()
