"""Server-side sessions: every access token names a session that can be revoked."""

import uuid
from datetime import timedelta

import jwt
from httpx import AsyncClient
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from app.core.config import settings
from app.models import AuthSession, User, utcnow
from tests.factories import DEFAULT_PASSWORD, bearer, create_user, login_response

ME = "/api/v1/users/me"
SESSIONS = "/api/v1/users/me/sessions"


async def logged_in(client: AsyncClient, user: User, agent: str = "pytest") -> dict[str, str]:
    response = await login_response(client, email=user.email, user_agent=agent)
    assert response.status_code == 200, response.text
    return bearer(response.json()["access_token"])


async def assert_rejected(client: AsyncClient, headers: dict[str, str]) -> None:
    response = await client.get(ME, headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == 'Bearer error="invalid_token"'


async def test_login_creates_a_session_with_device_and_ip(
    client: AsyncClient, db: AsyncSession
) -> None:
    user = await create_user(db=db)
    headers = await logged_in(client, user, agent="Firefox on Linux")
    response = await client.get(SESSIONS, headers=headers)
    assert response.status_code == 200
    [listed] = response.json()["data"]
    assert listed["user_agent"] == "Firefox on Linux"
    assert listed["ip_address"] == "127.0.0.1"
    assert listed["current"] is True


async def test_access_token_names_its_session_and_lasts_fifteen_minutes(
    client: AsyncClient, db: AsyncSession
) -> None:
    user = await create_user(db=db)
    token = (await login_response(client, email=user.email)).json()["access_token"]
    claims = jwt.decode(token, settings.SECRET_KEY, algorithms=["HS256"])
    stored = await db.get(AuthSession, uuid.UUID(claims["sid"]))
    assert stored is not None
    assert stored.user_id == user.id
    assert claims["typ"] == "access"
    assert claims["exp"] - claims["iat"] == 15 * 60


async def test_logout_revokes_the_access_token_at_once(
    client: AsyncClient, db: AsyncSession
) -> None:
    user = await create_user(db=db)
    headers = await logged_in(client, user)
    assert (await client.post("/api/v1/login/logout", headers=headers)).status_code == 200
    await assert_rejected(client, headers)


async def test_logout_clears_the_refresh_cookie(client: AsyncClient, db: AsyncSession) -> None:
    user = await create_user(db=db)
    headers = await logged_in(client, user)
    response = await client.post("/api/v1/login/logout", headers=headers)
    cookie = response.headers["set-cookie"]
    assert cookie.startswith('refresh_token="";') or "Max-Age=0" in cookie
    assert (await client.post("/api/v1/login/refresh")).status_code == 401


async def test_expired_session_is_rejected(client: AsyncClient, db: AsyncSession) -> None:
    user = await create_user(db=db)
    headers = await logged_in(client, user)
    stored = (await db.exec(select(AuthSession).where(AuthSession.user_id == user.id))).one()
    stored.expires_at = utcnow() - timedelta(seconds=1)
    db.add(stored)
    await db.commit()
    await assert_rejected(client, headers)


async def test_revoking_one_session_rejects_only_its_tokens(
    client: AsyncClient, db: AsyncSession
) -> None:
    user = await create_user(db=db)
    laptop = await logged_in(client, user, agent="laptop")
    phone = await logged_in(client, user, agent="phone")
    listed = (await client.get(SESSIONS, headers=laptop)).json()["data"]
    phone_id = next(s["id"] for s in listed if s["user_agent"] == "phone")
    assert (await client.delete(f"{SESSIONS}/{phone_id}", headers=laptop)).status_code == 200
    await assert_rejected(client, phone)
    assert (await client.get(ME, headers=laptop)).status_code == 200


async def test_cannot_revoke_another_users_session(client: AsyncClient, db: AsyncSession) -> None:
    alice = await create_user(db=db)
    bob = await create_user(db=db)
    alice_headers = await logged_in(client, alice)
    bob_headers = await logged_in(client, bob)
    bob_session = (await client.get(SESSIONS, headers=bob_headers)).json()["data"][0]["id"]
    response = await client.delete(f"{SESSIONS}/{bob_session}", headers=alice_headers)
    assert response.status_code == 404
    assert (await client.get(ME, headers=bob_headers)).status_code == 200


async def test_log_out_everywhere_else_keeps_the_current_session(
    client: AsyncClient, db: AsyncSession
) -> None:
    user = await create_user(db=db)
    others = [await logged_in(client, user, agent=f"device {n}") for n in range(3)]
    current = await logged_in(client, user, agent="current")
    response = await client.delete(SESSIONS, headers=current)
    assert response.status_code == 200
    for headers in others:
        await assert_rejected(client, headers)
    listed = (await client.get(SESSIONS, headers=current)).json()
    assert listed["count"] == 1
    assert listed["data"][0]["current"] is True


async def test_password_change_revokes_every_other_session(
    client: AsyncClient, db: AsyncSession
) -> None:
    user = await create_user(db=db)
    other = await logged_in(client, user)
    current = await logged_in(client, user)
    response = await client.patch(
        f"{ME}/password",
        headers=current,
        json={"current_password": DEFAULT_PASSWORD, "new_password": "a-brand-new-passphrase"},
    )
    assert response.status_code == 200
    await assert_rejected(client, other)
    assert (await client.get(ME, headers=current)).status_code == 200


async def test_password_set_by_superuser_revokes_all_sessions(
    client: AsyncClient, db: AsyncSession
) -> None:
    admin = await create_user(db=db, is_superuser=True)
    user = await create_user(db=db)
    user_headers = await logged_in(client, user)
    response = await client.patch(
        f"/api/v1/users/{user.id}",
        headers=await logged_in(client, admin),
        json={"password": "set-by-the-administrator"},
    )
    assert response.status_code == 200
    await assert_rejected(client, user_headers)


async def test_deactivating_a_user_revokes_their_sessions_for_good(
    client: AsyncClient, db: AsyncSession
) -> None:
    admin_headers = await logged_in(client, await create_user(db=db, is_superuser=True))
    user = await create_user(db=db)
    user_headers = await logged_in(client, user)
    url = f"/api/v1/users/{user.id}"
    assert (await client.patch(url, headers=admin_headers, json={"is_active": False})).is_success
    await assert_rejected(client, user_headers)
    assert (await client.patch(url, headers=admin_headers, json={"is_active": True})).is_success
    await assert_rejected(client, user_headers)


async def test_deleting_a_user_rejects_their_tokens(client: AsyncClient, db: AsyncSession) -> None:
    admin_headers = await logged_in(client, await create_user(db=db, is_superuser=True))
    user = await create_user(db=db)
    user_headers = await logged_in(client, user)
    assert (await client.delete(f"/api/v1/users/{user.id}", headers=admin_headers)).is_success
    await assert_rejected(client, user_headers)


async def test_sessions_require_authentication(client: AsyncClient) -> None:
    response = await client.get(SESSIONS)
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")


async def test_a_request_records_when_its_session_was_last_used_at_minute_precision(
    client: AsyncClient, db: AsyncSession
) -> None:
    user = await create_user(db=db)
    headers = await logged_in(client, user)
    stored = (await db.exec(select(AuthSession).where(AuthSession.user_id == user.id))).one()
    an_hour_ago = utcnow() - timedelta(hours=1)
    stored.last_used_at = an_hour_ago
    db.add(stored)
    await db.commit()

    assert (await client.get(ME, headers=headers)).status_code == 200
    await db.refresh(stored)
    touched = stored.last_used_at
    assert touched > utcnow() - timedelta(seconds=30)

    assert (await client.get(ME, headers=headers)).status_code == 200
    await db.refresh(stored)
    assert stored.last_used_at == touched  # within the minute: no second write
