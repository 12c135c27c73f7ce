"""The items contract: an organization's members all read its items, change
and delete their own; items:admin (Admins, Owners) and superusers change
anybody's; nobody outside sees them. The full grid of roles and routes is
tests/organizations/test_authorization_matrix.py."""

import json
import uuid
from datetime import timedelta

import pytest
from httpx import AsyncClient
from sqlmodel.ext.asyncio.session import AsyncSession

from app.core.config import settings
from app.models import Item, ItemsPublic, User, utcnow
from app.organizations.models import Organization
from app.organizations.permissions import BuiltInRole
from tests.factories import (
    add_member,
    auth_headers,
    create_item,
    create_user,
    personal_organization,
)

API = settings.API_V1_STR
ITEM_PUBLIC_FIELDS = {
    "id",
    "title",
    "description",
    "organization_id",
    "owner_id",
    "owner_email",
    "created_at",
}


def items_url(organization: Organization, rest: object = "") -> str:
    return f"{API}/orgs/{organization.id}/items/{rest}"


async def caller(
    db: AsyncSession, *, is_superuser: bool = False
) -> tuple[User, dict[str, str], Organization]:
    """A user, their bearer header and their personal organization."""
    user = await create_user(db=db, is_superuser=is_superuser)
    headers = await auth_headers(db=db, user=user)
    return user, headers, await personal_organization(db=db, user=user)


async def someone_elses_item(db: AsyncSession, *, title: str = "Theirs") -> Item:
    """An item in another user's personal organization."""
    return await create_item(db=db, owner=await create_user(db=db), title=title)


async def colleagues(
    db: AsyncSession, role: BuiltInRole = BuiltInRole.MEMBER
) -> tuple[dict[str, str], Item, Organization]:
    """A caller with `role` in an organization where someone else created an item."""
    owner = await create_user(db=db)
    organization = await personal_organization(db=db, user=owner)
    caller_user = await create_user(db=db)
    await add_member(db=db, organization=organization, user=caller_user, role=role)
    item = await create_item(db=db, owner=owner, title="Theirs")
    return await auth_headers(db=db, user=caller_user), item, organization


async def items_created_in_order(db: AsyncSession, owner: User, count: int) -> list[Item]:
    """Items with distinct creation times, oldest first."""
    start = utcnow() - timedelta(hours=1)
    items = []
    for index in range(count):
        item = await create_item(db=db, owner=owner, title=f"item {index}")
        item.created_at = start + timedelta(minutes=index)
        items.append(item)
    await db.commit()
    return items


