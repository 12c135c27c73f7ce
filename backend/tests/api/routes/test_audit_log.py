"""The audit log: who may read it, what its entries say, its order, paging and filters."""

import logging
import uuid
from datetime import datetime, timedelta
from typing import Any

import pytest
from httpx import AsyncClient
from sqlmodel.ext.asyncio.session import AsyncSession

from app.core.config import settings
from app.main import app
from app.models import AUDIT_ACTIONS, AuditLog, User, utcnow
from tests.factories import (
    DEFAULT_PASSWORD,
    auth_headers,
    create_user,
    random_email,
    token_in_link,
)
from tests.smtp import SmtpServer

API = settings.API_V1_STR
AUDIT_LOG = f"{API}/audit-log/"
EMAILS = f"{API}/audit-log/emails"
AUDIT_LOG_PUBLIC_FIELDS = {
    "id",
    "created_at",
    "action",
    "actor_id",
    "actor_email",
    "target_user_id",
    "target_email",
    "ip_address",
    "detail",
    "changes",
    # region capability: organizations
    "organization_id",
    # endregion capability: organizations
}
START = utcnow().replace(microsecond=0) - timedelta(days=10)


async def superuser_headers(db: AsyncSession) -> tuple[User, dict[str, str]]:
    admin = await create_user(db=db, is_superuser=True)
    return admin, await auth_headers(db=db, user=admin)


async def add_entries(db: AsyncSession, *entries: dict[str, Any]) -> None:
    """Audit entries one hour apart from START, oldest first; each dict gives
    the entry's fields, "login" by nobody unless it says otherwise."""
    for index, fields in enumerate(entries):
        at = START + timedelta(hours=index)
        db.add(AuditLog(**{"action": "login", "created_at": at, **fields}))
    await db.commit()


