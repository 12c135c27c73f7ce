"""Who gets into the database admin panel: superusers with a live dashboard
session, through that session only."""

import uuid
from enum import Enum

import pytest
from httpx import AsyncClient
from sqlmodel.ext.asyncio.session import AsyncSession

from app import crud
from app.admin_db.access import HANDOFF_PATH, PANEL_COOKIE
from app.auth import issue_access_token
from app.core.config import settings
from tests.admin_db.browser import dashboard_session, enter_panel, hold_refresh_cookie
from tests.factories import create_user

PANEL = "/admin-db/"


class Caller(Enum):
    ANONYMOUS = "no dashboard session"
    REVOKED = "a logged-out dashboard session"
    ROTATED = "a refresh token already exchanged"
    DEACTIVATED_SUPERUSER = "a deactivated superuser"
    USER = "a normal user"
    SUPERUSER = "a superuser"


EXPECTED = {
    Caller.ANONYMOUS: 401,
    Caller.REVOKED: 401,
    Caller.ROTATED: 401,
    Caller.DEACTIVATED_SUPERUSER: 401,
    Caller.USER: 403,
    Caller.SUPERUSER: 200,
}


async def arrange(caller: Caller, client: AsyncClient, db: AsyncSession) -> None:
    if caller is Caller.ANONYMOUS:
        return
    user = await create_user(
        db=db,
        is_superuser=caller is not Caller.USER,
        is_active=caller is not Caller.DEACTIVATED_SUPERUSER,
    )
    session_id, refresh_token = await dashboard_session(db, user)
    if caller is Caller.REVOKED:
        await crud.revoke_sessions(session=db, user_id=user.id)
        await db.commit()
    if caller is Caller.ROTATED:
        stored = await crud.find_refresh_token(session=db, token=refresh_token)
        assert stored is not None
        await crud.rotate_refresh_token(session=db, old=stored[0])
        await db.commit()
    assert session_id
    hold_refresh_cookie(client, refresh_token)


class TestOpeningThePanel:
    @pytest.mark.parametrize("caller", list(Caller), ids=lambda caller: caller.value)
    async def test_only_a_superusers_live_session_opens_it(
        self, panel: AsyncClient, db: AsyncSession, caller: Caller
    ) -> None:
        await arrange(caller, panel, db)
        response = await panel.get(HANDOFF_PATH)
        assert response.status_code == EXPECTED[caller]
        if caller is Caller.SUPERUSER:
            # A page that moves on by itself (see app/admin_db/access.py for why not a redirect).
            assert f'<meta http-equiv="refresh" content="0;url={PANEL}">' in response.text
            assert (await panel.get(PANEL)).status_code == 200
        else:
            assert PANEL_COOKIE not in response.headers.get("set-cookie", "")

    async def test_the_panels_cookie_is_scoped_strict_and_hidden_from_scripts(
        self, panel: AsyncClient, db: AsyncSession
    ) -> None:
        response = await enter_panel(panel, db, await create_user(db=db, is_superuser=True))
        cookie = response.headers["set-cookie"].lower()
        assert cookie.startswith(f"{PANEL_COOKIE}=")
        assert "path=/admin-db" in cookie
        assert "httponly" in cookie
        assert "samesite=strict" in cookie

    async def test_without_the_panels_cookie_a_page_sends_the_browser_to_the_session_check(
        self, panel: AsyncClient
    ) -> None:
        response = await panel.get("/admin-db/user/list")
        assert response.status_code == 302
        assert response.headers["location"] == HANDOFF_PATH

    async def test_it_has_no_login_form_of_its_own(self, panel: AsyncClient) -> None:
        response = await panel.get("/admin-db/login")
        assert response.status_code == 302
        assert response.headers["location"] == HANDOFF_PATH
        posted = await panel.post("/admin-db/login", data={"username": "a", "password": "b"})
        assert posted.status_code == 405

    async def test_an_access_token_is_no_panel_cookie(
        self, panel: AsyncClient, db: AsyncSession
    ) -> None:
        user = await create_user(db=db, is_superuser=True)
        await enter_panel(panel, db, user)
        assert (await panel.get(PANEL)).status_code == 200
        session_id, _refresh = await dashboard_session(db, user)
        access_token = issue_access_token(user.id, uuid.UUID(session_id))
        panel.cookies.set(PANEL_COOKIE, access_token, domain="test.local", path="/admin-db")
        assert (await panel.get(PANEL)).status_code == 302


class TestLosingAccess:
    async def test_leaving_the_panel_forgets_its_cookie_and_keeps_the_dashboard_session(
        self, panel: AsyncClient, db: AsyncSession
    ) -> None:
        user = await create_user(db=db, is_superuser=True)
        await enter_panel(panel, db, user)
        response = await panel.get("/admin-db/logout")
        assert response.status_code == 302
        assert response.headers["location"] == settings.FRONTEND_HOST
        assert (await panel.get(PANEL)).status_code == 302
        assert (await panel.get(HANDOFF_PATH)).status_code == 200

    async def test_logging_out_of_the_dashboard_closes_the_panel(
        self, panel: AsyncClient, db: AsyncSession
    ) -> None:
        user = await create_user(db=db, is_superuser=True)
        await enter_panel(panel, db, user)
        await crud.revoke_sessions(session=db, user_id=user.id)
        await db.commit()
        response = await panel.get(PANEL)
        assert response.status_code == 302
        assert (await panel.get(HANDOFF_PATH)).status_code == 401

    async def test_a_superuser_demoted_meanwhile_is_refused(
        self, panel: AsyncClient, db: AsyncSession
    ) -> None:
        user = await create_user(db=db, is_superuser=True)
        await enter_panel(panel, db, user)
        await crud.update_user(session=db, user=user, changes={"is_superuser": False})
        await db.commit()
        assert (await panel.get(PANEL)).status_code == 403
        assert (await panel.get("/admin-db/user/list")).status_code == 403
