"""Queries and writes of passkeys. They flush, never commit."""

import uuid
from collections.abc import Sequence

from sqlalchemy import func, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from app.models import utcnow
from app.signin.passkey_models import Passkey, PasskeyChallenge


async def start_passkey_challenge(*, session: AsyncSession, challenge: PasskeyChallenge) -> None:
    session.add(challenge)
    await session.flush()


async def consume_passkey_challenge(
    *, session: AsyncSession, challenge_hash: str, purpose: str, user_id: uuid.UUID | None
) -> bool:
    """Use a challenge once, for its purpose and user, before it expires; the
    conditional update means a replayed answer finds nothing."""
    now = utcnow()
    owner = (
        col(PasskeyChallenge.user_id).is_(None)
        if user_id is None
        else col(PasskeyChallenge.user_id) == user_id
    )
    result = await session.exec(
        update(PasskeyChallenge)
        .where(
            col(PasskeyChallenge.challenge_hash) == challenge_hash,
            col(PasskeyChallenge.purpose) == purpose,
            owner,
            col(PasskeyChallenge.used_at).is_(None),
            col(PasskeyChallenge.expires_at) > now,
        )
        .values(used_at=now)
    )
    return int(result.rowcount) == 1


async def list_passkeys(*, session: AsyncSession, user_id: uuid.UUID) -> Sequence[Passkey]:
    result = await session.exec(
        select(Passkey).where(Passkey.user_id == user_id).order_by(col(Passkey.created_at))
    )
    return result.all()


async def count_passkeys(*, session: AsyncSession, user_id: uuid.UUID) -> int:
    result = await session.exec(
        select(func.count()).select_from(Passkey).where(Passkey.user_id == user_id)
    )
    return result.one()


async def get_passkey(
    *, session: AsyncSession, user_id: uuid.UUID, passkey_id: uuid.UUID
) -> Passkey | None:
    passkey = await session.get(Passkey, passkey_id)
    return passkey if passkey is not None and passkey.user_id == user_id else None


async def get_passkey_by_credential_id(
    *, session: AsyncSession, credential_id: str
) -> Passkey | None:
    result = await session.exec(select(Passkey).where(Passkey.credential_id == credential_id))
    return result.first()


async def add_passkey(*, session: AsyncSession, passkey: Passkey) -> None:
    session.add(passkey)
    await session.flush()


async def rename_passkey(*, session: AsyncSession, passkey: Passkey, name: str) -> None:
    passkey.name = name
    session.add(passkey)
    await session.flush()


async def record_passkey_use(*, session: AsyncSession, passkey: Passkey, sign_count: int) -> bool:
    """Store the new counter unless another request moved it meanwhile: the
    conditional update is the arbiter when two answers race."""
    result = await session.exec(
        update(Passkey)
        .where(col(Passkey.id) == passkey.id, col(Passkey.sign_count) == passkey.sign_count)
        .values(sign_count=sign_count, last_used_at=utcnow())
    )
    return int(result.rowcount) == 1


async def delete_passkey(*, session: AsyncSession, passkey: Passkey) -> None:
    await session.delete(passkey)
    await session.flush()
