"""Arranging sessions for the sign-in tests."""

import uuid
from datetime import timedelta

import jwt
from httpx import AsyncClient, Response
from sqlalchemy import update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from app.core.config import settings
from app.models import AuditLog, AuthSession, User, utcnow
from tests.factories import bearer

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


async def email_of(client: AsyncClient, response: Response) -> str:
    """The address of the account a sign-in's tokens are for."""
    assert response.status_code == 200, response.text
    me = await client.get(f"{API}/users/me", headers=bearer(response.json()["access_token"]))
    return str(me.json()["email"])


async def actions_of(db: AsyncSession, user: User) -> list[str]:
    """The audit log's actions on `user`, oldest first."""
    rows = await db.exec(
        select(AuditLog.action)
        .where(AuditLog.target_user_id == user.id)
        .order_by(col(AuditLog.created_at))
    )
    return list(rows.all())
