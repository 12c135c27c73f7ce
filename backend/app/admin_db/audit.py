"""Every write made through the panel is recorded in the audit log, in the
same transaction as the write: a change that rolls back leaves no entry, and
none is committed without its entry.

SQLAdmin has an audit hook of its own, but it runs after the commit, on
another session, and drops failures with a log line; a flush listener on
the panel's sessions sees each created, changed and deleted row before the
commit instead. An entry names the table, the row and the changed columns,
never their values: some are private, and the table's own history is not
what the audit log is for.
"""

import contextvars
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, UOWTransaction

from app.admin_db.secrets import is_secret_column, secret_primary_key
from app.models import AuditLog, User

ACTION = "database_edited"


@dataclass(frozen=True, slots=True)
class Actor:
    user_id: uuid.UUID
    email: str
    ip_address: str | None


# Set for the request by the panel's authentication (access.py).
current_actor: contextvars.ContextVar[Actor | None] = contextvars.ContextVar(
    "admin_db_actor", default=None
)


class AuditedSession(Session):
    """The panel's sessions: their flushes write audit entries."""


def row_label(row: Any) -> str:
    table = str(row.__table__.name)
    if secret_primary_key(type(row)):
        return table
    identity = inspect(row).identity or tuple(
        getattr(row, column.key) for column in inspect(type(row)).primary_key
    )
    return f"{table} {'/'.join(str(part) for part in identity)}"


def changed_columns(row: Any) -> list[str]:
    state = inspect(row)
    return [
        attribute.key
        for attribute in state.attrs
        if attribute.history.has_changes() and not is_secret_column(attribute.key)
    ]


def entries(session: Session) -> Iterable[tuple[str, Any]]:
    for row in session.new:
        yield f"created {row_label(row)}", row
    for row in session.dirty:
        if session.is_modified(row):
            fields = ", ".join(changed_columns(row))
            yield f"changed {row_label(row)}: {fields}", row
    for row in session.deleted:
        yield f"deleted {row_label(row)}", row


@event.listens_for(AuditedSession, "before_flush")
def record_writes(session: Session, _flush: UOWTransaction, _instances: object) -> None:
    actor = current_actor.get()
    for detail, row in list(entries(session)):
        if isinstance(row, AuditLog):
            continue
        user = row if isinstance(row, User) else None
        session.add(
            AuditLog(
                action=ACTION,
                actor_id=actor.user_id if actor else None,
                actor_email=actor.email if actor else None,
                target_user_id=user.id if user else None,
                target_email=user.email if user else None,
                ip_address=actor.ip_address if actor else None,
                detail=detail[:255],
            )
        )
