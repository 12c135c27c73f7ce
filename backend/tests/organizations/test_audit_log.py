"""An organization's audit log takes the whole log's filters (user, action,
dates) and, whatever they are, shows only that organization's entries."""

import uuid
from datetime import timedelta

import pytest
from httpx import AsyncClient
from sqlmodel.ext.asyncio.session import AsyncSession

from app import crud
from app.core.config import settings
from app.models import AuditAction, utcnow
from tests.organizations.world import World, build_world

API = settings.API_V1_STR


async def alpha_entries(db: AsyncSession, world: World) -> None:
    """Alpha's Owner renames it and its Admin is given a new role: two
    entries there, beside the one Bravo's owner left in Bravo."""
    owner, admin = world.users["owner"], world.users["admin"]
    entries: tuple[tuple[AuditAction, uuid.UUID | None], ...] = (
        ("organization_updated", None),
        ("member_role_changed", admin.id),
    )
    for action, target in entries:
        await crud.record_audit(
            session=db,
            action=action,
            actor=owner,
            target_user_id=target,
            organization_id=world.alpha.id,
        )
    await db.commit()


def filters(world: World) -> dict[str, dict[str, str]]:
    now = utcnow()
    return {
        "none": {},
        "Bravo's owner by address": {"email": world.users["outsider"].email},
        "Bravo's owner by id": {"user_id": str(world.users["outsider"].id)},
        "an action both have": {"action": "organization_updated"},
        "a date range around both": {
            "since": (now - timedelta(days=1)).isoformat(),
            "before": (now + timedelta(days=1)).isoformat(),
        },
    }


FILTERS = (
    "none",
    "Bravo's owner by address",
    "Bravo's owner by id",
    "an action both have",
    "a date range around both",
)


@pytest.mark.parametrize("name", FILTERS)
async def test_filtered_entries_stay_within_the_organization(
    client: AsyncClient, db: AsyncSession, name: str
) -> None:
    world = await build_world(db)
    await alpha_entries(db, world)
    response = await client.get(
        f"{API}/orgs/{world.alpha.id}/audit-log",
        params=filters(world)[name],
        headers=await world.headers(db, "owner"),
    )
    assert response.status_code == 200
    body = response.json()
    assert {entry["organization_id"] for entry in body["data"]} <= {str(world.alpha.id)}
    assert body["count"] == len(body["data"])
    for marker in world.bravo_markers:
        assert marker not in response.text


async def test_each_filter_narrows_the_organization_entries(
    client: AsyncClient, db: AsyncSession
) -> None:
    world = await build_world(db)
    await alpha_entries(db, world)
    headers = await world.headers(db, "admin")
    url = f"{API}/orgs/{world.alpha.id}/audit-log"

    async def actions(**params: str) -> list[str]:
        body = (await client.get(url, params=params, headers=headers)).json()
        return sorted(entry["action"] for entry in body["data"])

    assert await actions(action="member_role_changed") == ["member_role_changed"]
    assert await actions(email=world.users["admin"].email) == ["member_role_changed"]
    assert await actions(user_id=str(world.users["owner"].id)) == [
        "member_role_changed",
        "organization_updated",
    ]
    assert await actions(since=(utcnow() + timedelta(hours=1)).isoformat()) == []
    assert await actions(email=world.users["outsider"].email) == []


async def test_a_range_that_ends_before_it_starts_is_refused(
    client: AsyncClient, db: AsyncSession
) -> None:
    world = await build_world(db)
    now = utcnow()
    response = await client.get(
        f"{API}/orgs/{world.alpha.id}/audit-log",
        params={"since": now.isoformat(), "before": (now - timedelta(days=1)).isoformat()},
        headers=await world.headers(db, "owner"),
    )
    assert response.status_code == 422
    assert "The end of the date range must come after its start" in response.text


async def test_the_user_filter_offers_only_addresses_the_organization_entries_name(
    client: AsyncClient, db: AsyncSession
) -> None:
    world = await build_world(db)
    await alpha_entries(db, world)
    response = await client.get(
        f"{API}/orgs/{world.alpha.id}/audit-log/emails", headers=await world.headers(db, "owner")
    )
    assert response.status_code == 200
    assert response.json()["data"] == sorted(
        [world.users["owner"].email, world.users["admin"].email]
    )
