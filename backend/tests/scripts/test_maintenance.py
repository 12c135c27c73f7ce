from datetime import timedelta

from sqlmodel import func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from app import crud
from app.models import (
    ActionToken,
    AuthSession,
    RateLimitCounter,
    RefreshToken,
    TokenPurpose,
    utcnow,
)

# region capability: passkeys
from app.signin.passkey_models import PasskeyChallenge

# endregion capability: passkeys
from tests.factories import create_user


async def test_purge_deletes_only_what_stopped_mattering_before_the_cutoff(
    db: AsyncSession,
) -> None:
    user = await create_user(db=db)
    now = utcnow()
    long_ago = now - timedelta(days=30)
    live, _ = await crud.create_auth_session(
        session=db, user_id=user.id, lifetime=timedelta(days=1), user_agent=None, ip_address=None
    )
    expired, _ = await crud.create_auth_session(
        session=db, user_id=user.id, lifetime=timedelta(days=1), user_agent=None, ip_address=None
    )
    expired.expires_at = long_ago
    await crud.issue_action_token(
        session=db, user_id=user.id, purpose=TokenPurpose.VERIFY_EMAIL, lifetime=timedelta(hours=1)
    )
    db.add(
        ActionToken(
            token_hash="0" * 64,
            user_id=user.id,
            purpose=TokenPurpose.RESET_PASSWORD,
            created_at=long_ago,
            expires_at=long_ago,
        )
    )
    db.add(RateLimitCounter(key="rl:old", window_start=long_ago, count=3))
    db.add(RateLimitCounter(key="rl:current", window_start=now, count=1))
    # region capability: passkeys
    db.add(PasskeyChallenge(challenge_hash="1" * 64, purpose="sign_in", expires_at=long_ago))
    db.add(PasskeyChallenge(challenge_hash="2" * 64, purpose="sign_in", expires_at=now))
    # endregion capability: passkeys
    await db.flush()

    counts = await crud.purge_stale_rows(session=db, before=now - timedelta(days=7))

    assert counts == {
        "sessions": 1,
        "emailed links": 1,
        "rate-limit windows": 1,
        # region capability: passkeys
        "passkey challenges": 1,
        # endregion capability: passkeys
    }
    assert (await db.exec(select(AuthSession.id))).all() == [live.id]
    assert (await db.exec(select(func.count()).select_from(RefreshToken))).one() == 1
    assert (await db.exec(select(func.count()).select_from(ActionToken))).one() == 1
    assert (await db.exec(select(RateLimitCounter.key))).all() == ["rl:current"]
