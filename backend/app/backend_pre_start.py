"""Wait for the database before migrating: containers start in any order."""

import asyncio
import logging

from sqlalchemy import text
from tenacity import (
    RetryCallState,
    RetryError,
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
    finally:
        await engine.dispose()


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(name)s: %(message)s")
    try:
        asyncio.run(wait_for_database())
    except RetryError:
        logger.error("gave up: the database did not answer within %ds", MAX_WAIT_SECONDS)
        raise SystemExit(1) from None
    logger.info("database is ready")


if __name__ == "__main__":
    main()
