"""The caught mails, kept in memory for as long as the mail catcher runs."""

from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class CaughtMail:
    id: str
    sender: str
    recipients: tuple[str, ...]
    subject: str
    html: str | None
    text: str | None
    received_at: datetime
    source: bytes

    def to_json(self) -> dict[str, object]:
        """The shape GET /api/messages returns (the raw source is left out)."""
        return {
            "id": self.id,
            "sender": self.sender,
            "recipients": list(self.recipients),
            "subject": self.subject,
            "html": self.html,
            "text": self.text,
            "received_at": self.received_at.isoformat(),
        }


class MailStore:
    """Mails in arrival order, read newest first.

    The SMTP and HTTP servers share one event loop, so no lock is needed. The
    oldest mails are dropped past ``capacity`` so that a catcher left running
    for days does not grow without bound.
    """

    def __init__(self, *, capacity: int = 1000) -> None:
        self._capacity = capacity
        self._mails: OrderedDict[str, CaughtMail] = OrderedDict()

    def add(self, mail: CaughtMail) -> None:
        self._mails[mail.id] = mail
        while len(self._mails) > self._capacity:
            self._mails.popitem(last=False)

    def newest_first(self) -> list[CaughtMail]:
        return list(reversed(self._mails.values()))

    def get(self, mail_id: str) -> CaughtMail | None:
        return self._mails.get(mail_id)

    def clear(self) -> int:
        count = len(self._mails)
        self._mails.clear()
        return count
