"""Wait for the database before migrating: containers start in any order
(`app db wait`, in prestart)."""

import logging

from sqlalchemy import make_url, text
from sqlalchemy.exc import OperationalError
from tenacity import (
    RetryCallState,
    retry,
    stop_after_delay,
    wait_fixed,
)

from app.core.config import settings
from app.core.db import create_engine

logger = logging.getLogger("prestart")
MAX_WAIT_SECONDS = 60
WAIT_BETWEEN_SECONDS = 1


def _log_attempt(state: RetryCallState) -> None:
    error = state.outcome.exception() if state.outcome else None
    logger.warning(
        "database not ready (attempt %d, %.0fs elapsed): %s",
        state.attempt_number,
        state.seconds_since_start or 0,
        type(error).__name__ if error else "unknown",
    )


@retry(
    stop=stop_after_delay(MAX_WAIT_SECONDS),
    wait=wait_fixed(WAIT_BETWEEN_SECONDS),
    after=_log_attempt,
)
async def wait_for_database() -> None:
    engine = create_engine(settings)
    try:
        async with engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
    except OperationalError as error:
        if not await create_missing_local_database(error):
            raise
    finally:
        await engine.dispose()


async def create_missing_local_database(error: OperationalError) -> bool:
    """In local development, a PostgreSQL server without the app's database
    gets it created, so pointing .env at a fresh server just works."""
    url = make_url(settings.database_url)
    missing = f'database "{url.database}" does not exist' in str(error.orig)
    if settings.ENVIRONMENT != "local" or url.get_backend_name() != "postgresql" or not missing:
        return False
    maintenance = create_engine(
        settings, url=url.set(database="postgres").render_as_string(hide_password=False)
    )
    try:
        async with maintenance.connect() as connection:
            await connection.execution_options(isolation_level="AUTOCOMMIT")
            await connection.execute(text(f'CREATE DATABASE "{url.database}"'))
    finally:
        await maintenance.dispose()
    logger.info("created the local database %s", url.database)
    return True
