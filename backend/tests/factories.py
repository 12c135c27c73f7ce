"""Keyword-only creators with sensible defaults."""

import os
import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from functools import cache
from pathlib import Path

import psycopg
from httpx import AsyncClient, Response
from sqlmodel.ext.asyncio.session import AsyncSession

from app import crud
from app.auth import issue_access_token
from app.core.config import settings
from app.core.passwords import password_hash
from app.models import (
    # region capability: items
    Item,
    ItemCreate,
    # endregion capability: items
    User,
)

# region capability: organizations
from app.organizations import crud as organizations_crud
from app.organizations.models import Membership, Organization, OrganizationRole
from app.organizations.permissions import BuiltInRole

# endregion capability: organizations

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


# region capability: items
async def create_item(
    *,
    db: AsyncSession,
    owner: User,
    organization: Organization | None = None,
    title: str = "An item",
    description: str | None = None,
) -> Item:
    """An item created by `owner`, in `organization` (their personal one by default)."""
    organization = organization or await personal_organization(db=db, user=owner)
    item = await crud.create_item(
        session=db,
        organization_id=organization.id,
        owner_id=owner.id,
        body=ItemCreate(title=title, description=description),
    )
    await db.commit()
    return item


# endregion capability: items
# region capability: organizations
async def personal_organization(*, db: AsyncSession, user: User) -> Organization:
    organization = await organizations_crud.get_personal_organization(session=db, user_id=user.id)
    assert organization is not None, "every user has a personal organization"
    return organization


async def create_organization(
    *,
    db: AsyncSession,
    owner: User,
    name: str = "Acme",
    members: dict[BuiltInRole, list[User]] | None = None,
) -> Organization:
    """An organization owned by `owner`, with `members` in the given roles."""
    organization = await organizations_crud.create_organization(session=db, owner=owner, name=name)
    for role, users in (members or {}).items():
        for user in users:
            await add_member(db=db, organization=organization, user=user, role=role)
    await db.commit()
    return organization


async def add_member(
    *,
    db: AsyncSession,
    organization: Organization,
    user: User,
    role: BuiltInRole | None = BuiltInRole.MEMBER,
    custom_role: OrganizationRole | None = None,
) -> Membership:
    membership = await organizations_crud.add_member(
        session=db,
        organization_id=organization.id,
        user_id=user.id,
        role=role.value if role is not None and custom_role is None else None,
        role_id=custom_role.id if custom_role is not None else None,
    )
    await db.commit()
    return membership


# endregion capability: organizations


async def login(
    client: AsyncClient, *, email: str, password: str = DEFAULT_PASSWORD
) -> dict[str, str]:
    """Log in through the API; returns the Authorization header."""
    response = await client.post(
        "/api/v1/login/access-token", data={"username": email, "password": password}
    )
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


async def auth_headers(*, db: AsyncSession, user: User) -> dict[str, str]:
    """A bearer header for `user` from a freshly stored session, skipping the
    password check: arranging a caller then costs no Argon2 hash."""
    auth_session, _refresh = await crud.create_auth_session(
        session=db,
        user_id=user.id,
        lifetime=timedelta(days=1),
        user_agent=None,
        ip_address=None,
    )
    await db.commit()
    return {"Authorization": f"Bearer {issue_access_token(user.id, auth_session.id)}"}


def token_in_link(html: str, path: str) -> str:
    """The token of the first `{FRONTEND_HOST}{path}?token=...` link in an email."""
    prefix = re.escape(f"{settings.FRONTEND_HOST.rstrip('/')}{path}?token=")
    found = re.search(prefix + r"([A-Za-z0-9_\-]+)", html)
    assert found is not None, f"no {path} link in the email"
    return found.group(1)


@contextmanager
def fresh_database(directory: Path) -> Iterator[str]:
    """An empty database of the engine under test (TEST_DATABASE), dropped
    afterwards; for tests that need their own schema or real commits."""
    admin_url = os.environ.get("TEST_DATABASE", "sqlite")
    if admin_url == "sqlite":
        yield f"sqlite:///{directory / f'fresh-{secrets.token_hex(4)}.db'}"
        return
    name = f"fresh_{secrets.token_hex(6)}"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{admin_url.rsplit('/', 1)[0]}/{name}"
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


async def login_response(
    client: AsyncClient,
    *,
    email: str,
    password: str = DEFAULT_PASSWORD,
    user_agent: str = "pytest",
    include_refresh_token: bool = False,
) -> Response:
    return await client.post(
        "/api/v1/login/access-token",
        params={"include_refresh_token": "true"} if include_refresh_token else None,
        data={"username": email, "password": password},
        headers={"User-Agent": user_agent},
    )


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
