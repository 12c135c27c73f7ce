"""What the dashboard reads from one's list of organizations to decide what
to offer: with organizations off, no switcher, no organization page."""

import pytest
from httpx import AsyncClient
from sqlmodel.ext.asyncio.session import AsyncSession

from app.core.config import settings
from tests.factories import auth_headers, create_user

API = settings.API_V1_STR


@pytest.mark.parametrize("enabled", [True, False])
async def test_the_list_says_whether_organizations_can_be_managed(
    client: AsyncClient, db: AsyncSession, monkeypatch: pytest.MonkeyPatch, enabled: bool
) -> None:
    monkeypatch.setattr(settings, "ORGANIZATIONS_ENABLED", enabled)
    headers = await auth_headers(db=db, user=await create_user(db=db))

    body = (await client.get(f"{API}/orgs/", headers=headers)).json()

    assert body["manageable"] is enabled
    assert [organization["personal"] for organization in body["data"]] == [True]
