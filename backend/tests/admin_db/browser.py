"""What a browser does in the panel: open it from a dashboard session, and
send a page's form back as it was filled in."""

from datetime import timedelta
from html.parser import HTMLParser

from httpx import AsyncClient, Response
from sqlmodel.ext.asyncio.session import AsyncSession

from app import crud
from app.admin_db.access import HANDOFF_PATH
from app.api.cookies import REFRESH_COOKIE, REFRESH_COOKIE_PATH
from app.models import User
from tests.factories import create_user


async def dashboard_session(db: AsyncSession, user: User) -> tuple[str, str]:
    """A stored login of `user`: its id and its refresh token."""
    auth_session, refresh_token = await crud.create_auth_session(
        session=db, user_id=user.id, lifetime=timedelta(days=1), user_agent=None, ip_address=None
    )
    await db.commit()
    return str(auth_session.id), refresh_token


def hold_refresh_cookie(client: AsyncClient, refresh_token: str) -> None:
    client.cookies.set(REFRESH_COOKIE, refresh_token, domain="test.local", path=REFRESH_COOKIE_PATH)


async def enter_panel(client: AsyncClient, db: AsyncSession, user: User) -> Response:
    """What a browser does when `user`, logged in to the dashboard, opens the panel."""
    _session_id, refresh_token = await dashboard_session(db, user)
    hold_refresh_cookie(client, refresh_token)
    return await client.get(HANDOFF_PATH)


async def superuser_in_panel(client: AsyncClient, db: AsyncSession) -> User:
    """A new superuser, with the panel open in `client`."""
    user = await create_user(db=db, is_superuser=True)
    assert (await enter_panel(client, db, user)).status_code == 200
    return user


class FormFields(HTMLParser):
    """The named fields of a page's form, with their values, as a browser sends them."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        name = found.get("name")
        if tag == "input" and name and found.get("type") not in ("submit", "button"):
            if found.get("type") == "checkbox":
                if "checked" in found:
                    self.fields[name] = found.get("value") or "y"
            else:
                self.fields[name] = found.get("value") or ""
        if tag == "textarea" and name:
            self._textarea = name
            self.fields[name] = ""

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.fields[self._textarea] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._textarea = None


def form_fields(html: str) -> dict[str, str]:
    parser = FormFields()
    parser.feed(html)
    return parser.fields
