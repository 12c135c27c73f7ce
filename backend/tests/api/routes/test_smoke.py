from httpx import AsyncClient
from sqlmodel.ext.asyncio.session import AsyncSession

from tests.factories import create_user, login


async def test_login_then_read_me(client: AsyncClient, db: AsyncSession) -> None:
    user = await create_user(db=db)
    headers = await login(client, email=user.email)
    response = await client.get("/api/v1/users/me", headers=headers)
    assert response.status_code == 200
    assert response.json()["email"] == user.email
