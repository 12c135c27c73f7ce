"""The private routes: a shortcut for seeding users, mounted only locally."""

from httpx import AsyncClient
from sqlmodel.ext.asyncio.session import AsyncSession

from app.core.config import settings
from tests.factories import create_user, random_email

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
