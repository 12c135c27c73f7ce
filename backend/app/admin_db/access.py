"""Who may open the panel: a superuser with a live dashboard session. The
panel has no login or passwords of its own.

The dashboard's session lives in the refresh-token cookie, which browsers
send only under /api/v1/login. A visit to /admin-db without the panel's
cookie goes to HANDOFF_PATH, under that path, which reads the refresh
cookie's session and gives the browser a short-lived cookie scoped to
/admin-db that names the session. Every panel request checks that session
again (live, its user active and a superuser), so logging out of the
dashboard, or losing superuser rights, closes the panel at the next click.

The panel's cookie is SameSite=Strict: SQLAdmin's forms carry no CSRF
token, and a strict cookie is never sent with a request another site starts.
For the same reason the hand-off answers with a page that moves on to the
panel itself rather than with a redirect: after a link from another site,
browsers withhold strict cookies for the rest of that redirect chain, and
the panel would send the browser back here forever.
"""

import uuid
from datetime import UTC, datetime, timedelta
from html import escape
from typing import Annotated

import jwt
from fastapi import APIRouter, Cookie, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqladmin.authentication import AuthenticationBackend

from app import crud
from app.admin_db.audit import Actor, current_actor
from app.admin_db.sessions import sessions
from app.api.cookies import REFRESH_COOKIE
from app.api.deps import SessionDep
from app.core.config import settings
from app.core.db import transaction
from app.core.security import ALGORITHM
from app.models import User, utcnow

BASE_URL = "/admin-db"
HANDOFF_PATH = f"{settings.API_V1_STR}/login/admin-db"
PANEL_COOKIE = "admin_db_session"
PANEL_TOKEN_TYPE = "admin_db"
LIFETIME = timedelta(minutes=settings.ACCESS_TOKEN_EXPIRE_MINUTES)

router = APIRouter(tags=["admin-db"], include_in_schema=False)


def panel_token(user_id: uuid.UUID, session_id: uuid.UUID) -> str:
    now = datetime.now(UTC)
    claims = {
        "sub": str(user_id),
        "sid": str(session_id),
        "typ": PANEL_TOKEN_TYPE,
        "iat": now,
        "exp": now + LIFETIME,
    }
    return jwt.encode(claims, settings.SECRET_KEY, algorithm=ALGORITHM)


def read_panel_token(token: str) -> tuple[uuid.UUID, uuid.UUID] | None:
    """The user and session the token names, if it is a valid panel token
    (an access token is not one: its type differs)."""
    try:
        claims = jwt.decode(
            token,
            settings.SECRET_KEY,
            algorithms=[ALGORITHM],
            options={"require": ["exp", "sub", "sid", "typ"]},
        )
        if claims["typ"] != PANEL_TOKEN_TYPE:
            return None
        return uuid.UUID(claims["sub"]), uuid.UUID(claims["sid"])
    except (jwt.PyJWTError, ValueError, TypeError):
        return None


def page(status_code: int, title: str, message: str, *, go_to: str | None = None) -> HTMLResponse:
    """A page of its own: a message and a link (and, with `go_to`, a move there)."""
    link = go_to or f"{settings.FRONTEND_HOST.rstrip('/')}/login"
    label = "Open the panel" if go_to else "Open the dashboard"
    refresh = f'<meta http-equiv="refresh" content="0;url={escape(go_to)}">' if go_to else ""
    html = (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8">{refresh}'
        f"<title>{escape(title)}</title></head><body><h1>{escape(title)}</h1>"
        f'<p>{escape(message)}</p><p><a href="{escape(link)}">{label}</a></p></body></html>'
    )
    return HTMLResponse(html, status_code=status_code)


def not_logged_in() -> HTMLResponse:
    return page(
        401,
        "Log in first",
        "The database admin panel uses your dashboard session: log in to the dashboard "
        "as a superuser, then open this page again.",
    )


def not_a_superuser() -> HTMLResponse:
    return page(403, "Superusers only", "The database admin panel is for superusers.")


@router.get(HANDOFF_PATH.removeprefix(settings.API_V1_STR))
async def open_panel(
    session: SessionDep,
    refresh_token: Annotated[str | None, Cookie(alias=REFRESH_COOKIE)] = None,
) -> Response:
    """Give the browser of a superuser logged in to the dashboard the
    panel's cookie, then send it to the panel."""
    found = await crud.find_refresh_token(session=session, token=refresh_token or "")
    if refresh_token is None or found is None:
        return not_logged_in()
    stored, auth_session, user_is_active = found
    live = auth_session.revoked_at is None and auth_session.expires_at > utcnow()
    if stored.rotated_at is not None or not live or not user_is_active:
        return not_logged_in()
    user = await crud.get_user(session=session, user_id=auth_session.user_id)
    if user is None or not user.is_superuser:
        return not_a_superuser()
    response = page(
        200, "Opening the database panel", "Your dashboard session opens it.", go_to=f"{BASE_URL}/"
    )
    response.set_cookie(
        PANEL_COOKIE,
        panel_token(user.id, auth_session.id),
        max_age=int(LIFETIME.total_seconds()),
        path=BASE_URL,
        httponly=True,
        secure=settings.ENVIRONMENT != "local",
        samesite="strict",
    )
    return response


async def panel_user(request: Request) -> User | None:
    """The user of the live session the panel's cookie names, if any."""
    named = read_panel_token(request.cookies.get(PANEL_COOKIE, ""))
    if named is None:
        return None
    user_id, session_id = named
    async with transaction(sessions.app_sessions()) as session:
        found = await crud.get_authenticated_user(
            session=session, user_id=user_id, session_id=session_id
        )
    return None if found is None else found[0]


class DashboardSessionBackend(AuthenticationBackend):
    """SQLAdmin's authentication, answered by the dashboard's sessions."""

    def __init__(self) -> None:
        # No session middleware: the panel keeps no state of its own (SQLAdmin
        # then skips its flash messages, the one thing it would store there).
        self.middlewares = []

    async def authenticate(self, request: Request) -> Response | bool:
        user = await panel_user(request)
        if user is None:
            return RedirectResponse(HANDOFF_PATH, status_code=302)
        if not user.is_superuser:
            return not_a_superuser()
        client = request.client.host if request.client else None
        current_actor.set(Actor(user_id=user.id, email=user.email, ip_address=client))
        return True

    async def get_user_id(self, _request: Request) -> uuid.UUID | None:
        actor = current_actor.get()
        return actor.user_id if actor else None

    async def login(self, _request: Request) -> Response | bool:
        return RedirectResponse(HANDOFF_PATH, status_code=302)

    async def logout(self, _request: Request) -> Response | bool:
        """Leave the panel; the dashboard's session stays (log out there)."""
        response = RedirectResponse(settings.FRONTEND_HOST, status_code=302)
        response.delete_cookie(PANEL_COOKIE, path=BASE_URL, httponly=True, samesite="strict")
        return response
