"""Per-request observation: request id, one log line, and metrics.

Pure ASGI (no BaseHTTPMiddleware): this wraps every request, so it must cost
microseconds. Only the path's route template is logged, never the query
string or headers, which may carry tokens.
"""

import logging
import re
import time
import uuid
from collections.abc import Callable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.logs import RequestContext, current_request

logger = logging.getLogger("app.request")

REQUEST_ID_HEADER = b"x-request-id"
# A caller's id is echoed only when it is short and plain, so that it can
# neither forge log lines nor smuggle data into headers.
VALID_REQUEST_ID = re.compile(rb"[A-Za-z0-9._:-]{1,128}")
EMAIL_LOCAL_PART = re.compile(r"[^/@]+@")
UNMATCHED = "<unmatched>"

Observer = Callable[[str, str, int, float], None]


def route_template(scope: Scope) -> str | None:
    """The matched route's path template, router prefixes included.

    The route object knows only its own router's part of the template
    (`/users/{user_id}`); the prefix it was included under is whatever
    precedes the concrete part in the request path.
    """
    route = scope.get("route")
    template = getattr(route, "path_format", None)
    if not isinstance(template, str):
        return None
    try:
        concrete = template.format(**scope.get("path_params", {}))
    except (KeyError, IndexError, ValueError):
        return template
    path: str = scope["path"]
    if concrete and path.endswith(concrete):
        return path[: len(path) - len(concrete)] + template
    return template


def redacted_path(path: str) -> str:
    """An unmatched path as sent, minus the local part of any email in it."""
    return EMAIL_LOCAL_PART.sub("***@", path)[:200]


def bind_user_id(user_id: uuid.UUID) -> None:
    """Name the authenticated user in this request's log lines."""
    context = current_request.get()
    if context is not None:
        context.user_id = str(user_id)


class RequestObservationMiddleware:
    def __init__(
        self, app: ASGIApp, *, observers: list[Observer], on_startup: Callable[[], None]
    ) -> None:
        self.app = app
        self.observers = observers
        self.on_startup = on_startup

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            if scope["type"] == "lifespan":
                self.on_startup()
            await self.app(scope, receive, send)
            return
        request_id = _incoming_request_id(scope) or uuid.uuid4().hex
        header_value = request_id.encode()
        context = RequestContext(request_id=request_id)
        token = current_request.set(context)
        status = 500
        started = time.perf_counter()
        finished: float | None = None

        async def send_with_request_id(message: Message) -> None:
            nonlocal status, finished
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", ()), (b"x-request-id", header_value)]
            elif message["type"] == "http.response.body" and not message.get("more_body"):
                finished = time.perf_counter()
            await send(message)

        try:
            await self.app(scope, receive, send_with_request_id)
        finally:
            # Until the response was complete: background tasks (emails) run
            # after it and are not the client's wait.
            duration = (finished or time.perf_counter()) - started
            template = route_template(scope)
            method = scope["method"]
            path = template or redacted_path(scope["path"])
            logger.info(
                "%s %s %d",
                method,
                path,
                status,
                extra={
                    "method": method,
                    "path": path,
                    "status": status,
                    "duration_ms": round(duration * 1000, 2),
                    "request_id": request_id,
                    "user_id": context.user_id,
                },
            )
            for observe in self.observers:
                observe(method, template or UNMATCHED, status, duration)
            current_request.reset(token)


def _incoming_request_id(scope: Scope) -> str | None:
    for name, value in scope["headers"]:
        if name == REQUEST_ID_HEADER:
            return value.decode("ascii") if VALID_REQUEST_ID.fullmatch(value) else None
    return None
