"""A real SMTP server (aiosmtpd) on loopback that keeps what it receives."""

import email
import email.policy
import socket
from dataclasses import dataclass, field
from email.message import EmailMessage

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session


@dataclass
class ReceivedMail:
    sender: str
    recipients: list[str]
    message: EmailMessage

    @property
    def subject(self) -> str:
        return str(self.message["subject"])

    @property
    def html(self) -> str:
        part = self.message.get_body(preferencelist=("html", "plain"))
        return part.get_content() if part is not None else ""


@dataclass
class Inbox:
    mails: list[ReceivedMail] = field(default_factory=list)

    async def handle_DATA(self, _server: SMTP, _session: Session, envelope: Envelope) -> str:  # noqa: N802  # aiosmtpd's hook name
        raw = envelope.original_content or b""
        message = email.message_from_bytes(raw, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        self.mails.append(
            ReceivedMail(
                sender=str(envelope.mail_from),
                recipients=[str(r) for r in envelope.rcpt_tos],
                message=message,
            )
        )
        return "250 Message accepted"


@dataclass
class SmtpServer:
    host: str
    port: int
    inbox: Inbox
    controller: Controller

    @property
    def mails(self) -> list[ReceivedMail]:
        return self.inbox.mails

    def to(self, address: str) -> list[ReceivedMail]:
        return [m for m in self.inbox.mails if address in m.recipients]

    def stop(self) -> None:
        self.controller.stop()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_smtp_server(port: int | None = None) -> SmtpServer:
    """On `port`, or a free one."""
    inbox = Inbox()
    port = port or free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    return SmtpServer(host="127.0.0.1", port=port, inbox=inbox, controller=controller)