class TestReadItems:
    async def test_member_sees_the_organizations_items_and_no_other(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user, headers, org = await caller(db)
        mine = await create_item(db=db, owner=user)
        await someone_elses_item(db)
        response = await client.get(items_url(org), headers=headers)
        assert response.status_code == 200
        body = response.json()
        assert body["count"] == 1
        assert [i["id"] for i in body["data"]] == [str(mine.id)]
        assert set(body["data"][0]) == ITEM_PUBLIC_FIELDS
        assert body["data"][0]["organization_id"] == str(org.id)

    async def test_members_see_each_others_items_with_their_creators(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        headers, theirs, org = await colleagues(db, BuiltInRole.VIEWER)
        body = (await client.get(items_url(org), headers=headers)).json()
        assert [(i["id"], i["owner_id"]) for i in body["data"]] == [
            (str(theirs.id), str(theirs.owner_id))
        ]

    async def test_superuser_reads_any_organizations_items(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _admin, headers, _org = await caller(db, is_superuser=True)
        other = await create_user(db=db)
        await create_item(db=db, owner=other, title="the other's")
        org = await personal_organization(db=db, user=other)
        body = (await client.get(items_url(org), headers=headers)).json()
        assert [(i["title"], i["owner_email"]) for i in body["data"]] == [
            ("the other's", other.email)
        ]

    async def test_mine_narrows_the_list_to_the_callers_own(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        headers, _theirs, org = await colleagues(db, BuiltInRole.MEMBER)
        created = await client.post(items_url(org), headers=headers, json={"title": "Mine"})
        body = (await client.get(items_url(org, "?mine=true"), headers=headers)).json()
        assert [i["id"] for i in body["data"]] == [created.json()["id"]]
        everyone = (await client.get(items_url(org, "?mine=false"), headers=headers)).json()
        assert everyone["count"] == 2

    async def test_another_organizations_items_are_not_found(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _user, headers, _org = await caller(db)
        theirs = await someone_elses_item(db)
        response = await client.get(f"{API}/orgs/{theirs.organization_id}/items/", headers=headers)
        assert response.status_code == 404
        assert response.json() == {"detail": "Organization not found"}

    async def test_the_page_is_exactly_what_its_declared_model_gives(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user, headers, org = await caller(db)
        await create_item(db=db, owner=user, description=None)
        await create_item(db=db, owner=user, description="with a description")
        response = await client.get(items_url(org), headers=headers)
        as_model = ItemsPublic.model_validate_json(response.content).model_dump_json()
        assert response.json() == json.loads(as_model)
        assert all(set(item) == ITEM_PUBLIC_FIELDS for item in response.json()["data"])
        assert all(item["created_at"].endswith("Z") for item in response.json()["data"])

    async def test_newest_items_come_first(self, client: AsyncClient, db: AsyncSession) -> None:
        user, headers, org = await caller(db)
        items = await items_created_in_order(db, user, 3)
        body = (await client.get(items_url(org), headers=headers)).json()
        assert [i["id"] for i in body["data"]] == [str(i.id) for i in reversed(items)]

    async def test_skip_and_limit_select_a_page_and_count_all(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user, headers, org = await caller(db)
        items = await items_created_in_order(db, user, 5)
        body = (await client.get(items_url(org, "?skip=1&limit=2"), headers=headers)).json()
        assert body["count"] == 5
        assert [i["id"] for i in body["data"]] == [str(items[3].id), str(items[2].id)]

    async def test_a_page_past_the_end_is_empty_but_still_counts(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user, headers, org = await caller(db)
        await items_created_in_order(db, user, 2)
        body = (await client.get(items_url(org, "?skip=10"), headers=headers)).json()
        assert body == {"data": [], "count": 2}

    async def test_user_without_items_gets_an_empty_list(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _user, headers, org = await caller(db)
        await create_item(db=db, owner=await create_user(db=db))
        body = (await client.get(items_url(org), headers=headers)).json()
        assert body == {"data": [], "count": 0}

    @pytest.mark.parametrize("query", ["limit=0", "limit=101", "skip=-1", "limit=ten"])
    async def test_out_of_range_paging_is_a_validation_error(
        self, client: AsyncClient, db: AsyncSession, query: str
    ) -> None:
        _user, headers, org = await caller(db)
        response = await client.get(items_url(org, f"?{query}"), headers=headers)
        assert response.status_code == 422

    async def test_anonymous_caller_is_unauthorized(self, client: AsyncClient) -> None:
        response = await client.get(f"{API}/orgs/{uuid.uuid4()}/items/")
        assert response.status_code == 401


class TestCreateItem:
    async def test_creates_an_item_owned_by_the_caller(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user, headers, org = await caller(db)
        response = await client.post(
            items_url(org), headers=headers, json={"title": "Milk", "description": "2 litres"}
        )
        assert response.status_code == 200
        body = response.json()
        assert set(body) == ITEM_PUBLIC_FIELDS
        assert body["title"] == "Milk"
        assert body["description"] == "2 litres"
        assert body["owner_id"] == str(user.id)
        stored = await db.get(Item, uuid.UUID(body["id"]))
        assert stored is not None
        assert body["created_at"] == stored.created_at.isoformat().replace("+00:00", "Z")

    async def test_description_is_optional(self, client: AsyncClient, db: AsyncSession) -> None:
        _user, headers, org = await caller(db)
        response = await client.post(items_url(org), headers=headers, json={"title": "Eggs"})
        assert response.status_code == 200
        assert response.json()["description"] is None

    async def test_owner_cannot_be_chosen_by_the_caller(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user, headers, org = await caller(db)
        other = await create_user(db=db)
        response = await client.post(
            items_url(org), headers=headers, json={"title": "Mine", "owner_id": str(other.id)}
        )
        assert response.json()["owner_id"] == str(user.id)

    async def test_title_of_255_characters_is_accepted(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _user, headers, org = await caller(db)
        response = await client.post(items_url(org), headers=headers, json={"title": "t" * 255})
        assert response.status_code == 200

    @pytest.mark.parametrize(
        "body",
        [
            {},
            {"title": ""},
            {"title": "t" * 256},
            {"title": "ok", "description": "d" * 256},
            {"title": None},
        ],
        ids=["missing title", "empty title", "long title", "long description", "null title"],
    )
    async def test_invalid_fields_are_a_validation_error(
        self, client: AsyncClient, db: AsyncSession, body: dict[str, object]
    ) -> None:
        _user, headers, org = await caller(db)
        response = await client.post(items_url(org), headers=headers, json=body)
        assert response.status_code == 422

    async def test_anonymous_caller_is_unauthorized(self, client: AsyncClient) -> None:
        response = await client.post(f"{API}/orgs/{uuid.uuid4()}/items/", json={"title": "x"})
        assert response.status_code == 401


class TestReadItem:
    async def test_owner_reads_their_item(self, client: AsyncClient, db: AsyncSession) -> None:
        user, headers, org = await caller(db)
        item = await create_item(db=db, owner=user, title="Kept", description="safe")
        response = await client.get(items_url(org, item.id), headers=headers)
        assert response.status_code == 200
        assert response.json()["title"] == "Kept"
        assert response.json()["description"] == "safe"

    async def test_superuser_reads_anybodys_item(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _admin, headers, _org = await caller(db, is_superuser=True)
        owner = await create_user(db=db)
        item = await create_item(db=db, owner=owner)
        org = await personal_organization(db=db, user=owner)
        response = await client.get(items_url(org, item.id), headers=headers)
        assert response.status_code == 200
        assert response.json()["owner_email"] == owner.email

    async def test_another_organizations_item_is_not_found_from_ones_own(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _user, headers, org = await caller(db)
        item = await someone_elses_item(db)
        response = await client.get(items_url(org, item.id), headers=headers)
        assert response.status_code == 404
        assert response.json() == {"detail": "Item not found"}

    async def test_unknown_item_is_404(self, client: AsyncClient, db: AsyncSession) -> None:
        _user, headers, org = await caller(db)
        response = await client.get(items_url(org, uuid.uuid4()), headers=headers)
        assert response.status_code == 404
        assert response.json() == {"detail": "Item not found"}

    async def test_malformed_id_is_a_validation_error(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _user, headers, org = await caller(db)
        response = await client.get(items_url(org, "not-a-uuid"), headers=headers)
        assert response.status_code == 422


class TestUpdateItem:
    async def test_owner_changes_title_and_description(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user, headers, org = await caller(db)
        item = await create_item(db=db, owner=user, title="Old", description="old")
        response = await client.put(
            items_url(org, item.id), headers=headers, json={"title": "New", "description": "new"}
        )
        assert response.status_code == 200
        assert response.json()["title"] == "New"
        assert response.json()["description"] == "new"
        again = await client.get(items_url(org, item.id), headers=headers)
        assert again.json()["title"] == "New"

    async def test_fields_left_out_are_kept(self, client: AsyncClient, db: AsyncSession) -> None:
        user, headers, org = await caller(db)
        item = await create_item(db=db, owner=user, title="Title", description="kept")
        response = await client.put(items_url(org, item.id), headers=headers, json={"title": "T"})
        assert response.json()["description"] == "kept"

    async def test_description_can_be_cleared(self, client: AsyncClient, db: AsyncSession) -> None:
        user, headers, org = await caller(db)
        item = await create_item(db=db, owner=user, description="to clear")
        response = await client.put(
            items_url(org, item.id), headers=headers, json={"description": None}
        )
        assert response.status_code == 200
        assert response.json()["description"] is None

    async def test_null_title_keeps_the_title(self, client: AsyncClient, db: AsyncSession) -> None:
        user, headers, org = await caller(db)
        item = await create_item(db=db, owner=user, title="Stays")
        response = await client.put(items_url(org, item.id), headers=headers, json={"title": None})
        assert response.status_code == 200
        assert response.json()["title"] == "Stays"

    async def test_superuser_changes_anybodys_item(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _admin, headers, _org = await caller(db, is_superuser=True)
        owner = await create_user(db=db)
        item = await create_item(db=db, owner=owner)
        org = await personal_organization(db=db, user=owner)
        response = await client.put(items_url(org, item.id), headers=headers, json={"title": "A"})
        assert response.status_code == 200
        assert response.json()["owner_id"] == str(owner.id)

    async def test_a_members_colleagues_item_is_forbidden_and_unchanged(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        headers, item, org = await colleagues(db, BuiltInRole.MEMBER)
        response = await client.put(
            items_url(org, item.id), headers=headers, json={"title": "Hijacked"}
        )
        assert response.status_code == 403
        await db.refresh(item)
        assert item.title == "Theirs"

    async def test_an_admin_changes_a_colleagues_item(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        headers, item, org = await colleagues(db, BuiltInRole.ADMIN)
        response = await client.put(items_url(org, item.id), headers=headers, json={"title": "B"})
        assert response.status_code == 200
        assert response.json()["owner_id"] == str(item.owner_id)

    async def test_unknown_item_is_404(self, client: AsyncClient, db: AsyncSession) -> None:
        _user, headers, org = await caller(db)
        response = await client.put(
            items_url(org, uuid.uuid4()), headers=headers, json={"title": "x"}
        )
        assert response.status_code == 404

    async def test_malformed_id_is_a_validation_error(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _user, headers, org = await caller(db)
        response = await client.put(items_url(org, "123"), headers=headers, json={"title": "x"})
        assert response.status_code == 422

    async def test_too_long_title_is_a_validation_error(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user, headers, org = await caller(db)
        item = await create_item(db=db, owner=user)
        response = await client.put(
            items_url(org, item.id), headers=headers, json={"title": "t" * 256}
        )
        assert response.status_code == 422


class TestDeleteItem:
    async def test_owner_deletes_their_item(self, client: AsyncClient, db: AsyncSession) -> None:
        user, headers, org = await caller(db)
        item = await create_item(db=db, owner=user)
        response = await client.delete(items_url(org, item.id), headers=headers)
        assert response.status_code == 200
        assert response.json() == {"message": "Item deleted successfully"}
        assert (await client.get(items_url(org, item.id), headers=headers)).status_code == 404

    async def test_superuser_deletes_anybodys_item(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _admin, headers, _org = await caller(db, is_superuser=True)
        item = await someone_elses_item(db)
        response = await client.delete(
            f"{API}/orgs/{item.organization_id}/items/{item.id}", headers=headers
        )
        assert response.status_code == 200

    async def test_a_members_colleagues_item_is_forbidden_and_kept(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        headers, item, org = await colleagues(db, BuiltInRole.MEMBER)
        response = await client.delete(items_url(org, item.id), headers=headers)
        assert response.status_code == 403
        assert await db.get(Item, item.id, populate_existing=True) is not None

    async def test_a_viewer_cannot_delete_items(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        headers, item, org = await colleagues(db, BuiltInRole.VIEWER)
        response = await client.delete(items_url(org, item.id), headers=headers)
        assert response.status_code == 403
        assert "items:delete" in response.json()["detail"]

    async def test_unknown_item_is_404(self, client: AsyncClient, db: AsyncSession) -> None:
        _user, headers, org = await caller(db)
        response = await client.delete(items_url(org, uuid.uuid4()), headers=headers)
        assert response.status_code == 404

    async def test_malformed_id_is_a_validation_error(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _user, headers, org = await caller(db)
        response = await client.delete(items_url(org, "not-a-uuid"), headers=headers)
        assert response.status_code == 422
