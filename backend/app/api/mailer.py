"""How a request sends an email.

Without a queue a mail is sent after the response (so after the commit: a
request that rolls back sends nothing), once, and lost if SMTP fails then
(logged)."""

import logging
from typing import Annotated

from fastapi import BackgroundTasks, Depends

from app.api.deps import SessionDep
from app.core.config import settings

# region capability: background_jobs
from app.jobs.email import send_email

# endregion capability: background_jobs
from app.utils import EmailData, EmailNotDelivered, deliver_email

logger = logging.getLogger(__name__)

# region capability: background_jobs
# With background jobs on (JOBS_ENABLED), a mail is a job enqueued in the
# request's transaction instead: delivered even when SMTP is down or slow at
# the time, with retries (app/jobs/email.py).
# endregion capability: background_jobs


def send_now(email: EmailData) -> None:
    try:
        deliver_email(email, settings)
    except EmailNotDelivered as error:
        logger.error("%s", error)


class Mailer:
    def __init__(self, session: SessionDep, background: BackgroundTasks) -> None:
        self._session = session
        self._background = background

    def send(self, email: EmailData) -> None:
        # region capability: background_jobs
        if settings.JOBS_ENABLED:
            send_email(self._session, email)
            return
        # endregion capability: background_jobs
        # Background tasks run after the response, hence after the commit.
        self._background.add_task(send_now, email)


MailerDep = Annotated[Mailer, Depends(Mailer)]
