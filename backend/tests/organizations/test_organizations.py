"""Organizations and their members: what owners, admins and members may
change, and the rules no permission expresses (the last Owner, personal
organizations, roles no stronger than their maker's)."""

import json
import os
import subprocess
import sys

import pytest
from fastapi.routing import APIRoute
from httpx import AsyncClient
from sqlmodel.ext.asyncio.session import AsyncSession

from app.api.routes import invitations, members, roles
from app.api.routes import organizations as organization_routes
from app.core.config import BACKEND_DIR, Settings, settings
from app.models import (
    # region capability: items
    Item,
    # endregion capability: items
    User,
)
from app.organizations import crud as organizations
from app.organizations.models import Membership, Organization
from app.organizations.permissions import BuiltInRole
from tests.factories import (
    add_member,
    auth_headers,
    # region capability: items
    create_item,
    # endregion capability: items
    create_organization,
    create_user,
    personal_organization,
)

API = settings.API_V1_STR


async def team(db: AsyncSession) -> tuple[Organization, dict[BuiltInRole, User]]:
    """An organization with an Owner, an Admin, a Member and a Viewer."""
    users = {role: await create_user(db=db) for role in BuiltInRole}
    organization = await create_organization(
        db=db,
        owner=users[BuiltInRole.OWNER],
        members={role: [users[role]] for role in BuiltInRole if role != BuiltInRole.OWNER},
    )
    return organization, users


def org_url(organization: Organization, rest: str = "") -> str:
    return f"{API}/orgs/{organization.id}{rest}"


