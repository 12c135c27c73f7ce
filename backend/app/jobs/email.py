"""Emails go out through the queue: `send_email` in the request's
transaction, delivered by a worker, retried while SMTP fails.

The body holds single-use links, so the job stores it sealed. Each mail has
an idempotency key (its job's id), recorded once SMTP has accepted the mail:
a retry after that does not send it again. What remains is the moment
between SMTP's acceptance and that record being committed: a worker killed
exactly then sends the mail again on the next attempt. The mail's
Message-ID is derived from the key, so a receiving system can tell the copy.
"""

import asyncio

from sqlmodel.ext.asyncio.session import AsyncSession

from app.core.config import settings
from app.jobs.kinds import job_kind
from app.jobs.models import IdempotencyKey, Job
from app.jobs.queue import enqueue
from app.jobs.sealed import seal, unseal
from app.utils import EmailData, deliver_email, recipient_domain

KIND = "send_email"


def send_email(session: AsyncSession, email: EmailData) -> Job:
    """Send `email` once the session's transaction commits."""
    sealed = seal({"to": email.to, "subject": email.subject, "html": email.html})
    return enqueue(session, KIND, {"sealed": sealed}, summary=f"to @{recipient_domain(email.to)}")


@job_kind(KIND)
async def deliver(session: AsyncSession, job: Job) -> None:
    key = f"email:{job.id}"
    if await session.get(IdempotencyKey, key) is not None:
        return  # accepted by SMTP on an earlier attempt
    fields = unseal(str(job.payload["sealed"]))
    email = EmailData(to=fields["to"], subject=fields["subject"], html=fields["html"])
    await asyncio.to_thread(deliver_email, email, settings, message_id=f"<{job.id}@jobs>")
    session.add(IdempotencyKey(key=key))
