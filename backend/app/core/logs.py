"""Log output: one JSON object per line in deployments, readable lines locally.

Every record logged while a request is being served carries that request's
id (and its user's id once authentication has found it), so the lines of
one request can be found together.
"""

import logging
import sys
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import orjson


@dataclass(slots=True)
class RequestContext:
    request_id: str
    user_id: str | None = None


current_request: ContextVar[RequestContext | None] = ContextVar("current_request", default=None)

# Attributes every LogRecord has; anything else was passed with `extra=`.
_STANDARD_ATTRIBUTES = frozenset(
    logging.LogRecord("", 0, "", 0, "", None, None).__dict__.keys()
    | {"message", "asctime", "color_message"}
)


class RequestContextFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        context = current_request.get()
        if context is not None:
            record.request_id = context.request_id
            if context.user_id is not None and not hasattr(record, "user_id"):
                record.user_id = context.user_id
        return True


def _extras(record: logging.LogRecord) -> dict[str, Any]:
    return {k: v for k, v in record.__dict__.items() if k not in _STANDARD_ATTRIBUTES}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        document: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            **_extras(record),
        }
        if record.exc_info:
            document["exception"] = self.formatException(record.exc_info)
        return orjson.dumps(document, default=str).decode()


class HumanFormatter(logging.Formatter):
    """For a terminal: the request line's method, path and status are
    already in its message, so only the other fields follow it."""

    REPEATED = frozenset({"method", "path", "status"})

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)-7s %(name)s: %(message)s", "%H:%M:%S")

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        extras = {k: v for k, v in _extras(record).items() if k not in self.REPEATED}
        if extras:
            line += "  " + " ".join(f"{k}={v}" for k, v in extras.items())
        return line


def configure_logging(*, json: bool, level: str) -> None:
    """Send every logger, uvicorn's included, through one stdout handler.

    uvicorn's own access log is switched off: the request middleware writes a
    richer line, and uvicorn skips formatting when its logger has no handler.
    """
    # Neither format shows where a record was logged from, nor which thread
    # or process logged it: not collecting them spares a stack walk and a few
    # lookups on every request's line (the logging HOWTO's "Optimization").
    logging._srcfile = None
    logging.logThreads = False
    logging.logProcesses = False
    logging.logMultiprocessing = False
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(JsonFormatter() if json else HumanFormatter())
    handler.addFilter(RequestContextFilter())
    root = logging.getLogger()
    for existing in list(root.handlers):
        if getattr(existing, "is_app_handler", False):
            root.removeHandler(existing)
    handler.is_app_handler = True  # type: ignore[attr-defined]  # marks ours for re-configuration
    root.addHandler(handler)
    root.setLevel(level.upper())
    for name in ("uvicorn", "uvicorn.error"):
        logger = logging.getLogger(name)
        logger.handlers.clear()
        logger.propagate = True
    # aiosqlite logs every operation with its parameters (emails, token
    # hashes) at DEBUG: never useful enough to risk that.
    logging.getLogger("aiosqlite").setLevel(logging.INFO)
    access = logging.getLogger("uvicorn.access")
    access.handlers.clear()
    access.propagate = False
