"""Queries and writes of the sign-in options. They flush, never commit."""

import uuid
from collections.abc import Sequence

from sqlalchemy import delete, func, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from app.models import utcnow
from app.signin.models import (
    # region capability: oauth
    OAuthAccount,
    OAuthAttempt,
    # endregion capability: oauth
    Passkey,
    PasskeyChallenge,
    # region capability: two_factor
    RecoveryCode,
    TwoFactor,
    # endregion capability: two_factor
)


# region capability: two_factor
# ---------------------------------------------------------------- two-factor
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


# endregion capability: two_factor
# region capability: oauth
# ---------------------------------------------------------------- OAuth / OpenID Connect
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


# endregion capability: oauth
# ---------------------------------------------------------------- passkeys
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
