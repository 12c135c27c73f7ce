"""The token check on a real connection pool with real commits: it reads the
caller's live session and user in the request's own transaction."""

import asyncio

from httpx import AsyncClient

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


async def test_the_user_the_token_check_read_is_the_one_the_route_changes(
    live_client: AsyncClient,
) -> None:
    _, token = await signed_up_token(live_client)
    changed = await live_client.patch(ME, headers=bearer(token), json={"full_name": "New Name"})
    assert (changed.status_code, changed.json()["full_name"]) == (200, "New Name")
    assert (await live_client.get(ME, headers=bearer(token))).json()["full_name"] == "New Name"


async def test_many_requests_at_once_share_the_pool(live_client: AsyncClient) -> None:
    _, token = await signed_up_token(live_client)
    responses = await asyncio.gather(
        *(live_client.get(ME, headers=bearer(token)) for _ in range(40))
    )
    assert {r.status_code for r in responses} == {200}
