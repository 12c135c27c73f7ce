"""The token check as deployed (app.core.driver_pool): on PostgreSQL it runs on
psycopg's own pool, outside the request's session, and must still honour
every rule of the one inside it."""

import asyncio

import pytest
from httpx import AsyncClient

from app.core.driver_pool import DriverPool
from app.core.errors import ServiceUnavailable
from app.crud import AUTHENTICATED_USER
from tests.factories import bearer, login_response, random_email

ME = "/api/v1/users/me"
PASSWORD = "a-good-password"


async def signed_up_token(client: AsyncClient) -> tuple[str, str]:
    email = random_email()
    await client.post("/api/v1/users/signup", json={"email": email, "password": PASSWORD})
    login = await login_response(client, email=email, password=PASSWORD)
    return email, str(login.json()["access_token"])


async def test_a_committed_login_is_recognised_and_its_logout_honoured_at_once(
    live_client: AsyncClient,
) -> None:
    email, token = await signed_up_token(live_client)
    me = await live_client.get(ME, headers=bearer(token))
    assert (me.status_code, me.json()["email"]) == (200, email)
    logout = await live_client.post("/api/v1/login/logout", headers=bearer(token))
    assert logout.status_code == 200
    assert (await live_client.get(ME, headers=bearer(token))).status_code == 401


async def test_a_user_read_by_the_token_check_can_be_changed_by_the_route(
    live_client: AsyncClient,
) -> None:
    _, token = await signed_up_token(live_client)
    changed = await live_client.patch(ME, headers=bearer(token), json={"full_name": "New Name"})
    assert (changed.status_code, changed.json()["full_name"]) == (200, "New Name")
    assert (await live_client.get(ME, headers=bearer(token))).json()["full_name"] == "New Name"


async def test_many_requests_at_once_share_the_small_pool(live_client: AsyncClient) -> None:
    _, token = await signed_up_token(live_client)
    responses = await asyncio.gather(
        *(live_client.get(ME, headers=bearer(token)) for _ in range(40))
    )
    assert {r.status_code for r in responses} == {200}


async def test_an_unreachable_database_is_a_service_unavailable_error_within_the_timeout() -> None:
    pool = DriverPool("postgresql+psycopg://nobody@127.0.0.1:1/none", size=1, timeout=1)
    await pool.open()
    try:
        started = asyncio.get_running_loop().time()
        with pytest.raises(ServiceUnavailable) as raised:
            await pool.fetch_one(AUTHENTICATED_USER, {"session_id": None, "user_id": None})
        assert raised.value.headers == {"Retry-After": "5"}
        assert "could not be reached" in raised.value.detail
        assert asyncio.get_running_loop().time() - started < 3
    finally:
        await pool.close()
