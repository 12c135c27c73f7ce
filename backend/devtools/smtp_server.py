"""The SMTP side of the mail catcher: accepts every mail and stores it,
except for the mailbox `bounce` (`bounce@…`, `bounce+anything@…`) at any
domain, which it refuses as a real server refuses an unknown mailbox: a way
to watch a mail fail (and, with background jobs, retry and end up failed)."""

import asyncio
import logging
from datetime import UTC, datetime
from typing import Any

from aiosmtpd.smtp import SMTP, AuthResult, Envelope, Session

from devtools.mail_parsing import parse_mail
from devtools.mail_store import MailStore


class StoringHandler:
    """aiosmtpd handler: every delivered mail goes into the store."""

    def __init__(self, store: MailStore) -> None:
        self._store = store

    async def handle_RCPT(  # noqa: N802 (the hook name aiosmtpd looks up)
        self,
        _server: SMTP,
        _session: Session,
        envelope: Envelope,
        address: str,
        _options: list[str],
    ) -> str:
        if undeliverable(address):
            return "550 5.1.1 No such mailbox: the mail catcher refuses bounce@ addresses"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(  # noqa: N802 (the hook name aiosmtpd looks up)
        self, _server: SMTP, _session: Session, envelope: Envelope
    ) -> str:
        self._store.add(
            parse_mail(
                envelope.original_content or b"",
                sender=envelope.mail_from or "",
                recipients=envelope.rcpt_tos,
                received_at=datetime.now(UTC),
            )
        )
        return "250 Message accepted for delivery"


def undeliverable(address: str) -> bool:
    mailbox = address.strip("<>").rpartition("@")[0].lower()
    return mailbox.partition("+")[0] == "bounce"


class HideLoginDataDeprecation(logging.Filter):
    """aiosmtpd 1.4 logs this on every successful AUTH from its own code."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "login_data is deprecated" not in record.getMessage()


HIDE_LOGIN_DATA_DEPRECATION = HideLoginDataDeprecation()


def accept_any_login(
    _server: SMTP, _session: Session, _envelope: Envelope, _mechanism: str, _auth_data: Any
) -> AuthResult:
    # Local only: whatever SMTP_USER/SMTP_PASSWORD a developer configured must work.
    return AuthResult(success=True)


async def start_smtp_server(store: MailStore, *, host: str, port: int) -> asyncio.Server:
    loop = asyncio.get_running_loop()
    logging.getLogger("mail.log").addFilter(HIDE_LOGIN_DATA_DEPRECATION)

    def new_session() -> SMTP:
        return SMTP(
            StoringHandler(store),
            # A fixed name: the default looks up the machine's FQDN, which can
            # stall for seconds when DNS is unreachable.
            hostname="mailcatcher.localhost",
            enable_SMTPUTF8=True,
            authenticator=accept_any_login,
            auth_require_tls=False,
            loop=loop,
        )

    return await loop.create_server(new_session, host=host, port=port)
