"""Turns the bytes an SMTP client sent into a CaughtMail."""

import uuid
from collections.abc import Sequence
from datetime import datetime
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser

from devtools.mail_store import CaughtMail


def parse_mail(
    source: bytes,
    *,
    sender: str,
    recipients: Sequence[str],
    received_at: datetime,
) -> CaughtMail:
    message = BytesParser(policy=policy.default).parsebytes(source)
    assert isinstance(message, EmailMessage)  # guaranteed by policy.default
    return CaughtMail(
        id=uuid.uuid4().hex,
        sender=sender,
        recipients=tuple(recipients),
        subject=str(message.get("subject", "")),
        html=body_text(message, "html"),
        text=body_text(message, "plain"),
        received_at=received_at,
        source=source,
    )


def body_text(message: EmailMessage, subtype: str) -> str | None:
    """The message's text/<subtype> body, skipping attached files; None if absent."""
    part = message.get_body(preferencelist=(subtype,))
    if part is None:
        return None
    try:
        content = part.get_content()
    except LookupError:
        # An unknown charset name: show the text anyway rather than lose the mail.
        payload = part.get_payload(decode=True)
        return payload.decode("utf-8", errors="replace") if isinstance(payload, bytes) else None
    # SMTP lines end in CRLF; consumers of the API expect Python-style newlines.
    return content.replace("\r\n", "\n") if isinstance(content, str) else None