class TestOrganizations:
    async def test_every_user_lists_their_personal_organization_first(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user = await create_user(db=db, full_name="Ada")
        await create_organization(db=db, owner=user, name="Aardvark Club")
        body = (
            await client.get(f"{API}/orgs/", headers=await auth_headers(db=db, user=user))
        ).json()
        assert [(o["name"], o["personal"], o["role"]) for o in body["data"]] == [
            ("Ada's organization", True, "owner"),
            ("Aardvark Club", False, "owner"),
        ]
        assert "organization:delete" in body["data"][0]["permissions"]

    async def test_creating_one_makes_the_caller_its_owner(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        headers = await auth_headers(db=db, user=await create_user(db=db))
        created = await client.post(
            f"{API}/orgs/", headers=headers, json={"name": "  Acme Labs ", "slug": "acme-labs"}
        )
        assert created.status_code == 200
        assert (created.json()["name"], created.json()["slug"]) == ("Acme Labs", "acme-labs")
        assert created.json()["role_name"] == "Owner"
        taken = await client.post(
            f"{API}/orgs/", headers=headers, json={"name": "Other", "slug": "acme-labs"}
        )
        assert taken.status_code == 409

    async def test_a_slug_is_made_from_the_name_when_not_given(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        headers = await auth_headers(db=db, user=await create_user(db=db))
        created = await client.post(f"{API}/orgs/", headers=headers, json={"name": "Café Olé!"})
        assert created.json()["slug"].startswith("caf-ol-")

    async def test_an_owner_renames_it_and_the_log_says_from_what(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        organization, users = await team(db)
        headers = await auth_headers(db=db, user=users[BuiltInRole.OWNER])
        renamed = await client.patch(org_url(organization), headers=headers, json={"name": "New"})
        assert renamed.json()["name"] == "New"
        log = (await client.get(org_url(organization, "/audit-log"), headers=headers)).json()
        assert log["data"][0]["changes"] == [
            {"field": "name", "old": "Acme", "new": "New", "secret": False}
        ]

    async def test_deleting_one_needs_its_slug_typed(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        organization, users = await team(db)
        headers = await auth_headers(db=db, user=users[BuiltInRole.OWNER])
        wrong = await client.request(
            "DELETE", org_url(organization), headers=headers, json={"confirmation": "nope"}
        )
        assert wrong.status_code == 400
        deleted = await client.request(
            "DELETE",
            org_url(organization),
            headers=headers,
            json={"confirmation": organization.slug},
        )
        assert deleted.status_code == 200
        member = await auth_headers(db=db, user=users[BuiltInRole.MEMBER])
        assert (await client.get(org_url(organization), headers=member)).status_code == 404

    # region capability: items
    async def test_deleting_one_takes_its_items(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        organization, users = await team(db)
        item = await create_item(db=db, owner=users[BuiltInRole.MEMBER], organization=organization)
        deleted = await client.request(
            "DELETE",
            org_url(organization),
            headers=await auth_headers(db=db, user=users[BuiltInRole.OWNER]),
            json={"confirmation": organization.slug},
        )
        assert deleted.status_code == 200
        assert await db.get(Item, item.id, populate_existing=True) is None

    # endregion capability: items

    async def test_a_personal_organization_cannot_be_deleted(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user = await create_user(db=db)
        personal = await personal_organization(db=db, user=user)
        response = await client.request(
            "DELETE",
            org_url(personal),
            headers=await auth_headers(db=db, user=user),
            json={"confirmation": personal.slug},
        )
        assert response.status_code == 409

    async def test_its_audit_log_holds_only_its_own_entries(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        organization, users = await team(db)
        other, others = await team(db)
        owner = await auth_headers(db=db, user=users[BuiltInRole.OWNER])
        await client.patch(org_url(organization), headers=owner, json={"name": "Ours"})
        other_owner = await auth_headers(db=db, user=others[BuiltInRole.OWNER])
        await client.patch(org_url(other), headers=other_owner, json={"name": "Theirs"})
        log = (await client.get(org_url(organization, "/audit-log"), headers=owner)).json()
        assert [entry["organization_id"] for entry in log["data"]] == [str(organization.id)]


class TestMembers:
    async def test_a_role_change_counts_from_the_members_next_request(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        organization, users = await team(db)
        viewer = await auth_headers(db=db, user=users[BuiltInRole.VIEWER])
        invitations = org_url(organization, "/invitations/")
        assert (await client.get(invitations, headers=viewer)).status_code == 403
        admin = await auth_headers(db=db, user=users[BuiltInRole.ADMIN])
        changed = await client.patch(
            org_url(organization, f"/members/{users[BuiltInRole.VIEWER].id}"),
            headers=admin,
            json={"role": "admin"},
        )
        assert changed.json()["role_name"] == "Admin"
        assert (await client.get(invitations, headers=viewer)).status_code == 200

    async def test_a_change_made_elsewhere_counts_at_once_as_nothing_is_cached(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        """Another process's change is a committed row: this one reads it on
        the next request."""
        organization, users = await team(db)
        admin = await auth_headers(db=db, user=users[BuiltInRole.ADMIN])
        invitations = org_url(organization, "/invitations/")
        assert (await client.get(invitations, headers=admin)).status_code == 200
        membership = await db.get(Membership, (organization.id, users[BuiltInRole.ADMIN].id))
        assert membership is not None
        membership.role = BuiltInRole.VIEWER.value
        await db.commit()
        assert (await client.get(invitations, headers=admin)).status_code == 403
        await db.delete(membership)
        await db.commit()
        assert (await client.get(invitations, headers=admin)).status_code == 404

    async def test_a_removed_member_loses_access_at_once(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        organization, users = await team(db)
        leaving = users[BuiltInRole.MEMBER]
        member = await auth_headers(db=db, user=leaving)
        assert (await client.get(org_url(organization, "/members/"), headers=member)).is_success
        admin = await auth_headers(db=db, user=users[BuiltInRole.ADMIN])
        removed = await client.delete(
            org_url(organization, f"/members/{leaving.id}"), headers=admin
        )
        assert removed.status_code == 200
        assert (
            await client.get(org_url(organization, "/members/"), headers=member)
        ).status_code == 404
        assert (await client.get(f"{API}/users/me", headers=member)).status_code == 200

    # region capability: items
    async def test_a_removed_member_keeps_their_items(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        organization, users = await team(db)
        leaving = users[BuiltInRole.MEMBER]
        item = await create_item(db=db, owner=leaving, organization=organization)
        admin = await auth_headers(db=db, user=users[BuiltInRole.ADMIN])
        removed = await client.delete(
            org_url(organization, f"/members/{leaving.id}"), headers=admin
        )
        assert removed.status_code == 200
        kept = await client.get(org_url(organization, f"/items/{item.id}"), headers=admin)
        assert kept.json()["owner_id"] == str(leaving.id)

    # endregion capability: items

    async def test_the_last_owner_can_neither_leave_nor_be_demoted(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        organization, users = await team(db)
        owner = await auth_headers(db=db, user=users[BuiltInRole.OWNER])
        left = await client.delete(org_url(organization, "/members/me"), headers=owner)
        assert left.status_code == 409
        demoted = await client.patch(
            org_url(organization, f"/members/{users[BuiltInRole.OWNER].id}"),
            headers=owner,
            json={"role": "admin"},
        )
        assert demoted.status_code == 409
        assert "last Owner" in demoted.json()["detail"]

    async def test_an_admin_can_neither_make_nor_unmake_owners(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        organization, users = await team(db)
        admin = await auth_headers(db=db, user=users[BuiltInRole.ADMIN])
        promote = await client.patch(
            org_url(organization, f"/members/{users[BuiltInRole.MEMBER].id}"),
            headers=admin,
            json={"role": "owner"},
        )
        demote = await client.patch(
            org_url(organization, f"/members/{users[BuiltInRole.OWNER].id}"),
            headers=admin,
            json={"role": "viewer"},
        )
        remove = await client.delete(
            org_url(organization, f"/members/{users[BuiltInRole.OWNER].id}"), headers=admin
        )
        assert [promote.status_code, demote.status_code, remove.status_code] == [403, 403, 403]

    async def test_ownership_goes_only_to_an_admin_and_the_giver_becomes_one(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        organization, users = await team(db)
        owner = await auth_headers(db=db, user=users[BuiltInRole.OWNER])
        url = org_url(organization, "/transfer-ownership")
        to_member = await client.post(
            url, headers=owner, json={"user_id": str(users[BuiltInRole.MEMBER].id)}
        )
        assert to_member.status_code == 409
        to_admin = await client.post(
            url, headers=owner, json={"user_id": str(users[BuiltInRole.ADMIN].id)}
        )
        assert to_admin.status_code == 200
        members = (await client.get(org_url(organization, "/members/"), headers=owner)).json()
        roles = {m["user_id"]: m["role"] for m in members["data"]}
        assert roles[str(users[BuiltInRole.ADMIN].id)] == "owner"
        assert roles[str(users[BuiltInRole.OWNER].id)] == "admin"

    async def test_a_member_leaves(self, client: AsyncClient, db: AsyncSession) -> None:
        organization, users = await team(db)
        member = await auth_headers(db=db, user=users[BuiltInRole.MEMBER])
        assert (
            await client.delete(org_url(organization, "/members/me"), headers=member)
        ).is_success
        assert (await client.get(org_url(organization), headers=member)).status_code == 404


class TestRoles:
    async def test_a_custom_roles_members_get_its_permissions(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        organization, users = await team(db)
        admin = await auth_headers(db=db, user=users[BuiltInRole.ADMIN])
        created = await client.post(
            org_url(organization, "/roles/"),
            headers=admin,
            json={"name": "Auditor", "permissions": ["members:read", "audit:read"]},
        )
        assert created.status_code == 200
        role_id = created.json()["id"]
        viewer = users[BuiltInRole.VIEWER]
        await client.patch(
            org_url(organization, f"/members/{viewer.id}"), headers=admin, json={"role": role_id}
        )
        auditor = await auth_headers(db=db, user=viewer)
        assert (await client.get(org_url(organization, "/audit-log"), headers=auditor)).is_success
        read = (await client.get(org_url(organization), headers=auditor)).json()
        assert (read["role"], read["role_name"]) == (role_id, "Auditor")
        in_use = await client.delete(org_url(organization, f"/roles/{role_id}"), headers=admin)
        assert in_use.status_code == 409

    async def test_a_role_holds_nothing_its_maker_lacks_nor_owner_only_permissions(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        organization, users = await team(db)
        owner = await auth_headers(db=db, user=users[BuiltInRole.OWNER])
        reserved = await client.post(
            org_url(organization, "/roles/"),
            headers=owner,
            json={"name": "Deleter", "permissions": ["organization:delete"]},
        )
        assert reserved.status_code == 400
        custom = await organizations.create_role(
            session=db,
            organization_id=organization.id,
            name="Writers",
            permissions=["members:read", "roles:write"],
        )
        maker = users[BuiltInRole.VIEWER]
        await add_member(db=db, organization=organization, user=await create_user(db=db))
        membership = await db.get(Membership, (organization.id, maker.id))
        assert membership is not None
        membership.role, membership.role_id = None, custom.id
        await db.commit()
        stronger = await client.post(
            org_url(organization, "/roles/"),
            headers=await auth_headers(db=db, user=maker),
            json={"name": "Admins too", "permissions": ["members:write"]},
        )
        assert stronger.status_code == 403

    async def test_built_in_names_are_taken(self, client: AsyncClient, db: AsyncSession) -> None:
        organization, users = await team(db)
        owner = await auth_headers(db=db, user=users[BuiltInRole.OWNER])
        response = await client.post(
            org_url(organization, "/roles/"),
            headers=owner,
            json={"name": "admin", "permissions": []},
        )
        assert response.status_code == 409


@pytest.mark.whole_app
def test_with_organizations_off_only_the_routes_that_manage_them_are_gone() -> None:
    """The list of one's organizations stays, and so does every resource kept
    by organizations, at home in each user's personal organization; the routes
    that manage organizations are gone from the API and its schema."""
    inherited = {k: v for k, v in os.environ.items() if k not in Settings.model_fields}
    script = (
        "import json; from app.main import app; print(json.dumps(sorted("
        "f'{m.upper()} {p}' for p, ops in app.openapi()['paths'].items() for m in ops)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=BACKEND_DIR,
        env={
            **inherited,
            "ENV_FILE": "",
            "ENVIRONMENT": "local",
            "SECRET_KEY": "a-secret-key-for-this-test-only",
            "ORGANIZATIONS_ENABLED": "false",
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    served = set(json.loads(result.stdout.strip().splitlines()[-1]))
    managing = (
        organization_routes.management,
        members.router,
        roles.router,
        invitations.router,
        invitations.accepting,
    )
    management = {
        f"{method} {settings.API_V1_STR}{route.path}"
        for router in managing
        for route in router.routes
        if isinstance(route, APIRoute)
        for method in route.methods or ()
    }
    assert served & management == set()
    assert "GET /api/v1/orgs/" in served
    # region capability: items
    assert "GET /api/v1/orgs/{org_id}/items/" in served
    # endregion capability: items
    assert "POST /api/v1/orgs/" in management


class TestSuperusers:
    async def test_a_superuser_lists_every_organization_and_others_may_not(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        organization, users = await team(db)
        admin = await auth_headers(db=db, user=await create_user(db=db, is_superuser=True))
        listed = await client.get(f"{API}/orgs/all", params={"limit": 100}, headers=admin)
        assert listed.status_code == 200
        assert str(organization.id) in {o["id"] for o in listed.json()["data"]}
        assert listed.json()["count"] >= len(users) + 1
        owner = await auth_headers(db=db, user=users[BuiltInRole.OWNER])
        assert (await client.get(f"{API}/orgs/all", headers=owner)).status_code == 403
