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


def send_email(email: EmailData, settings: Settings) -> bool:
    """Send synchronously (call it from a background task or a worker thread).

    Failures are logged, never raised: the request that triggered the mail
    has already been answered. Logs name the recipient's domain only; the
    body holds single-use tokens and never reaches the logs.
    """
    if not settings.emails_enabled:
        logger.info("email not sent: SMTP is not configured", extra={"event": "email_skipped"})
        return False
    message = Message(
        subject=email.subject,
        html=email.html,
        mail_from=(
            settings.EMAILS_FROM_NAME or settings.PROJECT_NAME,
            str(settings.EMAILS_FROM_EMAIL),
        ),
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
        logger.error("email to @%s failed: %s", recipient_domain(email.to), type(error).__name__)
        return False
    finally:
        backend.close()
    if response is None or response.status_code not in (250, 251):
        status = getattr(response, "status_code", None)
        logger.error("email to @%s refused (SMTP status %s)", recipient_domain(email.to), status)
        return False
    logger.info("email sent to @%s", recipient_domain(email.to))
    return True
