"""The token check as deployed (app.core.driver_pool): on PostgreSQL it runs on
psycopg's own pool, outside the request's session, and must still honour
every rule of the one inside it."""

import asyncio
from typing import Any

import psycopg
import pytest
from httpx import AsyncClient
from sqlalchemy import text

from app.core import driver_pool
from app.core.driver_pool import DriverPool
from app.core.errors import ServiceUnavailable
from app.crud import AUTHENTICATED_USER
from tests.conftest import TEST_DATABASE
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


BACKEND_PID = text("SELECT pg_backend_pid() AS pid")


@pytest.mark.skipif(TEST_DATABASE == "sqlite", reason="psycopg's pool is used on PostgreSQL only")
async def test_a_connection_the_database_dropped_while_idle_is_replaced_before_use(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    pool = DriverPool(database_url, size=1, timeout=5)
    await pool.open(wait=True)
    try:
        first = await pool.fetch_one(BACKEND_PID, {})
        assert first is not None
        with psycopg.connect(database_url, autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", [first["pid"]])
        # As if the connection had sat idle longer than the ping threshold.
        monkeypatch.setattr(driver_pool, "PING_AFTER_IDLE_SECONDS", 0.0)
        second = await pool.fetch_one(BACKEND_PID, {})
        assert second is not None
        assert second["pid"] != first["pid"]
    finally:
        await pool.close()


@pytest.mark.skipif(TEST_DATABASE == "sqlite", reason="psycopg's pool is used on PostgreSQL only")
async def test_only_a_connection_idle_past_the_threshold_is_pinged(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    pings: list[str] = []
    execute = psycopg.AsyncConnection.execute

    async def recording_execute(
        connection: psycopg.AsyncConnection[Any], query: Any, *args: Any, **kwargs: Any
    ) -> Any:
        if query == "SELECT 1":
            pings.append(query)
        return await execute(connection, query, *args, **kwargs)

    monkeypatch.setattr(psycopg.AsyncConnection, "execute", recording_execute)
    pool = DriverPool(database_url, size=1, timeout=5)
    await pool.open(wait=True)
    try:
        for _ in range(6):
            await pool.fetch_one(BACKEND_PID, {})
        assert len(pings) == 1  # its first use only
        monkeypatch.setattr(driver_pool, "PING_AFTER_IDLE_SECONDS", 0.0)
        await pool.fetch_one(BACKEND_PID, {})
        assert len(pings) == 2
    finally:
        await pool.close()
