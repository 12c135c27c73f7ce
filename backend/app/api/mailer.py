"""Emails are sent by a background job, enqueued in the request's
transaction: a request that rolls back sends nothing, a committed one's mail
is delivered even when SMTP is down or slow at the time (app/jobs/email.py).

With JOBS_ENABLED=false there is no queue: a mail is sent after the
response, once, and lost if SMTP fails then (logged)."""

import logging
from typing import Annotated

from fastapi import BackgroundTasks, Depends

from app.api.deps import SessionDep
from app.core.config import settings
from app.jobs.email import send_email
from app.utils import EmailData, EmailNotDelivered, deliver_email

logger = logging.getLogger(__name__)


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
        if settings.JOBS_ENABLED:
            send_email(self._session, email)
        else:
            # Background tasks run after the response, hence after the commit.
            self._background.add_task(send_now, email)


MailerDep = Annotated[Mailer, Depends(Mailer)]
