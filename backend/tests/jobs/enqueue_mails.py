"""Run as a process: send N mails through the queue the way a request does,
in one transaction; with --fail, roll that transaction back."""

import argparse
import asyncio

from app.core.config import settings
from app.core.db import create_engine, session_factory, transaction
from app.jobs.email import send_email
from app.utils import EmailData


async def enqueue(count: int, domain: str, *, fail: bool) -> None:
    engine = create_engine(settings)
    try:
        async with transaction(session_factory(engine)) as session:
            for number in range(count):
                to = f"person{number}@{domain}"
                send_email(session, EmailData(to=to, subject=f"mail {number}", html="<p>hi</p>"))
            if fail:
                raise SystemExit(3)
    finally:
        await engine.dispose()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("count", type=int)
    parser.add_argument("domain")
    parser.add_argument("--fail", action="store_true")
    args = parser.parse_args()
    asyncio.run(enqueue(args.count, args.domain, fail=args.fail))
