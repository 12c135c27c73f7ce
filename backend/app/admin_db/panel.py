"""Mounting the panel: `mount(app)` when settings.admin_db_enabled."""

from typing import Any

from fastapi import FastAPI
from sqladmin import Admin
from sqladmin.helpers import get_object_identifier
from starlette.datastructures import MutableHeaders
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.admin_db import access, account_rules, views
from app.admin_db.secrets import secret_primary_key
from app.admin_db.sessions import sessions
from app.core.config import settings

# SQLAdmin's pages load their scripts and styles from the panel itself and
# run no inline script (the one it has shows flash messages, which need a
# session the panel does not keep). Its templates carry a few style
# attributes, hence 'unsafe-inline' for styles, on these pages only.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class ContentSecurityPolicy:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_policy(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message)["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
            await send(message)

        await self.app(scope, receive, send_with_policy)


def masked_identifier(row: Any) -> Any:
    """Rows keyed by a token's hash appear without their key (list pages
    carry each row's key for their bulk actions)."""
    return "" if secret_primary_key(type(row)) else get_object_identifier(row)


async def to_handoff(_request: Request) -> RedirectResponse:
    return RedirectResponse(access.HANDOFF_PATH, status_code=302)


def mount(app: FastAPI) -> Admin:
    app.include_router(access.router, prefix=settings.API_V1_STR)
    admin = Admin(
        app,
        session_maker=sessions,  # type: ignore[arg-type]  # a switchable maker, see sessions.py
        base_url=access.BASE_URL,
        title=f"{settings.PROJECT_NAME} database",
        authentication_backend=access.DashboardSessionBackend(),
        middlewares=[Middleware(ContentSecurityPolicy)],
    )
    for model in views.table_models():
        admin.add_view(views.view_for(model))
    account_rules.log_refusals_as_such()
    admin.templates.env.globals["get_object_identifier"] = masked_identifier
    # No login form: the dashboard's login is the only one.
    admin.admin.router.routes = [
        Route("/login", to_handoff, name="login") if getattr(r, "name", "") == "login" else r
        for r in admin.admin.router.routes
    ]
    return admin
