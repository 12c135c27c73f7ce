"""Abuse limits: 429 with Retry-After, counted in a store every process shares."""

import secrets
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from httpx import AsyncClient
from redis.asyncio import Redis
from sqlmodel.ext.asyncio.session import AsyncSession

from app import accounts, auth, crud
from app.api import deps
from app.core.errors import FailedAttempt, NotFound, TooManyRequests
from app.core.ratelimit import DatabaseCounterStore, Limit, RateLimiter, RedisCounterStore
from app.main import app
from app.models import TokenPurpose
from tests.factories import DEFAULT_PASSWORD, create_user, login_response, random_email

REDIS_URL = "redis://127.0.0.1:6379/15"


async def fail_login(client: AsyncClient, email: str) -> int:
    response = await login_response(client, email=email, password="not-the-password")
    return response.status_code


async def test_the_sixth_bad_login_for_an_account_is_refused_with_retry_after(
    client: AsyncClient, db: AsyncSession
) -> None:
    user = await create_user(db=db)
    statuses = [await fail_login(client, user.email) for _ in range(5)]
    assert statuses == [400] * 5
    sixth = await login_response(client, email=user.email, password="not-the-password")
    assert sixth.status_code == 429
    assert 0 < int(sixth.headers["retry-after"]) <= 15 * 60


async def test_a_blocked_account_refuses_even_the_right_password(
    client: AsyncClient, db: AsyncSession
) -> None:
    user = await create_user(db=db)
    for _ in range(5):
        await fail_login(client, user.email)
    assert (await login_response(client, email=user.email)).status_code == 429


async def test_resetting_the_password_lifts_the_accounts_block(
    client: AsyncClient, db: AsyncSession
) -> None:
    """The recovery link proves the inbox: its owner need not wait out the
    window that someone else's guesses started."""
    user = await create_user(db=db)
    for _ in range(5):
        await fail_login(client, user.email)
    token = await crud.issue_action_token(
        session=db,
        user_id=user.id,
        purpose=TokenPurpose.RESET_PASSWORD,
        lifetime=timedelta(hours=1),
    )
    await db.commit()
    reset = await client.post(
        "/api/v1/reset-password/", json={"token": token, "new_password": "a-brand-new-passphrase"}
    )
    assert reset.status_code == 200
    login = await login_response(client, email=user.email, password="a-brand-new-passphrase")
    assert login.status_code == 200


async def test_unknown_accounts_are_limited_like_known_ones(client: AsyncClient) -> None:
    email = random_email()
    statuses = [await fail_login(client, email) for _ in range(6)]
    assert statuses == [400] * 5 + [429]


async def test_a_successful_login_clears_the_accounts_failures(
    client: AsyncClient, db: AsyncSession
) -> None:
    user = await create_user(db=db)
    for _ in range(4):
        await fail_login(client, user.email)
    assert (await login_response(client, email=user.email)).status_code == 200
    statuses = [await fail_login(client, user.email) for _ in range(5)]
    assert statuses == [400] * 5


