"""Keyword-only creators with sensible defaults."""

import secrets
from functools import cache

from httpx import AsyncClient
from sqlmodel.ext.asyncio.session import AsyncSession

from app import crud
from app.core.passwords import password_hash
from app.models import Item, User

DEFAULT_PASSWORD = "correct-horse-battery"


@cache
def hashed_default_password() -> str:
    return password_hash.hash(DEFAULT_PASSWORD)


def random_email() -> str:
    return f"user-{secrets.token_hex(6)}@example.com"


async def create_user(
    *,
    db: AsyncSession,
    email: str | None = None,
    password: str = DEFAULT_PASSWORD,
    full_name: str | None = "Test User",
    is_superuser: bool = False,
    is_active: bool = True,
    is_verified: bool = True,
) -> User:
    hashed = (
        hashed_default_password() if password == DEFAULT_PASSWORD else password_hash.hash(password)
    )
    user = await crud.create_user(
        session=db,
        email=email or random_email(),
        hashed_password=hashed,
        full_name=full_name,
        is_superuser=is_superuser,
        is_active=is_active,
        is_verified=is_verified,
    )
    await db.commit()
    return user


async def create_item(
    *, db: AsyncSession, owner: User, title: str = "An item", description: str | None = None
) -> Item:
    item = await crud.create_item(
        session=db, owner_id=owner.id, title=title, description=description
    )
    await db.commit()
    return item


async def login(
    client: AsyncClient, *, email: str, password: str = DEFAULT_PASSWORD
) -> dict[str, str]:
    """Log in through the API; returns the Authorization header."""
    response = await client.post(
        "/api/v1/login/access-token", data={"username": email, "password": password}
    )
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}
