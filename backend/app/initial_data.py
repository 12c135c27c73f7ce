"""Create the first superuser once; running it again changes nothing."""

import asyncio
import logging

from app import crud
from app.core.config import settings
from app.core.db import create_engine, session_factory
from app.core.passwords import password_hash

logger = logging.getLogger("initial_data")


async def create_first_superuser() -> bool:
    engine = create_engine(settings)
    try:
        async with session_factory(engine)() as session:
            if await crud.get_user_by_email(session=session, email=settings.FIRST_SUPERUSER):
                return False
            await crud.create_user(
                session=session,
                email=settings.FIRST_SUPERUSER,
                hashed_password=password_hash.hash(settings.FIRST_SUPERUSER_PASSWORD),
                is_superuser=True,
                is_verified=True,
                full_name="Administrator",
            )
            await session.commit()
            return True
    finally:
        await engine.dispose()


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(name)s: %(message)s")
    created = asyncio.run(create_first_superuser())
    logger.info(
        "first superuser %s %s",
        settings.FIRST_SUPERUSER,
        "created" if created else "already exists",
    )


if __name__ == "__main__":
    main()
