"""Emails leave after the response: a slow or broken SMTP server never
delays or fails the request that triggered them."""

from typing import Annotated

from fastapi import BackgroundTasks, Depends

from app.core.config import settings
from app.utils import EmailData, send_email


class Mailer:
    def __init__(self, background: BackgroundTasks) -> None:
        self._background = background

    def send(self, email: EmailData) -> None:
        # Background tasks run after the response, hence after the commit:
        # a link never arrives before the token it carries is stored.
        self._background.add_task(send_email, email, settings)


MailerDep = Annotated[Mailer, Depends(Mailer)]
