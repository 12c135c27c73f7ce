"""Every change to an organization, its members, roles and invitations made
through the API leaves one entry in the audit log naming who did it, in which
organization and to whom (or to what). Its Owners and Admins read it in the
organization's log; another organization's log never shows it."""

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import pytest
from httpx import AsyncClient
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from app.core.config import settings
from app.models import AuditAction, AuditLog, User
from tests.factories import auth_headers
from tests.organizations.world import World, build_world

API = settings.API_V1_STR


@dataclass(frozen=True)
class Done:
    """What an action did: who, in which organization, to whom or to what,
    and who may read it in that organization's log (nobody once it is gone:
    superusers still read it in the whole log)."""

    actor: User
    organization_id: uuid.UUID
    target_user_id: uuid.UUID | None = None
    detail: str | None = None
    readers: tuple[User, ...] = ()


Act = Callable[[AsyncClient, AsyncSession, World], Awaitable[Done]]


def alpha(world: World, rest: str) -> str:
    return f"{API}/orgs/{world.alpha.id}{rest}"


def managers(world: World) -> tuple[User, ...]:
    return (world.users["owner"], world.users["admin"])


async def change_a_role(client: AsyncClient, db: AsyncSession, world: World) -> Done:
    member = world.users["member"]
    response = await client.patch(
        alpha(world, f"/members/{member.id}"),
        headers=await world.headers(db, "admin"),
        json={"role": "viewer"},
    )
    assert response.status_code == 200, response.text
    return Done(world.users["admin"], world.alpha.id, member.id, readers=managers(world))


async def remove_a_member(client: AsyncClient, db: AsyncSession, world: World) -> Done:
    member = world.users["member"]
    response = await client.delete(
        alpha(world, f"/members/{member.id}"), headers=await world.headers(db, "admin")
    )
    assert response.status_code == 200, response.text
    return Done(world.users["admin"], world.alpha.id, member.id, readers=managers(world))


async def leave(client: AsyncClient, db: AsyncSession, world: World) -> Done:
    member = world.users["member"]
    response = await client.delete(
        alpha(world, "/members/me"), headers=await world.headers(db, "member")
    )
    assert response.status_code == 200, response.text
    return Done(member, world.alpha.id, member.id, readers=managers(world))


async def transfer_ownership(client: AsyncClient, db: AsyncSession, world: World) -> Done:
    admin = world.users["admin"]
    response = await client.post(
        alpha(world, "/transfer-ownership"),
        headers=await world.headers(db, "owner"),
        json={"user_id": str(admin.id)},
    )
    assert response.status_code == 200, response.text
    return Done(world.users["owner"], world.alpha.id, admin.id, readers=managers(world))


async def create_a_role(client: AsyncClient, db: AsyncSession, world: World) -> Done:
    response = await client.post(
        alpha(world, "/roles/"),
        headers=await world.headers(db, "admin"),
        json={"name": "Reviewers", "permissions": ["members:read"]},
    )
    assert response.status_code == 200, response.text
    return Done(world.users["admin"], world.alpha.id, detail="Reviewers", readers=managers(world))


async def update_a_role(client: AsyncClient, db: AsyncSession, world: World) -> Done:
    response = await client.patch(
        alpha(world, f"/roles/{world.role.id}"),
        headers=await world.headers(db, "admin"),
        json={"name": "Readers", "permissions": ["members:read", "audit:read"]},
    )
    assert response.status_code == 200, response.text
    return Done(world.users["admin"], world.alpha.id, detail="Readers", readers=managers(world))


async def delete_a_role(client: AsyncClient, db: AsyncSession, world: World) -> Done:
    response = await client.delete(
        alpha(world, f"/roles/{world.role.id}"), headers=await world.headers(db, "admin")
    )
    assert response.status_code == 200, response.text
    return Done(world.users["admin"], world.alpha.id, detail="Auditors", readers=managers(world))


async def revoke_an_invitation(client: AsyncClient, db: AsyncSession, world: World) -> Done:
    response = await client.delete(
        alpha(world, f"/invitations/{world.invitation.id}"),
        headers=await world.headers(db, "admin"),
    )
    assert response.status_code == 200, response.text
    return Done(
        world.users["admin"],
        world.alpha.id,
        detail=world.invitation.email,
        readers=managers(world),
    )


async def create_an_organization(client: AsyncClient, db: AsyncSession, world: World) -> Done:
    founder = world.users["member"]
    response = await client.post(
        f"{API}/orgs/", headers=await world.headers(db, "member"), json={"name": "Charlie"}
    )
    assert response.status_code == 200, response.text
    created = uuid.UUID(response.json()["id"])
    return Done(founder, created, detail="Charlie", readers=(founder,))


async def delete_the_organization(client: AsyncClient, db: AsyncSession, world: World) -> Done:
    response = await client.request(
        "DELETE",
        alpha(world, ""),
        headers=await world.headers(db, "owner"),
        json={"confirmation": world.alpha.slug},
    )
    assert response.status_code == 200, response.text
    return Done(world.users["owner"], world.alpha.id, detail=world.alpha.name)


ACTIONS: dict[AuditAction, Act] = {
    "member_role_changed": change_a_role,
    "member_removed": remove_a_member,
    "member_left": leave,
    "ownership_transferred": transfer_ownership,
    "role_created": create_a_role,
    "role_updated": update_a_role,
    "role_deleted": delete_a_role,
    "invitation_revoked": revoke_an_invitation,
    "organization_created": create_an_organization,
    "organization_deleted": delete_the_organization,
}


@pytest.mark.parametrize("action", ACTIONS)
async def test_the_change_is_recorded_once_with_its_actor_organization_and_target(
    client: AsyncClient, db: AsyncSession, action: AuditAction
) -> None:
    world = await build_world(db)
    done = await ACTIONS[action](client, db, world)

    (entry,) = (await db.exec(select(AuditLog).where(AuditLog.action == action))).all()
    assert (entry.actor_id, entry.actor_email) == (done.actor.id, done.actor.email)
    assert entry.organization_id == done.organization_id
    assert (entry.target_user_id, entry.detail) == (done.target_user_id, done.detail)


@pytest.mark.parametrize("action", ACTIONS)
async def test_its_managers_and_superusers_read_it_and_another_organization_does_not(
    client: AsyncClient, db: AsyncSession, action: AuditAction
) -> None:
    world = await build_world(db)
    done = await ACTIONS[action](client, db, world)

    for reader in done.readers:
        log = await client.get(
            f"{API}/orgs/{done.organization_id}/audit-log",
            params={"action": action},
            headers=await auth_headers(db=db, user=reader),
        )
        assert log.status_code == 200, log.text
        assert [(e["actor_id"], e["organization_id"]) for e in log.json()["data"]] == [
            (str(done.actor.id), str(done.organization_id))
        ]
    whole_log = await client.get(
        f"{API}/audit-log/",
        params={"action": action},
        headers=await world.headers(db, "superuser"),
    )
    assert [e["organization_id"] for e in whole_log.json()["data"]] == [str(done.organization_id)]
    bravo = await client.get(
        f"{API}/orgs/{world.bravo.id}/audit-log",
        params={"action": action},
        headers=await world.headers(db, "outsider"),
    )
    assert bravo.status_code == 200, bravo.text
    assert bravo.json()["data"] == []
