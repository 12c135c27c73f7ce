"""Make sure someone can manage the app: create the first superuser once, and
when no active superuser is left, make the first superuser's account one again.
Running it again changes nothing (`app users ensure-superuser`, in prestart)."""

from sqlmodel.ext.asyncio.session import AsyncSession

from app import crud
from app.core.config import settings
from app.core.db import create_engine, session_factory
from app.core.passwords import password_hash

OUTCOMES = {
    "created": "created",
    "unchanged": "already exists",
    "restored": "made an active superuser again: no other active superuser was left",
}


async def ensure_a_superuser(session: AsyncSession) -> str:
    """What was done for FIRST_SUPERUSER: "created", "restored" or "unchanged"."""
    user = await crud.get_user_by_email(session=session, email=settings.FIRST_SUPERUSER)
    if user is None:
        await crud.create_user(
            session=session,
            email=settings.FIRST_SUPERUSER,
            hashed_password=password_hash.hash(settings.FIRST_SUPERUSER_PASSWORD),
            is_superuser=True,
            is_verified=True,
            full_name="Administrator",
        )
        return "created"
    if await crud.lock_active_superusers(session=session):
        return "unchanged"
    await crud.update_user(
        session=session, user=user, changes={"is_superuser": True, "is_active": True}
    )
    return "restored"


async def main_async() -> str:
    engine = create_engine(settings)
    try:
        async with session_factory(engine).begin() as session:
            return await ensure_a_superuser(session)
    finally:
        await engine.dispose()
