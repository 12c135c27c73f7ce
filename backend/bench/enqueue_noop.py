"""`python -m bench.enqueue_noop N`: queue N no-op jobs, 500 per transaction."""

import asyncio
import sys

from app.core.config import settings
from app.core.db import create_engine, session_factory, transaction
from app.jobs.noop import KIND
from app.jobs.queue import enqueue

BATCH = 500


async def enqueue_noop(count: int) -> None:
    engine = create_engine(settings)
    try:
        for start in range(0, count, BATCH):
            async with transaction(session_factory(engine)) as session:
                for number in range(start, min(count, start + BATCH)):
                    enqueue(session, KIND, {"number": number})
    finally:
        await engine.dispose()


if __name__ == "__main__":
    asyncio.run(enqueue_noop(int(sys.argv[1])))
