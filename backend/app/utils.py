"""Email rendering and sending."""

import logging
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from emails.backend.smtp.backend import SMTPBackend
from emails.message import Message
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from app.core.config import Settings

logger = logging.getLogger(__name__)
TEMPLATES_DIR = Path(__file__).parent / "email-templates" / "build"


@dataclass(frozen=True, slots=True)
class EmailData:
    to: str
    subject: str
    html: str


@cache
def _jinja() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
    )


def render_email(*, to: str, subject: str, template: str, context: dict[str, Any]) -> EmailData:
    html = _jinja().get_template(f"{template}.html").render(**context)
    return EmailData(to=to, subject=subject, html=html)


def recipient_domain(address: str) -> str:
    """What the logs may say about a recipient: never the full address."""
    return address.rpartition("@")[2] or "unknown"


class EmailNotDelivered(RuntimeError):
    """SMTP failed or refused the mail; the job that sends it retries."""


def deliver_email(email: EmailData, settings: Settings, *, message_id: str | None = None) -> None:
    """Send synchronously (a worker calls it in a thread); raise when the
    SMTP server does not accept the mail. Logs name the recipient's domain
    only; the body holds single-use tokens and never reaches the logs.
    Without SMTP settings, nothing is sent and that is logged.
    """
    domain = recipient_domain(email.to)
    if not settings.emails_enabled:
        logger.info("email not sent: SMTP is not configured", extra={"event": "email_skipped"})
        return
    headers = {"Message-ID": message_id} if message_id else {}
    message = Message(
        subject=email.subject,
        html=email.html,
        mail_from=(
            settings.EMAILS_FROM_NAME or settings.PROJECT_NAME,
            str(settings.EMAILS_FROM_EMAIL),
        ),
        headers=headers,
    )
    smtp: dict[str, Any] = {
        "host": settings.SMTP_HOST,
        "port": settings.SMTP_PORT,
        "timeout": settings.SMTP_TIMEOUT_SECONDS,
    }
    if settings.SMTP_SSL:
        smtp["ssl"] = True
    elif settings.SMTP_TLS:
        smtp["tls"] = True
    if settings.SMTP_USER:
        smtp["user"] = settings.SMTP_USER
    if settings.SMTP_PASSWORD:
        smtp["password"] = settings.SMTP_PASSWORD
    # A backend per email, closed at once: the library's default pool keeps
    # connections open across calls, which outlive short-lived SMTP sessions.
    backend = SMTPBackend(**smtp)
    try:
        response = message.send(to=email.to, smtp=backend)
    except Exception as error:
        raise EmailNotDelivered(f"email to @{domain} failed: {type(error).__name__}") from error
    finally:
        backend.close()
    if response is None or response.status_code not in (250, 251):
        status = getattr(response, "status_code", None)
        cause = getattr(response, "error", None)
        reason = type(cause).__name__ if cause else f"SMTP status {status}"
        raise EmailNotDelivered(f"email to @{domain} refused ({reason})")
    logger.info("email sent to @%s", domain)
