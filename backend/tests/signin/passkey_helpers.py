"""Passkeys for the sign-in tests, held by the software authenticator."""

from typing import Any

from httpx import AsyncClient
from sqlmodel.ext.asyncio.session import AsyncSession

from app.core.config import settings
from app.models import User
from tests.factories import auth_headers, create_user
from tests.signin.authenticator import Authenticator

API = settings.API_V1_STR


async def passkey_options(
    client: AsyncClient, path: str, headers: dict[str, str] | None = None, **body: str
) -> dict[str, Any]:
    """The WebAuthn options a passkey ceremony starts with."""
    response = await client.post(f"{API}{path}", json=body or None, headers=headers)
    assert response.status_code == 200, response.text
    options: dict[str, Any] = response.json()["options"]
    return options


async def register_passkey(
    client: AsyncClient,
    headers: dict[str, str],
    authenticator: Authenticator,
    name: str = "Laptop",
) -> dict[str, Any]:
    """Add a passkey held by `authenticator` through the API; its public form."""
    options = await passkey_options(client, "/users/me/passkeys/registration-options", headers)
    response = await client.post(
        f"{API}/users/me/passkeys",
        json={"name": name, "credential": authenticator.create(options)},
        headers=headers,
    )
    assert response.status_code == 200, response.text
    registered: dict[str, Any] = response.json()
    return registered


async def with_passkey(
    client: AsyncClient, db: AsyncSession, **fields: Any
) -> tuple[User, dict[str, str], Authenticator]:
    """A user with one passkey, held by the returned authenticator."""
    user = await create_user(db=db, **fields)
    headers = await auth_headers(db=db, user=user)
    authenticator = Authenticator()
    await register_passkey(client, headers, authenticator)
    return user, headers, authenticator
