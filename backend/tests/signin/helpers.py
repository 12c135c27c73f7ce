"""Arranging sessions for the sign-in tests."""

import uuid
from datetime import timedelta

import jwt
from sqlalchemy import update
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from app.core.config import settings
from app.models import AuthSession, utcnow


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
