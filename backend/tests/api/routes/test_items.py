"""The items contract: owners see and change their own items, superusers all."""

import json
import uuid
from datetime import timedelta

import pytest
from httpx import AsyncClient
from sqlmodel.ext.asyncio.session import AsyncSession

from app.core.config import settings
from app.models import Item, ItemsPublic, User, utcnow
from tests.factories import auth_headers, create_item, create_user

API = settings.API_V1_STR
ITEM_PUBLIC_FIELDS = {"id", "title", "description", "owner_id", "owner_email", "created_at"}


async def caller(db: AsyncSession, *, is_superuser: bool = False) -> tuple[User, dict[str, str]]:
    user = await create_user(db=db, is_superuser=is_superuser)
    return user, await auth_headers(db=db, user=user)


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
    async def test_user_sees_only_their_own_items(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user, headers = await caller(db)
        mine = await create_item(db=db, owner=user)
        await create_item(db=db, owner=await create_user(db=db))
        response = await client.get(f"{API}/items/", headers=headers)
        assert response.status_code == 200
        body = response.json()
        assert body["count"] == 1
        assert [i["id"] for i in body["data"]] == [str(mine.id)]
        assert set(body["data"][0]) == ITEM_PUBLIC_FIELDS

    async def test_superuser_sees_everybodys_items(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        admin, headers = await caller(db, is_superuser=True)
        await create_item(db=db, owner=admin)
        await create_item(db=db, owner=await create_user(db=db))
        body = (await client.get(f"{API}/items/", headers=headers)).json()
        assert body["count"] == 2
        assert len(body["data"]) == 2

    async def test_each_item_names_its_owners_email(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        admin, headers = await caller(db, is_superuser=True)
        other = await create_user(db=db)
        await create_item(db=db, owner=admin, title="the admin's")
        await create_item(db=db, owner=other, title="the other's")
        body = (await client.get(f"{API}/items/", headers=headers)).json()
        owners = {item["title"]: item["owner_email"] for item in body["data"]}
        assert owners == {"the admin's": admin.email, "the other's": other.email}

    async def test_superuser_asking_for_mine_sees_only_their_own(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        admin, headers = await caller(db, is_superuser=True)
        own = await create_item(db=db, owner=admin)
        await create_item(db=db, owner=await create_user(db=db))
        body = (await client.get(f"{API}/items/?mine=true", headers=headers)).json()
        assert body["count"] == 1
        assert [i["id"] for i in body["data"]] == [str(own.id)]

    async def test_mine_false_still_shows_a_user_only_their_own(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user, headers = await caller(db)
        await create_item(db=db, owner=user)
        await create_item(db=db, owner=await create_user(db=db))
        body = (await client.get(f"{API}/items/?mine=false", headers=headers)).json()
        assert body["count"] == 1

    async def test_the_page_is_exactly_what_its_declared_model_gives(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user, headers = await caller(db)
        await create_item(db=db, owner=user, description=None)
        await create_item(db=db, owner=user, description="with a description")
        response = await client.get(f"{API}/items/", headers=headers)
        as_model = ItemsPublic.model_validate_json(response.content).model_dump_json()
        assert response.json() == json.loads(as_model)
        assert all(set(item) == ITEM_PUBLIC_FIELDS for item in response.json()["data"])
        assert all(item["created_at"].endswith("Z") for item in response.json()["data"])

    async def test_newest_items_come_first(self, client: AsyncClient, db: AsyncSession) -> None:
        user, headers = await caller(db)
        items = await items_created_in_order(db, user, 3)
        body = (await client.get(f"{API}/items/", headers=headers)).json()
        assert [i["id"] for i in body["data"]] == [str(i.id) for i in reversed(items)]

    async def test_skip_and_limit_select_a_page_and_count_all(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user, headers = await caller(db)
        items = await items_created_in_order(db, user, 5)
        body = (await client.get(f"{API}/items/?skip=1&limit=2", headers=headers)).json()
        assert body["count"] == 5
        assert [i["id"] for i in body["data"]] == [str(items[3].id), str(items[2].id)]

    async def test_a_page_past_the_end_is_empty_but_still_counts(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user, headers = await caller(db)
        await items_created_in_order(db, user, 2)
        body = (await client.get(f"{API}/items/?skip=10", headers=headers)).json()
        assert body == {"data": [], "count": 2}

    async def test_user_without_items_gets_an_empty_list(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _user, headers = await caller(db)
        await create_item(db=db, owner=await create_user(db=db))
        body = (await client.get(f"{API}/items/", headers=headers)).json()
        assert body == {"data": [], "count": 0}

    @pytest.mark.parametrize("query", ["limit=0", "limit=101", "skip=-1", "limit=ten"])
    async def test_out_of_range_paging_is_a_validation_error(
        self, client: AsyncClient, db: AsyncSession, query: str
    ) -> None:
        _user, headers = await caller(db)
        response = await client.get(f"{API}/items/?{query}", headers=headers)
        assert response.status_code == 422

    async def test_anonymous_caller_is_unauthorized(self, client: AsyncClient) -> None:
        response = await client.get(f"{API}/items/")
        assert response.status_code == 401


class TestCreateItem:
    async def test_creates_an_item_owned_by_the_caller(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user, headers = await caller(db)
        response = await client.post(
            f"{API}/items/", headers=headers, json={"title": "Milk", "description": "2 litres"}
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
        _user, headers = await caller(db)
        response = await client.post(f"{API}/items/", headers=headers, json={"title": "Eggs"})
        assert response.status_code == 200
        assert response.json()["description"] is None

    async def test_owner_cannot_be_chosen_by_the_caller(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user, headers = await caller(db)
        other = await create_user(db=db)
        response = await client.post(
            f"{API}/items/", headers=headers, json={"title": "Mine", "owner_id": str(other.id)}
        )
        assert response.json()["owner_id"] == str(user.id)

    async def test_title_of_255_characters_is_accepted(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _user, headers = await caller(db)
        response = await client.post(f"{API}/items/", headers=headers, json={"title": "t" * 255})
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
        _user, headers = await caller(db)
        response = await client.post(f"{API}/items/", headers=headers, json=body)
        assert response.status_code == 422

    async def test_anonymous_caller_is_unauthorized(self, client: AsyncClient) -> None:
        response = await client.post(f"{API}/items/", json={"title": "x"})
        assert response.status_code == 401


class TestReadItem:
    async def test_owner_reads_their_item(self, client: AsyncClient, db: AsyncSession) -> None:
        user, headers = await caller(db)
        item = await create_item(db=db, owner=user, title="Kept", description="safe")
        response = await client.get(f"{API}/items/{item.id}", headers=headers)
        assert response.status_code == 200
        assert response.json()["title"] == "Kept"
        assert response.json()["description"] == "safe"

    async def test_superuser_reads_anybodys_item(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _admin, headers = await caller(db, is_superuser=True)
        owner = await create_user(db=db)
        item = await create_item(db=db, owner=owner)
        response = await client.get(f"{API}/items/{item.id}", headers=headers)
        assert response.status_code == 200
        assert response.json()["owner_email"] == owner.email

    async def test_someone_elses_item_is_forbidden(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _user, headers = await caller(db)
        item = await create_item(db=db, owner=await create_user(db=db))
        response = await client.get(f"{API}/items/{item.id}", headers=headers)
        assert response.status_code == 403
        assert response.json() == {"detail": "Not enough permissions"}

    async def test_unknown_item_is_404(self, client: AsyncClient, db: AsyncSession) -> None:
        _user, headers = await caller(db)
        response = await client.get(f"{API}/items/{uuid.uuid4()}", headers=headers)
        assert response.status_code == 404
        assert response.json() == {"detail": "Item not found"}

    async def test_malformed_id_is_a_validation_error(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _user, headers = await caller(db)
        response = await client.get(f"{API}/items/not-a-uuid", headers=headers)
        assert response.status_code == 422


class TestUpdateItem:
    async def test_owner_changes_title_and_description(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user, headers = await caller(db)
        item = await create_item(db=db, owner=user, title="Old", description="old")
        response = await client.put(
            f"{API}/items/{item.id}", headers=headers, json={"title": "New", "description": "new"}
        )
        assert response.status_code == 200
        assert response.json()["title"] == "New"
        assert response.json()["description"] == "new"
        again = await client.get(f"{API}/items/{item.id}", headers=headers)
        assert again.json()["title"] == "New"

    async def test_fields_left_out_are_kept(self, client: AsyncClient, db: AsyncSession) -> None:
        user, headers = await caller(db)
        item = await create_item(db=db, owner=user, title="Title", description="kept")
        response = await client.put(f"{API}/items/{item.id}", headers=headers, json={"title": "T"})
        assert response.json()["description"] == "kept"

    async def test_description_can_be_cleared(self, client: AsyncClient, db: AsyncSession) -> None:
        user, headers = await caller(db)
        item = await create_item(db=db, owner=user, description="to clear")
        response = await client.put(
            f"{API}/items/{item.id}", headers=headers, json={"description": None}
        )
        assert response.status_code == 200
        assert response.json()["description"] is None

    async def test_null_title_keeps_the_title(self, client: AsyncClient, db: AsyncSession) -> None:
        user, headers = await caller(db)
        item = await create_item(db=db, owner=user, title="Stays")
        response = await client.put(f"{API}/items/{item.id}", headers=headers, json={"title": None})
        assert response.status_code == 200
        assert response.json()["title"] == "Stays"

    async def test_superuser_changes_anybodys_item(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _admin, headers = await caller(db, is_superuser=True)
        owner = await create_user(db=db)
        item = await create_item(db=db, owner=owner)
        response = await client.put(f"{API}/items/{item.id}", headers=headers, json={"title": "A"})
        assert response.status_code == 200
        assert response.json()["owner_id"] == str(owner.id)

    async def test_someone_elses_item_is_forbidden_and_unchanged(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _user, headers = await caller(db)
        item = await create_item(db=db, owner=await create_user(db=db), title="Theirs")
        response = await client.put(
            f"{API}/items/{item.id}", headers=headers, json={"title": "Hijacked"}
        )
        assert response.status_code == 403
        await db.refresh(item)
        assert item.title == "Theirs"

    async def test_unknown_item_is_404(self, client: AsyncClient, db: AsyncSession) -> None:
        _user, headers = await caller(db)
        response = await client.put(
            f"{API}/items/{uuid.uuid4()}", headers=headers, json={"title": "x"}
        )
        assert response.status_code == 404

    async def test_malformed_id_is_a_validation_error(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _user, headers = await caller(db)
        response = await client.put(f"{API}/items/123", headers=headers, json={"title": "x"})
        assert response.status_code == 422

    async def test_too_long_title_is_a_validation_error(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user, headers = await caller(db)
        item = await create_item(db=db, owner=user)
        response = await client.put(
            f"{API}/items/{item.id}", headers=headers, json={"title": "t" * 256}
        )
        assert response.status_code == 422


class TestDeleteItem:
    async def test_owner_deletes_their_item(self, client: AsyncClient, db: AsyncSession) -> None:
        user, headers = await caller(db)
        item = await create_item(db=db, owner=user)
        response = await client.delete(f"{API}/items/{item.id}", headers=headers)
        assert response.status_code == 200
        assert response.json() == {"message": "Item deleted successfully"}
        assert (await client.get(f"{API}/items/{item.id}", headers=headers)).status_code == 404

    async def test_superuser_deletes_anybodys_item(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _admin, headers = await caller(db, is_superuser=True)
        item = await create_item(db=db, owner=await create_user(db=db))
        response = await client.delete(f"{API}/items/{item.id}", headers=headers)
        assert response.status_code == 200

    async def test_someone_elses_item_is_forbidden_and_kept(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _user, headers = await caller(db)
        item = await create_item(db=db, owner=await create_user(db=db))
        response = await client.delete(f"{API}/items/{item.id}", headers=headers)
        assert response.status_code == 403
        assert await db.get(Item, item.id, populate_existing=True) is not None

    async def test_unknown_item_is_404(self, client: AsyncClient, db: AsyncSession) -> None:
        _user, headers = await caller(db)
        response = await client.delete(f"{API}/items/{uuid.uuid4()}", headers=headers)
        assert response.status_code == 404

    async def test_malformed_id_is_a_validation_error(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _user, headers = await caller(db)
        response = await client.delete(f"{API}/items/not-a-uuid", headers=headers)
        assert response.status_code == 422
