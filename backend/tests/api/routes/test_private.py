"""The private routes: a shortcut for seeding users, mounted only locally."""

from httpx import AsyncClient
from sqlmodel.ext.asyncio.session import AsyncSession

from app.core.config import settings
from tests.factories import DEFAULT_PASSWORD, auth_headers, create_user, random_email

API = settings.API_V1_STR
PASSWORD = "a-seeded-passphrase"


class TestCreatePrivateUser:
    async def test_creates_a_user_who_can_log_in(self, client: AsyncClient) -> None:
        email = random_email()
        response = await client.post(
            f"{API}/private/users/",
            json={"email": email, "password": PASSWORD, "full_name": "Seeded"},
        )
        assert response.status_code == 200
        body = response.json()
        assert body["email"] == email
        assert body["full_name"] == "Seeded"
        assert body["is_superuser"] is False
        assert body["is_verified"] is False
        login = await client.post(
            f"{API}/login/access-token", data={"username": email, "password": PASSWORD}
        )
        assert login.status_code == 200

    async def test_can_create_an_already_verified_user(self, client: AsyncClient) -> None:
        response = await client.post(
            f"{API}/private/users/",
            json={"email": random_email(), "password": PASSWORD, "is_verified": True},
        )
        assert response.json()["is_verified"] is True

    async def test_taken_email_is_a_conflict(self, client: AsyncClient, db: AsyncSession) -> None:
        existing = await create_user(db=db)
        response = await client.post(
            f"{API}/private/users/", json={"email": existing.email.upper(), "password": PASSWORD}
        )
        assert response.status_code == 409


class TestRemovePassword:
    async def test_the_password_stops_working_and_the_session_goes_on(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user = await create_user(db=db)
        headers = await auth_headers(db=db, user=user)
        response = await client.delete(
            f"{API}/private/users/password", params={"email": user.email.upper()}
        )
        assert response.status_code == 200
        login = await client.post(
            f"{API}/login/access-token",
            data={"username": user.email, "password": DEFAULT_PASSWORD},
        )
        assert login.status_code == 400
        me = await client.get(f"{API}/users/me", headers=headers)
        assert (me.status_code, me.json()["has_password"]) == (200, False)

    async def test_an_unknown_email_is_not_found(self, client: AsyncClient) -> None:
        response = await client.delete(
            f"{API}/private/users/password", params={"email": random_email()}
        )
        assert response.status_code == 404