async def read(client: AsyncClient, headers: dict[str, str], **params: str) -> dict[str, Any]:
    response = await client.get(AUDIT_LOG, headers=headers, params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def actions(body: dict[str, Any]) -> list[str]:
    return [entry["action"] for entry in body["data"]]


class TestReadAuditLog:
    async def test_superuser_reads_entries_with_their_count(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _admin, headers = await superuser_headers(db)
        await add_entries(db, {"action": "login"}, {"action": "logout"})
        body = await read(client, headers)
        assert body["count"] == 2
        assert all(set(entry) == AUDIT_LOG_PUBLIC_FIELDS for entry in body["data"])

    async def test_newest_entries_come_first(self, client: AsyncClient, db: AsyncSession) -> None:
        _admin, headers = await superuser_headers(db)
        await add_entries(db, {"action": "signup"}, {"action": "login"}, {"action": "logout"})
        assert actions(await read(client, headers)) == ["logout", "login", "signup"]

    async def test_skip_and_limit_select_a_page_and_count_all(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _admin, headers = await superuser_headers(db)
        await add_entries(
            db,
            {"action": "signup"},
            {"action": "login"},
            {"action": "password_changed"},
            {"action": "logout"},
        )
        body = await read(client, headers, skip="1", limit="2")
        assert body["count"] == 4
        assert actions(body) == ["password_changed", "login"]

    async def test_a_login_is_listed_with_actor_target_and_address(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _admin, headers = await superuser_headers(db)
        user = await create_user(db=db)
        await client.post(
            f"{API}/login/access-token",
            data={"username": user.email, "password": DEFAULT_PASSWORD},
        )
        [entry] = (await read(client, headers, user_id=str(user.id)))["data"]
        assert entry["action"] == "login"
        assert (entry["actor_id"], entry["target_user_id"]) == (str(user.id), str(user.id))
        assert entry["actor_email"] == entry["target_email"] == user.email
        assert entry["ip_address"] == "127.0.0.1"
        assert entry["changes"] == []

    async def test_an_entry_from_before_it_recorded_changes_keeps_its_detail(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _admin, headers = await superuser_headers(db)
        await add_entries(db, {"action": "user_updated", "detail": "full_name"})
        [entry] = (await read(client, headers, action="user_updated"))["data"]
        assert (entry["detail"], entry["changes"]) == ("full_name", [])

    @pytest.mark.parametrize(
        "query",
        [
            "limit=0",
            "limit=101",
            "skip=-1",
            "user_id=someone",
            "action=became_king",
            "since=yesterday",
            "before=2026-13-01",
            f"email={'a' * 256}",
        ],
    )
    async def test_invalid_query_is_a_validation_error(
        self, client: AsyncClient, db: AsyncSession, query: str
    ) -> None:
        _admin, headers = await superuser_headers(db)
        response = await client.get(f"{AUDIT_LOG}?{query}", headers=headers)
        assert response.status_code == 422

    async def test_normal_user_is_forbidden(self, client: AsyncClient, db: AsyncSession) -> None:
        user = await create_user(db=db)
        response = await client.get(AUDIT_LOG, headers=await auth_headers(db=db, user=user))
        assert response.status_code == 403

    async def test_anonymous_caller_is_unauthorized(self, client: AsyncClient) -> None:
        response = await client.get(AUDIT_LOG)
        assert response.status_code == 401


class TestFilterByUser:
    async def test_user_id_keeps_what_the_user_did_or_underwent(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        admin, headers = await superuser_headers(db)
        user = await create_user(db=db)
        bystander = await create_user(db=db)
        await add_entries(
            db,
            {"action": "login", "actor_id": user.id, "target_user_id": user.id},
            {"action": "user_updated", "actor_id": admin.id, "target_user_id": user.id},
            {"action": "logout", "actor_id": bystander.id, "target_user_id": bystander.id},
        )
        body = await read(client, headers, user_id=str(user.id))
        assert body["count"] == 2
        assert actions(body) == ["user_updated", "login"]

    async def test_unknown_user_id_gives_an_empty_page(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _admin, headers = await superuser_headers(db)
        await add_entries(db, {"action": "login"})
        assert await read(client, headers, user_id=str(uuid.uuid4())) == {"data": [], "count": 0}

    async def test_email_keeps_entries_naming_it_as_actor_or_target(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _admin, headers = await superuser_headers(db)
        ann, bo, cy = "ann@example.com", "bo@example.com", "cy@example.com"
        await add_entries(
            db,
            {"action": "login", "actor_email": ann, "target_email": ann},
            {"action": "user_created", "actor_email": ann, "target_email": bo},
            {"action": "user_updated", "actor_email": cy, "target_email": ann},
            {"action": "logout", "actor_email": cy, "target_email": cy},
        )
        body = await read(client, headers, email="Ann@Example.com")
        assert actions(body) == ["user_updated", "user_created", "login"]

    async def test_a_deleted_users_entries_stay_readable_and_findable_by_email(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        admin, headers = await superuser_headers(db)
        user = await create_user(db=db)
        await client.post(
            f"{API}/login/access-token",
            data={"username": user.email, "password": DEFAULT_PASSWORD},
        )
        deleted = await client.delete(f"{API}/users/{user.id}", headers=headers)
        assert deleted.status_code == 200

        body = await read(client, headers, email=user.email)
        assert actions(body) == ["user_deleted", "login"]
        deletion, login = body["data"]
        assert (deletion["actor_email"], deletion["target_email"]) == (admin.email, user.email)
        assert (login["actor_id"], login["actor_email"]) == (None, user.email)
        assert login["target_email"] == user.email

    async def test_a_user_who_deleted_their_account_stays_readable(
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
        [entry] = (await read(client, headers, email=user.email))["data"]
        assert entry["action"] == "user_deleted"
        assert entry["actor_email"] == entry["target_email"] == user.email


class TestFilterByActionAndDate:
    async def test_action_keeps_that_action_only(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _admin, headers = await superuser_headers(db)
        await add_entries(db, {"action": "login"}, {"action": "logout"}, {"action": "login"})
        body = await read(client, headers, action="login")
        assert (body["count"], actions(body)) == (2, ["login", "login"])

    async def test_since_is_inclusive_and_before_exclusive(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _admin, headers = await superuser_headers(db)
        await add_entries(
            db, {"action": "signup"}, {"action": "login"}, {"action": "logout"}, {"action": "login"}
        )
        body = await read(
            client,
            headers,
            since=(START + timedelta(hours=1)).isoformat(),
            before=(START + timedelta(hours=3)).isoformat(),
        )
        assert actions(body) == ["logout", "login"]

    async def test_a_moment_in_another_zone_means_the_same_instant(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _admin, headers = await superuser_headers(db)
        await add_entries(db, {"action": "signup"}, {"action": "login"})
        in_new_york = (START + timedelta(minutes=30)).astimezone(
            datetime.fromisoformat("2026-01-01T00:00:00-05:00").tzinfo
        )
        body = await read(client, headers, since=in_new_york.isoformat())
        assert actions(body) == ["login"]

    async def test_filters_combine_and_the_count_follows_them(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _admin, headers = await superuser_headers(db)
        await add_entries(
            db,
            {"action": "login", "actor_email": "ann@example.com"},
            {"action": "login", "actor_email": "bo@example.com"},
            {"action": "logout", "actor_email": "ann@example.com"},
            {"action": "login", "actor_email": "ann@example.com"},
        )
        body = await read(
            client,
            headers,
            email="ann@example.com",
            action="login",
            before=(START + timedelta(hours=2)).isoformat(),
            limit="1",
        )
        assert body["count"] == 1
        assert [e["created_at"] for e in body["data"]] == [START.isoformat().replace("+00:00", "Z")]

    @pytest.mark.parametrize("hours", [0, -1])
    async def test_a_range_ending_before_it_starts_is_refused_in_words(
        self, client: AsyncClient, db: AsyncSession, hours: int
    ) -> None:
        _admin, headers = await superuser_headers(db)
        response = await client.get(
            AUDIT_LOG,
            headers=headers,
            params={
                "since": START.isoformat(),
                "before": (START + timedelta(hours=hours)).isoformat(),
            },
        )
        assert response.status_code == 422
        [issue] = response.json()["detail"]
        assert issue["msg"] == "The end of the date range must come after its start"

    async def test_a_moment_outside_the_calendar_is_refused_not_a_server_error(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _admin, headers = await superuser_headers(db)
        response = await client.get(
            AUDIT_LOG, headers=headers, params={"since": "0001-01-01T00:00:00+01:00"}
        )
        assert response.status_code == 422
        assert response.json()["detail"][0]["msg"] == "Give a moment between the years 1 and 9999"


class TestRecordedChanges:
    async def test_an_update_records_only_what_changed_with_old_and_new_values(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _admin, headers = await superuser_headers(db)
        user = await create_user(db=db, full_name="Ann")
        response = await client.patch(
            f"{API}/users/{user.id}",
            headers=headers,
            json={
                "email": user.email,
                "full_name": "Anne",
                "is_active": True,
                "is_superuser": False,
            },
        )
        assert response.status_code == 200
        [entry] = (await read(client, headers, action="user_updated"))["data"]
        assert entry["changes"] == [
            {"field": "full_name", "old": "Ann", "new": "Anne", "secret": False}
        ]
        assert entry["detail"] is None

    async def test_flags_and_addresses_changed_by_a_superuser_are_recorded(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _admin, headers = await superuser_headers(db)
        user = await create_user(db=db)
        new_email = random_email()
        await client.patch(
            f"{API}/users/{user.id}",
            headers=headers,
            json={"email": new_email, "is_superuser": True},
        )
        [entry] = (await read(client, headers, action="user_updated"))["data"]
        assert entry["changes"] == [
            {"field": "email", "old": user.email, "new": new_email, "secret": False},
            {"field": "is_superuser", "old": False, "new": True, "secret": False},
        ]
        assert entry["target_email"] == new_email

    async def test_a_new_password_is_said_to_have_changed_and_nothing_more(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _admin, headers = await superuser_headers(db)
        user = await create_user(db=db)
        old_hash = user.hashed_password
        await client.patch(
            f"{API}/users/{user.id}", headers=headers, json={"password": "a-brand-new-secret"}
        )
        await db.refresh(user)
        response = await client.get(AUDIT_LOG, headers=headers, params={"action": "user_updated"})
        [entry] = response.json()["data"]
        assert entry["changes"] == [{"field": "password", "old": None, "new": None, "secret": True}]
        for secret in ("a-brand-new-secret", old_hash, user.hashed_password):
            assert secret is not None
            assert secret not in response.text

    async def test_an_update_that_changes_nothing_records_no_change(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _admin, headers = await superuser_headers(db)
        user = await create_user(db=db, full_name="Ann")
        await client.patch(f"{API}/users/{user.id}", headers=headers, json={"full_name": "Ann"})
        [entry] = (await read(client, headers, action="user_updated"))["data"]
        assert entry["changes"] == []

    async def test_a_confirmed_email_change_records_both_addresses_in_full(
        self,
        client: AsyncClient,
        db: AsyncSession,
        smtp_server: SmtpServer,
        caplog: pytest.LogCaptureFixture,
    ) -> None:
        _admin, headers = await superuser_headers(db)
        user = await create_user(db=db)
        old_email, new_email = user.email, random_email()
        caplog.set_level(logging.DEBUG)
        await client.patch(
            f"{API}/users/me",
            headers=await auth_headers(db=db, user=user),
            json={"email": new_email, "current_password": DEFAULT_PASSWORD},
        )
        token = token_in_link(smtp_server.to(new_email)[0].html, "/verify-email")
        confirmed = await client.post(f"{API}/users/verify-email", json={"token": token})
        assert confirmed.status_code == 200

        [entry] = (await read(client, headers, action="email_changed"))["data"]
        assert entry["changes"] == [
            {"field": "email", "old": old_email, "new": new_email, "secret": False}
        ]
        assert entry["target_email"] == new_email
        # The application's own logs go to other people and places: there,
        # addresses stay masked (the test's SMTP server logs its own way).
        logged = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("app."))
        assert "@example.com" in logged
        assert old_email not in logged
        assert new_email not in logged


class TestAuditEmails:
    async def test_lists_every_address_named_once_in_order_deleted_users_included(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        admin, headers = await superuser_headers(db)
        user = await create_user(db=db, email="zed@example.com")
        await add_entries(
            db,
            {"action": "login_failed", "actor_email": "bo@example.com"},
            {"action": "user_created", "actor_email": admin.email, "target_email": user.email},
        )
        await client.delete(f"{API}/users/{user.id}", headers=headers)
        response = await client.get(EMAILS, headers=headers)
        assert response.status_code == 200
        assert response.json() == {"data": sorted(["bo@example.com", admin.email, user.email])}

    async def test_normal_user_is_forbidden(self, client: AsyncClient, db: AsyncSession) -> None:
        user = await create_user(db=db)
        response = await client.get(EMAILS, headers=await auth_headers(db=db, user=user))
        assert response.status_code == 403

    async def test_anonymous_caller_is_unauthorized(self, client: AsyncClient) -> None:
        assert (await client.get(EMAILS)).status_code == 401


@pytest.mark.whole_app
def test_the_api_documents_every_action_it_records_for_answers_and_the_filter() -> None:
    """The dashboard's labels are checked against this list: it must stay an
    enumeration in the schema, not become any string."""
    schema = app.openapi()
    entry = schema["components"]["schemas"]["AuditLogPublic"]["properties"]["action"]
    [action_filter] = [
        p for p in schema["paths"][AUDIT_LOG]["get"]["parameters"] if p["name"] == "action"
    ]
    assert entry["enum"] == list(AUDIT_ACTIONS)
    assert action_filter["schema"]["anyOf"][0]["enum"] == list(AUDIT_ACTIONS)
