import pytest
from httpx import AsyncClient
from sqlmodel.ext.asyncio.session import AsyncSession

from app.core.config import settings
from tests.factories import create_user, login


async def test_login_then_read_me(client: AsyncClient, db: AsyncSession) -> None:
    user = await create_user(db=db)
    headers = await login(client, email=user.email)
    response = await client.get("/api/v1/users/me", headers=headers)
    assert response.status_code == 200
    assert response.json()["email"] == user.email


@pytest.mark.whole_app
async def test_the_api_docs_carry_the_project_name(client: AsyncClient) -> None:
    response = await client.get("/api/v1/openapi.json")
    assert response.json()["info"]["title"] == settings.PROJECT_NAME
