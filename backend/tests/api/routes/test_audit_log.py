"""The audit-log endpoint: who may read it, its shape, order, paging and filter."""

import uuid
from datetime import timedelta

import pytest
from httpx import AsyncClient
from sqlmodel.ext.asyncio.session import AsyncSession

from app.core.config import settings
from app.models import AuditLog, User, utcnow
from tests.factories import DEFAULT_PASSWORD, auth_headers, create_user

API = settings.API_V1_STR
AUDIT_LOG_PUBLIC_FIELDS = {
    "id",
    "created_at",
    "action",
    "actor_id",
    "actor_email",
    "target_user_id",
    "ip_address",
    "detail",
}


async def superuser_headers(db: AsyncSession) -> tuple[User, dict[str, str]]:
    admin = await create_user(db=db, is_superuser=True)
    return admin, await auth_headers(db=db, user=admin)


async def entries_in_order(db: AsyncSession, actions: list[str]) -> None:
    """Audit entries one minute apart, oldest first."""
    start = utcnow() - timedelta(hours=1)
    for index, action in enumerate(actions):
        db.add(AuditLog(action=action, created_at=start + timedelta(minutes=index)))
    await db.commit()


class TestReadAuditLog:
    async def test_superuser_reads_entries_with_their_count(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _admin, headers = await superuser_headers(db)
        await entries_in_order(db, ["login", "logout"])
        response = await client.get(f"{API}/audit-log/", headers=headers)
        assert response.status_code == 200
        body = response.json()
        assert body["count"] == 2
        assert all(set(entry) == AUDIT_LOG_PUBLIC_FIELDS for entry in body["data"])

    async def test_newest_entries_come_first(self, client: AsyncClient, db: AsyncSession) -> None:
        _admin, headers = await superuser_headers(db)
        await entries_in_order(db, ["first", "second", "third"])
        body = (await client.get(f"{API}/audit-log/", headers=headers)).json()
        assert [e["action"] for e in body["data"]] == ["third", "second", "first"]

    async def test_skip_and_limit_select_a_page_and_count_all(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _admin, headers = await superuser_headers(db)
        await entries_in_order(db, ["a", "b", "c", "d"])
        body = (await client.get(f"{API}/audit-log/?skip=1&limit=2", headers=headers)).json()
        assert body["count"] == 4
        assert [e["action"] for e in body["data"]] == ["c", "b"]

    async def test_user_filter_keeps_what_the_user_did_or_underwent(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        admin, headers = await superuser_headers(db)
        user = await create_user(db=db)
        bystander = await create_user(db=db)
        db.add(AuditLog(action="did", actor_id=user.id, target_user_id=user.id))
        db.add(AuditLog(action="underwent", actor_id=admin.id, target_user_id=user.id))
        db.add(AuditLog(action="unrelated", actor_id=bystander.id, target_user_id=bystander.id))
        await db.commit()
        response = await client.get(
            f"{API}/audit-log/", headers=headers, params={"user_id": str(user.id)}
        )
        body = response.json()
        assert body["count"] == 2
        assert {e["action"] for e in body["data"]} == {"did", "underwent"}

    async def test_a_login_is_listed_with_actor_and_address(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _admin, headers = await superuser_headers(db)
        user = await create_user(db=db)
        await client.post(
            f"{API}/login/access-token",
            data={"username": user.email, "password": DEFAULT_PASSWORD},
        )
        response = await client.get(
            f"{API}/audit-log/", headers=headers, params={"user_id": str(user.id)}
        )
        [entry] = response.json()["data"]
        assert entry["action"] == "login"
        assert entry["actor_id"] == str(user.id)
        assert entry["actor_email"] == user.email
        assert entry["ip_address"] == "127.0.0.1"

    async def test_a_deleted_users_history_stays_readable(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _admin, headers = await superuser_headers(db)
        user = await create_user(db=db)
        await client.request(
            "DELETE",
            f"{API}/users/me",
            headers=await auth_headers(db=db, user=user),
            json={"current_password": DEFAULT_PASSWORD},
        )
        response = await client.get(
            f"{API}/audit-log/", headers=headers, params={"user_id": str(user.id)}
        )
        assert [e["action"] for e in response.json()["data"]] == ["user_deleted"]
        assert response.json()["data"][0]["actor_email"] == user.email

    async def test_unknown_user_filter_gives_an_empty_page(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _admin, headers = await superuser_headers(db)
        await entries_in_order(db, ["login"])
        response = await client.get(
            f"{API}/audit-log/", headers=headers, params={"user_id": str(uuid.uuid4())}
        )
        assert response.json() == {"data": [], "count": 0}

    @pytest.mark.parametrize("query", ["limit=0", "limit=101", "skip=-1", "user_id=someone"])
    async def test_invalid_query_is_a_validation_error(
        self, client: AsyncClient, db: AsyncSession, query: str
    ) -> None:
        _admin, headers = await superuser_headers(db)
        response = await client.get(f"{API}/audit-log/?{query}", headers=headers)
        assert response.status_code == 422

    async def test_normal_user_is_forbidden(self, client: AsyncClient, db: AsyncSession) -> None:
        user = await create_user(db=db)
        response = await client.get(
            f"{API}/audit-log/", headers=await auth_headers(db=db, user=user)
        )
        assert response.status_code == 403

    async def test_anonymous_caller_is_unauthorized(self, client: AsyncClient) -> None:
        response = await client.get(f"{API}/audit-log/")
        assert response.status_code == 401