async def test_the_ip_limit_counts_failures_only(
    client: AsyncClient, db: AsyncSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(auth, "IP_FAILURES", Limit("login-ip", 3, 900))
    users = [await create_user(db=db) for _ in range(4)]
    for user in users:  # many people behind one address log in fine
        assert (await login_response(client, email=user.email)).status_code == 200
    statuses = [await fail_login(client, user.email) for user in users]
    assert statuses == [400, 400, 400, 429]


async def test_password_recovery_is_limited_per_address(client: AsyncClient) -> None:
    email = random_email()
    statuses = [
        (await client.post("/api/v1/password-recovery", json={"email": email})).status_code
        for _ in range(4)
    ]
    assert statuses == [200, 200, 200, 429]


async def test_password_recovery_is_limited_per_ip(
    client: AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(accounts, "EMAIL_LIMIT_PER_IP", Limit("email-ip", 2, 3600))
    statuses = [
        (await client.post("/api/v1/password-recovery", json={"email": random_email()})).status_code
        for _ in range(3)
    ]
    assert statuses == [200, 200, 429]


async def test_signup_is_limited_per_ip(
    client: AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(accounts, "SIGNUP_LIMIT_PER_IP", Limit("signup-ip", 2, 3600))
    statuses = [
        (
            await client.post(
                "/api/v1/users/signup",
                json={"email": random_email(), "password": "a-good-password"},
            )
        ).status_code
        for _ in range(3)
    ]
    assert statuses == [200, 200, 429]


@pytest.mark.parametrize(
    ("limit", "path", "body"),
    [
        ("EMAIL_LIMIT_PER_IP", "/api/v1/password-recovery", {}),
        ("EMAIL_LIMIT_PER_IP", "/api/v1/users/verify-email/resend", {}),
        ("SIGNUP_LIMIT_PER_IP", "/api/v1/users/signup", {"password": "a-good-password"}),
    ],
)
async def test_every_429_says_when_to_retry(
    client: AsyncClient,
    monkeypatch: pytest.MonkeyPatch,
    limit: str,
    path: str,
    body: dict[str, str],
) -> None:
    monkeypatch.setattr(accounts, limit, Limit(limit, 1, 3600))
    responses = [await client.post(path, json={"email": random_email(), **body}) for _ in range(2)]
    assert responses[1].status_code == 429
    assert 0 < int(responses[1].headers["retry-after"]) <= 3600


async def test_limits_can_be_switched_off_for_load_tests(
    client: AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(deps.rate_limiter, "enabled", False)
    email = random_email()
    statuses = {await fail_login(client, email) for _ in range(8)}
    assert statuses == {400}


@pytest.fixture
async def redis_limiter() -> AsyncIterator[RateLimiter]:
    """The app's limiter backed by the real Redis on this machine."""
    store = RedisCounterStore(REDIS_URL)
    limiter = RateLimiter(store, enabled=True)
    app.dependency_overrides[deps.get_rate_limiter] = lambda: limiter
    yield limiter
    app.dependency_overrides.pop(deps.get_rate_limiter, None)
    await store.close()


@pytest.fixture
async def redis() -> AsyncIterator[Redis]:
    client = Redis.from_url(REDIS_URL)
    try:
        await client.ping()
    except OSError as error:
        pytest.skip(f"Redis is not reachable at {REDIS_URL}: {error}")
    yield client
    await client.aclose()


async def test_counters_live_in_redis_when_it_is_configured(
    client: AsyncClient, redis: Redis, redis_limiter: RateLimiter
) -> None:
    email = f"redis-{secrets.token_hex(6)}@example.com"
    statuses = [await fail_login(client, email) for _ in range(6)]
    assert statuses == [400] * 5 + [429]
    assert await redis.get(f"rl:login-account:{email}") == b"5"
    assert 0 < await redis.ttl(f"rl:login-account:{email}") <= 900
    await redis.delete(f"rl:login-account:{email}", "rl:login-ip:127.0.0.1")


async def test_a_successful_login_clears_the_redis_counter(
    client: AsyncClient, db: AsyncSession, redis: Redis, redis_limiter: RateLimiter
) -> None:
    user = await create_user(db=db)
    await fail_login(client, user.email)
    assert await redis.exists(f"rl:login-account:{user.email}")
    assert (await login_response(client, email=user.email, password=DEFAULT_PASSWORD)).is_success
    assert not await redis.exists(f"rl:login-account:{user.email}")
    await redis.delete("rl:login-ip:127.0.0.1")


TRIES = Limit("tries", amount=2, window_seconds=60)


async def failures(db: AsyncSession, subject: str) -> int:
    used, _ = await DatabaseCounterStore().count(db, f"rl:tries:{subject}", 60)
    return used


async def fail_once(limiter: RateLimiter, db: AsyncSession, subject: str) -> None:
    with pytest.raises(FailedAttempt):
        async with limiter.attempt(db, TRIES, subject, clear_on_success=False):
            raise FailedAttempt("wrong")


async def test_a_failed_attempt_counts_and_is_reported_on_its_way_out(db: AsyncSession) -> None:
    limiter = RateLimiter(DatabaseCounterStore(), enabled=True)
    reported: list[int] = []

    async def report() -> None:
        reported.append(await failures(db, "someone"))

    with pytest.raises(FailedAttempt):
        async with limiter.attempt(db, TRIES, "someone", clear_on_success=True, on_failure=report):
            raise FailedAttempt("wrong")
    assert reported == [1]
    assert await failures(db, "someone") == 1


async def test_an_attempt_past_the_limit_is_refused_before_it_is_tried(db: AsyncSession) -> None:
    limiter = RateLimiter(DatabaseCounterStore(), enabled=True)
    for _ in range(2):
        await fail_once(limiter, db, "someone")
    tried = False
    with pytest.raises(TooManyRequests):
        async with limiter.attempt(db, TRIES, "someone", clear_on_success=True):
            tried = True
    assert tried is False


@pytest.mark.parametrize(("clear_on_success", "left"), [(True, 0), (False, 1)])
async def test_a_success_clears_the_failures_only_when_asked(
    db: AsyncSession, clear_on_success: bool, left: int
) -> None:
    limiter = RateLimiter(DatabaseCounterStore(), enabled=True)
    await fail_once(limiter, db, "someone")
    async with limiter.attempt(db, TRIES, "someone", clear_on_success=clear_on_success):
        pass
    assert await failures(db, "someone") == left


async def test_only_a_failed_attempt_counts(db: AsyncSession) -> None:
    limiter = RateLimiter(DatabaseCounterStore(), enabled=True)
    with pytest.raises(NotFound):
        async with limiter.attempt(db, TRIES, "someone", clear_on_success=True):
            raise NotFound("no such thing")
    assert await failures(db, "someone") == 0


async def test_an_attempt_without_a_subject_is_not_counted(db: AsyncSession) -> None:
    limiter = RateLimiter(DatabaseCounterStore(), enabled=True)
    await fail_once(limiter, db, "")
    assert await failures(db, "") == 0
