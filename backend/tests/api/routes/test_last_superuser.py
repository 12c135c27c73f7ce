"""The last active superuser can be neither demoted, deactivated nor deleted,
by any route and by no race: someone must always be able to manage the app."""

import asyncio

import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import col, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from app.core.config import settings
from app.models import User
from tests.factories import auth_headers, create_user

API = settings.API_V1_STR
LAST = "last active superuser"


async def superuser(db: AsyncSession) -> tuple[User, dict[str, str]]:
    user = await create_user(db=db, is_superuser=True)
    return user, await auth_headers(db=db, user=user)


async def active_superusers(db: AsyncSession) -> int:
    query = select(func.count()).where(
        col(User.is_superuser).is_(True), col(User.is_active).is_(True)
    )
    return (await db.exec(query)).one()


@pytest.mark.parametrize("change", [{"is_superuser": False}, {"is_active": False}])
async def test_the_last_active_superuser_cannot_demote_or_deactivate_themself(
    client: AsyncClient, db: AsyncSession, change: dict[str, bool]
) -> None:
    admin, headers = await superuser(db)
    response = await client.patch(f"{API}/users/{admin.id}", headers=headers, json=change)
    assert response.status_code == 409
    assert LAST in response.json()["detail"]
    assert await active_superusers(db) == 1


async def test_an_inactive_superuser_does_not_count_as_another_one(
    client: AsyncClient, db: AsyncSession
) -> None:
    admin, headers = await superuser(db)
    await create_user(db=db, is_superuser=True, is_active=False)
    response = await client.patch(
        f"{API}/users/{admin.id}", headers=headers, json={"is_superuser": False}
    )
    assert response.status_code == 409


@pytest.mark.parametrize("change", [{"is_superuser": False}, {"is_active": False}])
async def test_a_superuser_can_be_demoted_or_deactivated_while_another_remains(
    client: AsyncClient, db: AsyncSession, change: dict[str, bool]
) -> None:
    _admin, headers = await superuser(db)
    other, _ = await superuser(db)
    response = await client.patch(f"{API}/users/{other.id}", headers=headers, json=change)
    assert response.status_code == 200
    assert await active_superusers(db) == 1


async def test_a_superuser_can_delete_another_superuser_while_one_remains(
    client: AsyncClient, db: AsyncSession
) -> None:
    _admin, headers = await superuser(db)
    other, _ = await superuser(db)
    response = await client.delete(f"{API}/users/{other.id}", headers=headers)
    assert response.status_code == 200
    assert await active_superusers(db) == 1


async def test_changes_to_ordinary_users_are_not_held_back(
    client: AsyncClient, db: AsyncSession
) -> None:
    _admin, headers = await superuser(db)
    user = await create_user(db=db)
    response = await client.patch(
        f"{API}/users/{user.id}", headers=headers, json={"is_active": False}
    )
    assert response.status_code == 200


@pytest.mark.parametrize("method", ["demote", "deactivate", "delete"])
async def test_two_superusers_removing_each_other_at_once_leave_one(
    live_client: AsyncClient, engine: AsyncEngine, method: str
) -> None:
    async with AsyncSession(engine, expire_on_commit=False) as db:
        first, first_headers = await superuser(db)
        second, second_headers = await superuser(db)

    async def remove(target: User, headers: dict[str, str]) -> int:
        url = f"{API}/users/{target.id}"
        if method == "delete":
            return (await live_client.delete(url, headers=headers)).status_code
        change = {"is_superuser": False} if method == "demote" else {"is_active": False}
        return (await live_client.patch(url, headers=headers, json=change)).status_code

    statuses = await asyncio.gather(remove(second, first_headers), remove(first, second_headers))

    assert statuses.count(200) == 1
    # The loser was refused, or found itself removed already.
    assert set(statuses) - {200} <= {401, 403, 409}
    async with AsyncSession(engine) as db:
        assert await active_superusers(db) == 1


async def test_the_users_list_says_how_many_active_superusers_there_are(
    client: AsyncClient, db: AsyncSession
) -> None:
    _admin, headers = await superuser(db)
    other, _ = await superuser(db)
    await create_user(db=db, is_superuser=True, is_active=False)
    await create_user(db=db)
    listed = await client.get(f"{API}/users/", headers=headers)
    assert listed.json()["active_superusers"] == 2
    await client.patch(f"{API}/users/{other.id}", headers=headers, json={"is_superuser": False})
    listed = await client.get(f"{API}/users/", headers=headers)
    assert listed.json()["active_superusers"] == 1


async def test_the_count_covers_every_page_of_the_list(
    client: AsyncClient, db: AsyncSession
) -> None:
    _admin, headers = await superuser(db)
    await superuser(db)
    page = await client.get(f"{API}/users/", headers=headers, params={"skip": 0, "limit": 1})
    assert len(page.json()["data"]) == 1
    assert page.json()["active_superusers"] == 2
