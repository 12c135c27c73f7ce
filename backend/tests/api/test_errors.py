"""What clients get when a request goes wrong: a `detail` they can read,
the right status, and never a server error for bad input."""

from collections.abc import AsyncIterator

import pytest
from httpx import AsyncClient
from sqlmodel.ext.asyncio.session import AsyncSession

from app.api import deps
from app.core.config import settings
from app.core.db import create_engine, session_factory, transaction
from app.main import app
from app.models import User
from tests.factories import (
    auth_headers,
    create_user,
    # region capability: organizations
    personal_organization,
    # endregion capability: organizations
)

API = settings.API_V1_STR
LIMIT = settings.MAX_REQUEST_BODY_BYTES
PASSPHRASE = "a-good-long-passphrase"
HUGE = str(10**20)


@pytest.fixture
async def superuser(db: AsyncSession) -> User:
    return await create_user(db=db, is_superuser=True)


@pytest.fixture
async def headers(db: AsyncSession, superuser: User) -> dict[str, str]:
    return await auth_headers(db=db, user=superuser)


# region capability: organizations
@pytest.fixture
async def members_path(db: AsyncSession, superuser: User) -> str:
    """The members of the superuser's personal organization."""
    return f"/orgs/{(await personal_organization(db=db, user=superuser)).id}/members/"


# endregion capability: organizations
@pytest.fixture
async def database_down(client: AsyncClient) -> AsyncIterator[None]:
    """Requests get sessions on a database that cannot be opened."""
    unreachable = create_engine(settings, url="sqlite+aiosqlite:////nonexistent/dir/app.db")

    async def broken_session() -> AsyncIterator[AsyncSession]:
        async with transaction(session_factory(unreachable)) as session:
            yield session

    previous = app.dependency_overrides[deps.get_session]
    app.dependency_overrides[deps.get_session] = broken_session
    yield
    app.dependency_overrides[deps.get_session] = previous
    await unreachable.dispose()


class TestValidationErrors:
    async def test_invalid_field_is_422_naming_the_field(self, client: AsyncClient) -> None:
        response = await client.post(
            f"{API}/users/signup", json={"email": "not-an-email", "password": PASSPHRASE}
        )
        assert response.status_code == 422
        [error] = response.json()["detail"]
        assert error["loc"] == ["body", "email"]
        assert error["msg"]

    async def test_malformed_json_is_422(self, client: AsyncClient) -> None:
        response = await client.post(
            f"{API}/users/signup",
            content=b'{"email": "a@example.com", "password":',
            headers={"Content-Type": "application/json"},
        )
        assert response.status_code == 422
        assert response.json()["detail"][0]["type"] == "json_invalid"

    async def test_missing_body_is_422(self, client: AsyncClient) -> None:
        response = await client.post(f"{API}/users/signup")
        assert response.status_code == 422


class TestUnknownRoutes:
    async def test_unknown_path_is_404_with_a_detail(self, client: AsyncClient) -> None:
        response = await client.get(f"{API}/no-such-thing")
        assert response.status_code == 404
        assert response.json() == {"detail": "Not Found"}

    async def test_wrong_method_is_405_with_a_detail_and_the_allowed_methods(
        self, client: AsyncClient
    ) -> None:
        response = await client.delete(f"{API}/utils/health-check/")
        assert response.status_code == 405
        assert response.json() == {"detail": "Method Not Allowed"}
        assert "GET" in response.headers["allow"]


class TestBodySizeLimit:
    async def test_declared_body_over_the_limit_is_413(self, client: AsyncClient) -> None:
        response = await client.post(
            f"{API}/users/signup",
            content=b"x" * (LIMIT + 1),
            headers={"Content-Type": "application/json"},
        )
        assert response.status_code == 413
        assert response.json() == {"detail": "Request body too large"}

    async def test_streamed_body_over_the_limit_is_413(self, client: AsyncClient) -> None:
        async def chunks() -> AsyncIterator[bytes]:
            for _ in range(LIMIT // 65536 + 2):
                yield b"x" * 65536

        response = await client.post(
            f"{API}/users/signup", content=chunks(), headers={"Content-Type": "application/json"}
        )
        assert (response.status_code, response.json()) == (
            413,
            {"detail": "Request body too large"},
        )

    async def test_body_at_the_limit_reaches_the_route(self, client: AsyncClient) -> None:
        response = await client.post(
            f"{API}/users/signup",
            content=b" " * LIMIT,
            headers={"Content-Type": "application/json"},
        )
        assert response.status_code == 422


class TestDatabaseUnavailable:
    @pytest.mark.usefixtures("database_down")
    async def test_is_503_with_retry_after_and_no_internals(self, client: AsyncClient) -> None:
        response = await client.post(
            f"{API}/users/signup", json={"email": "a@example.com", "password": PASSPHRASE}
        )
        assert response.status_code == 503
        assert response.headers["retry-after"].isdigit()
        assert "sqlite" not in response.text.lower()
        assert set(response.json()) == {"detail"}


class TestHostileInputIsNeverAServerError:
    """Input a client can send must get a 4xx, whatever the database engine."""

    async def test_nul_character_in_the_login_username(self, client: AsyncClient) -> None:
        response = await client.post(
            f"{API}/login/access-token",
            data={"username": "a\x00b@example.com", "password": PASSPHRASE},
        )
        assert response.status_code in (400, 422)

    async def test_nul_character_in_a_signup_name(self, client: AsyncClient) -> None:
        response = await client.post(
            f"{API}/users/signup",
            json={"email": "nul@example.com", "password": PASSPHRASE, "full_name": "a\x00b"},
        )
        assert response.status_code in (200, 400, 422)

    # region capability: organizations
    async def test_nul_character_in_an_organization_name(
        self, client: AsyncClient, headers: dict[str, str]
    ) -> None:
        response = await client.post(f"{API}/orgs/", headers=headers, json={"name": "a\x00b"})
        assert response.status_code in (200, 400, 422)

    # endregion capability: organizations
    @pytest.mark.parametrize(
        "path",
        [
            "/users/",
            "/audit-log/",
            # region capability: organizations
            "/orgs/all",
            # endregion capability: organizations
        ],
    )
    async def test_huge_skip(self, client: AsyncClient, headers: dict[str, str], path: str) -> None:
        response = await client.get(f"{API}{path}", headers=headers, params={"skip": HUGE})
        assert response.status_code in (200, 422)

    # region capability: organizations
    async def test_huge_skip_in_a_members_list(
        self, client: AsyncClient, headers: dict[str, str], members_path: str
    ) -> None:
        response = await client.get(f"{API}{members_path}", headers=headers, params={"skip": HUGE})
        assert response.status_code in (200, 422)

    # endregion capability: organizations

    async def test_invalid_address_in_the_deprecated_recovery_path(
        self, client: AsyncClient
    ) -> None:
        response = await client.post(f"{API}/password-recovery/not-an-email")
        assert response.status_code == 422

    async def test_wrong_json_types(self, client: AsyncClient, headers: dict[str, str]) -> None:
        response = await client.patch(
            f"{API}/users/me", headers=headers, json={"full_name": ["a"], "email": {"b": 1}}
        )
        assert response.status_code == 422

    async def test_json_array_instead_of_an_object(self, client: AsyncClient) -> None:
        response = await client.post(f"{API}/password-recovery", json=["a@example.com"])
        assert response.status_code == 422
