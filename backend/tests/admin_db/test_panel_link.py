"""GET /admin-panel/: the dashboard's link to the database admin panel, for
superusers, which says whether the panel is served and where it opens."""

import pytest
from httpx import AsyncClient
from sqlmodel.ext.asyncio.session import AsyncSession

from app.admin_db.access import HANDOFF_PATH
from app.core.config import settings
from tests.factories import auth_headers, create_user

LINK = f"{settings.API_V1_STR}/admin-panel/"


async def test_a_superuser_is_told_where_the_panel_opens(
    client: AsyncClient, db: AsyncSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(settings, "ADMIN_DB_ENABLED", True)
    superuser = await create_user(db=db, is_superuser=True)
    response = await client.get(LINK, headers=await auth_headers(db=db, user=superuser))
    assert response.status_code == 200
    assert response.json() == {"enabled": True, "path": HANDOFF_PATH}


async def test_with_the_panel_switched_off_there_is_nothing_to_open(
    client: AsyncClient, db: AsyncSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(settings, "ADMIN_DB_ENABLED", False)
    superuser = await create_user(db=db, is_superuser=True)
    response = await client.get(LINK, headers=await auth_headers(db=db, user=superuser))
    assert response.status_code == 200
    assert response.json() == {"enabled": False, "path": None}


async def test_a_normal_user_is_refused(client: AsyncClient, db: AsyncSession) -> None:
    user = await create_user(db=db)
    response = await client.get(LINK, headers=await auth_headers(db=db, user=user))
    assert response.status_code == 403
    assert "path" not in response.json()


async def test_a_visitor_must_log_in(client: AsyncClient) -> None:
    response = await client.get(LINK)
    assert response.status_code == 401
