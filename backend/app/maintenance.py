"""Housekeeping: delete sessions, emailed links, rate-limit windows and
the like that can no longer matter. Runs in prestart (every deploy) and hourly in the
jobs' housekeeping; by hand: `app maintenance purge`."""

from datetime import timedelta

from app import crud
from app.core.config import settings
from app.core.db import create_engine, session_factory, transaction
from app.models import utcnow

# Kept a while after they stop working, so the sessions page and support
# questions ("was I logged out?") can still see recent history.
RETENTION = timedelta(days=7)


async def purge() -> dict[str, int]:
    engine = create_engine(settings)
    try:
        async with transaction(session_factory(engine)) as session:
            return await crud.purge_stale_rows(session=session, before=utcnow() - RETENTION)
    finally:
        await engine.dispose()
