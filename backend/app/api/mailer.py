"""Emails are sent by a background job, enqueued in the request's
transaction: a request that rolls back sends nothing, a committed one's mail
is delivered even when SMTP is down or slow at the time (app/jobs/email.py)."""

from typing import Annotated

from fastapi import Depends

from app.api.deps import SessionDep
from app.jobs.email import send_email
from app.utils import EmailData


class Mailer:
    def __init__(self, session: SessionDep) -> None:
        self._session = session

    def send(self, email: EmailData) -> None:
        send_email(self._session, email)


MailerDep = Annotated[Mailer, Depends(Mailer)]
