"""Arranging sessions for the sign-in tests."""

import uuid
from datetime import timedelta
from typing import Any

import jwt
import pyotp
from httpx import AsyncClient
from sqlalchemy import update
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from app.core.config import settings
from app.models import AuthSession, utcnow
from tests.signin.authenticator import Authenticator

API = settings.API_V1_STR


def session_id_of(headers: dict[str, str]) -> uuid.UUID:
    token = headers["Authorization"].removeprefix("Bearer ")
    claims = jwt.decode(token, settings.SECRET_KEY, algorithms=["HS256"])
    return uuid.UUID(claims["sid"])


async def make_proof_stale(db: AsyncSession, headers: dict[str, str]) -> None:
    """Age the session's last proof of identity past the re-authentication window."""
    stale = utcnow() - timedelta(minutes=settings.REAUTHENTICATION_WINDOW_MINUTES, seconds=1)
    await db.exec(
        update(AuthSession)
        .where(col(AuthSession.id) == session_id_of(headers))
        .values(proven_at=stale)
    )
    await db.commit()


def code_at(secret: str, steps_ahead: int = 0) -> str:
    """The authenticator's code `steps_ahead` time steps from now: the server
    accepts one step of drift, and each step's code only once."""
    totp = pyotp.TOTP(secret)
    return totp.generate_otp(totp.timecode(utcnow()) + steps_ahead)


async def enable_two_factor(client: AsyncClient, headers: dict[str, str]) -> tuple[str, list[str]]:
    """Turn two-factor authentication on through the API; its secret and
    recovery codes. The current step's code is used up by the confirmation."""
    setup = await client.post(f"{API}/users/me/two-factor/setup", headers=headers)
    assert setup.status_code == 200, setup.text
    secret = setup.json()["secret"]
    confirmed = await client.post(
        f"{API}/users/me/two-factor/confirm", json={"code": code_at(secret)}, headers=headers
    )
    assert confirmed.status_code == 200, confirmed.text
    return secret, confirmed.json()["codes"]


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
