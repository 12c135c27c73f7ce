"""Refresh tokens: HttpOnly cookie (or JSON body), rotation, reuse detection."""

from datetime import timedelta
from http.cookies import SimpleCookie

import pytest
from httpx import AsyncClient
from sqlalchemy import update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from app.core.config import settings
from app.core.security import hash_opaque_token
from app.models import RefreshToken, utcnow
from tests.factories import bearer, create_user, login_response

REFRESH = "/api/v1/login/refresh"
ME = "/api/v1/users/me"


def refresh_cookie(set_cookie: str) -> SimpleCookie:
    cookie = SimpleCookie()
    cookie.load(set_cookie)
    return cookie


async def test_login_sets_a_scoped_httponly_refresh_cookie(
    client: AsyncClient, db: AsyncSession
) -> None:
    user = await create_user(db=db)
    response = await login_response(client, email=user.email)
    morsel = refresh_cookie(response.headers["set-cookie"])["refresh_token"]
    assert morsel["httponly"] is True
    assert morsel["samesite"].lower() == "lax"
    assert morsel["path"] == "/api/v1/login"
    assert int(morsel["max-age"]) == 14 * 24 * 3600
    assert not morsel["secure"]  # local development runs on plain http
    assert response.json()["refresh_token"] is None


async def test_refresh_cookie_is_secure_outside_local(
    client: AsyncClient, db: AsyncSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = await create_user(db=db)
    monkeypatch.setattr(settings, "ENVIRONMENT", "production")
    response = await login_response(client, email=user.email)
    assert refresh_cookie(response.headers["set-cookie"])["refresh_token"]["secure"] is True


async def test_only_the_refresh_tokens_hash_is_stored(
    client: AsyncClient, db: AsyncSession
) -> None:
    user = await create_user(db=db)
    response = await login_response(client, email=user.email, include_refresh_token=True)
    token = response.json()["refresh_token"]
    stored = (await db.exec(select(RefreshToken.token_hash))).all()
    assert token not in stored
    assert hash_opaque_token(token) in stored


async def test_refresh_with_the_cookie_gives_a_working_access_token_and_rotates(
    client: AsyncClient, db: AsyncSession
) -> None:
    user = await create_user(db=db)
    first = await login_response(client, email=user.email)
    old_cookie = first.cookies["refresh_token"]
    response = await client.post(REFRESH)
    assert response.status_code == 200
    assert response.cookies["refresh_token"] != old_cookie
    assert response.json()["refresh_token"] is None
    me = await client.get(ME, headers=bearer(response.json()["access_token"]))
    assert me.json()["id"] == str(user.id)


async def test_reusing_a_rotated_refresh_token_revokes_the_whole_session(
    client: AsyncClient, db: AsyncSession
) -> None:
    user = await create_user(db=db)
    login = await login_response(client, email=user.email, include_refresh_token=True)
    stolen = login.json()["refresh_token"]
    rotated = await client.post(REFRESH, json={"refresh_token": stolen})
    assert rotated.status_code == 200
    await past_the_grace_period(db)
    replay = await client.post(REFRESH, json={"refresh_token": stolen})
    assert replay.status_code == 401
    # Everything issued for that session is dead: the legitimate new pair too.
    new_access = bearer(rotated.json()["access_token"])
    assert (await client.get(ME, headers=new_access)).status_code == 401
    again = await client.post(REFRESH, json={"refresh_token": rotated.json()["refresh_token"]})
    assert again.status_code == 401
    assert (await client.get(ME, headers=bearer(login.json()["access_token"]))).status_code == 401


async def past_the_grace_period(db: AsyncSession) -> None:
    await db.exec(
        update(RefreshToken)
        .where(col(RefreshToken.rotated_at).is_not(None))
        .values(rotated_at=utcnow() - timedelta(seconds=11))
    )
    await db.commit()


async def test_an_interrupted_rotation_may_be_retried_within_seconds(
    client: AsyncClient, db: AsyncSession
) -> None:
    user = await create_user(db=db)
    login = await login_response(client, email=user.email, include_refresh_token=True)
    first = login.json()["refresh_token"]
    lost = await client.post(REFRESH, json={"refresh_token": first})  # response never arrived
    retried = await client.post(REFRESH, json={"refresh_token": first})
    assert retried.status_code == 200
    me = await client.get(ME, headers=bearer(retried.json()["access_token"]))
    assert me.status_code == 200
    # The token that never reached the client is retired.
    dead = await client.post(REFRESH, json={"refresh_token": lost.json()["refresh_token"]})
    assert dead.status_code == 401


async def test_refresh_in_the_body_answers_in_the_body_without_a_cookie(
    client: AsyncClient, db: AsyncSession
) -> None:
    user = await create_user(db=db)
    login = await login_response(client, email=user.email, include_refresh_token=True)
    client.cookies.clear()
    response = await client.post(REFRESH, json={"refresh_token": login.json()["refresh_token"]})
    assert response.status_code == 200
    assert response.json()["refresh_token"] not in (None, login.json()["refresh_token"])
    assert "set-cookie" not in response.headers


@pytest.mark.parametrize("body", [None, {}, {"refresh_token": "not-a-token"}])
async def test_refresh_without_a_valid_token_is_refused(
    client: AsyncClient, body: dict[str, str] | None
) -> None:
    response = await client.post(REFRESH, json=body)
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")


async def test_refresh_after_logout_is_refused(client: AsyncClient, db: AsyncSession) -> None:
    user = await create_user(db=db)
    login = await login_response(client, email=user.email, include_refresh_token=True)
    await client.post("/api/v1/login/logout", headers=bearer(login.json()["access_token"]))
    response = await client.post(REFRESH, json={"refresh_token": login.json()["refresh_token"]})
    assert response.status_code == 401


async def test_refresh_for_a_deactivated_user_is_refused(
    client: AsyncClient, db: AsyncSession
) -> None:
    user = await create_user(db=db)
    login = await login_response(client, email=user.email, include_refresh_token=True)
    user.is_active = False
    db.add(user)
    await db.commit()
    response = await client.post(REFRESH, json={"refresh_token": login.json()["refresh_token"]})
    assert response.status_code == 401


async def test_each_refresh_token_is_kept_for_reuse_detection(
    client: AsyncClient, db: AsyncSession
) -> None:
    user = await create_user(db=db)
    await login_response(client, email=user.email)
    for _ in range(3):
        assert (await client.post(REFRESH)).status_code == 200
    rotated = (
        await db.exec(select(RefreshToken).where(col(RefreshToken.rotated_at).is_not(None)))
    ).all()
    assert len(rotated) == 3
