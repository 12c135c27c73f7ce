"""Hardening: headers, CORS, mass assignment, races, password storage."""

import asyncio
import os
import subprocess
import sys
from typing import ClassVar

import bcrypt
import pytest
from httpx import AsyncClient
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from app.api import deps
from app.core.config import BACKEND_DIR
from app.core.middleware import SecurityHeadersMiddleware
from app.core.passwords import password_hash
from app.models import AuditLog, User
from tests.factories import (
    DEFAULT_PASSWORD,
    bearer,
    create_user,
    login_response,
    # region capability: items
    personal_organization,
    # endregion capability: items
    random_email,
)
from tests.security.test_email_links import token_in
from tests.smtp import SmtpServer


async def headers_for(client: AsyncClient, user: User) -> dict[str, str]:
    return bearer((await login_response(client, email=user.email)).json()["access_token"])


async def test_every_response_carries_security_headers(client: AsyncClient) -> None:
    response = await client.get("/api/v1/utils/health-check/")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert "strict-transport-security" not in response.headers  # local runs on http


def test_hsts_is_sent_outside_local_development() -> None:
    inner = Starlette(routes=[Route("/", lambda _request: PlainTextResponse("ok"))])
    with TestClient(SecurityHeadersMiddleware(inner, hsts=True)) as client:
        assert "max-age=" in client.get("/").headers["strict-transport-security"]


async def test_auth_responses_are_not_stored_by_caches(
    client: AsyncClient, db: AsyncSession
) -> None:
    user = await create_user(db=db)
    response = await login_response(client, email=user.email)
    assert response.headers["cache-control"] == "no-store"


async def test_cors_allows_the_configured_frontend_with_credentials(client: AsyncClient) -> None:
    response = await client.options(
        "/api/v1/login/refresh",
        headers={"Origin": "http://localhost:5173", "Access-Control-Request-Method": "POST"},
    )
    assert response.headers["access-control-allow-origin"] == "http://localhost:5173"
    assert response.headers["access-control-allow-credentials"] == "true"


async def test_cors_answers_a_simple_request_from_the_frontend(client: AsyncClient) -> None:
    response = await client.get(
        "/api/v1/utils/health-check/", headers={"Origin": "http://localhost:5173"}
    )
    assert response.headers["access-control-allow-origin"] == "http://localhost:5173"
    assert "Origin" in response.headers["vary"]


async def test_a_request_without_origin_gets_no_cors_headers(client: AsyncClient) -> None:
    response = await client.get("/api/v1/utils/health-check/")
    assert response.status_code == 200
    assert not [name for name in response.headers if name.startswith("access-control-")]


async def test_cors_lets_the_frontend_read_when_to_retry(
    client: AsyncClient, db: AsyncSession
) -> None:
    user = await create_user(db=db)
    for _ in range(6):
        response = await client.post(
            "/api/v1/login/access-token",
            data={"username": user.email, "password": "not-the-password"},
            headers={"Origin": "http://localhost:5173"},
        )
    assert response.status_code == 429
    assert "retry-after" in response.headers["access-control-expose-headers"].lower()


async def test_cors_ignores_other_origins(client: AsyncClient) -> None:
    response = await client.get(
        "/api/v1/utils/health-check/", headers={"Origin": "https://evil.example"}
    )
    assert "access-control-allow-origin" not in response.headers


class TestMassAssignment:
    PRIVILEGED: ClassVar[dict[str, bool]] = {
        "is_superuser": True,
        "is_active": False,
        "is_verified": True,
    }

    async def test_signup_ignores_privileged_fields(self, client: AsyncClient) -> None:
        forced_id = "00000000-0000-0000-0000-000000000001"
        body = {"email": random_email(), "password": "a-good-password", "id": forced_id}
        response = await client.post("/api/v1/users/signup", json=body | self.PRIVILEGED)
        created = response.json()
        assert created["id"] != forced_id
        assert (created["is_superuser"], created["is_active"], created["is_verified"]) == (
            False,
            True,
            False,
        )

    async def test_updating_oneself_ignores_privileged_fields(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user = await create_user(db=db, is_verified=False)
        headers = await headers_for(client, user)
        body = {"full_name": "New Name", "id": "00000000-0000-0000-0000-000000000002"}
        response = await client.patch(
            "/api/v1/users/me", headers=headers, json=body | self.PRIVILEGED
        )
        assert response.status_code == 200
        me = (await client.get("/api/v1/users/me", headers=headers)).json()
        assert me["full_name"] == "New Name"
        assert (me["id"], me["is_superuser"], me["is_active"], me["is_verified"]) == (
            str(user.id),
            False,
            True,
            False,
        )

    async def test_a_normal_user_cannot_use_the_admin_update(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user = await create_user(db=db)
        response = await client.patch(
            f"/api/v1/users/{user.id}",
            headers=await headers_for(client, user),
            json=self.PRIVILEGED,
        )
        assert response.status_code == 403

    # region capability: organizations
    async def test_a_new_organization_ignores_id_and_personal_owner_from_the_body(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user = await create_user(db=db)
        other = await create_user(db=db)
        body = {
            "name": "Mine",
            "id": str(other.id),
            "personal": True,
            "personal_for_id": str(other.id),
        }
        response = await client.post(
            "/api/v1/orgs/", headers=await headers_for(client, user), json=body
        )
        assert response.status_code == 200, response.text
        created = response.json()
        assert created["id"] != str(other.id)
        assert (created["personal"], created["role"]) == (False, "owner")

    # endregion capability: organizations

    # region capability: items
    async def test_items_ignore_owner_and_id_from_the_body(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user = await create_user(db=db)
        other = await create_user(db=db)
        mine = await personal_organization(db=db, user=user)
        theirs = await personal_organization(db=db, user=other)
        body = {
            "title": "mine",
            "owner_id": str(other.id),
            "id": str(other.id),
            "organization_id": str(theirs.id),
        }
        created = (
            await client.post(
                f"/api/v1/orgs/{mine.id}/items/",
                headers=await headers_for(client, user),
                json=body,
            )
        ).json()
        assert created["owner_id"] == str(user.id)
        assert created["organization_id"] == str(mine.id)
        assert created["id"] != str(other.id)

    # endregion capability: items


async def test_eight_simultaneous_signups_for_one_address_give_one_account(
    live_client: AsyncClient,
) -> None:
    email = random_email()
    body = {"email": email, "password": "a-good-password"}
    responses = await asyncio.gather(
        *(live_client.post("/api/v1/users/signup", json=body) for _ in range(8))
    )
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [200] + [400] * 7


async def test_eight_simultaneous_email_confirmations_to_one_address_give_one_change(
    live_client: AsyncClient, smtp_server: SmtpServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Eight requests for one address would trip its email limit: not under test here.
    monkeypatch.setattr(deps.rate_limiter, "enabled", False)
    target = random_email()
    tokens = []
    for _ in range(8):
        email = random_email()
        body = {"email": email, "password": "a-good-password"}
        await live_client.post("/api/v1/users/signup", json=body)
        login = await login_response(live_client, email=email, password="a-good-password")
        await live_client.patch(
            "/api/v1/users/me",
            headers=bearer(login.json()["access_token"]),
            json={"email": target, "current_password": "a-good-password"},
        )
        tokens.append(token_in(smtp_server.to(target)[-1].html, "/verify-email"))
    assert len(set(tokens)) == 8
    responses = await asyncio.gather(
        *(live_client.post("/api/v1/users/verify-email", json={"token": t}) for t in tokens)
    )
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [200] + [409] * 7, [r.json() for r in responses]


def test_passwords_are_hashed_with_argon2id_within_owasp_parameters() -> None:
    assert password_hash.hash("whatever-password").startswith("$argon2id$v=19$m=19456,t=2,p=1$")


async def test_a_bcrypt_hash_from_an_older_install_verifies_and_is_upgraded(
    client: AsyncClient, db: AsyncSession
) -> None:
    legacy = bcrypt.hashpw(DEFAULT_PASSWORD.encode(), bcrypt.gensalt(rounds=4)).decode()
    user = await create_user(db=db)
    user.hashed_password = legacy
    db.add(user)
    await db.commit()
    assert (await login_response(client, email=user.email)).status_code == 200
    await db.refresh(user)
    assert user.hashed_password is not None
    assert user.hashed_password.startswith("$argon2id$")


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("password123", "too common"),
        ("qwertyuiop", "too common"),
        ("{email}", "same as the email"),
    ],
)
async def test_weak_passwords_are_refused_with_the_reason(
    client: AsyncClient, password: str, reason: str
) -> None:
    email = random_email()
    response = await client.post(
        "/api/v1/users/signup", json={"email": email, "password": password.format(email=email)}
    )
    assert response.status_code == 400
    assert reason in response.json()["detail"]


@pytest.mark.parametrize("length", [7, 129])
async def test_password_length_is_8_to_128(client: AsyncClient, length: int) -> None:
    response = await client.post(
        "/api/v1/users/signup", json={"email": random_email(), "password": "x" * length}
    )
    assert response.status_code == 422


def test_the_common_password_list_has_at_least_ten_thousand_entries() -> None:
    from app.core.passwords import common_passwords

    assert len(common_passwords()) >= 10_000


def routes_in(environment: str) -> str:
    probe = "from app.main import app; print(any('/private/' in p for p in app.openapi()['paths']))"
    env = os.environ | {
        "ENVIRONMENT": environment,
        "SECRET_KEY": "a-staging-secret-key-for-this-test",
        "DATABASE_URL": "postgresql://user:pw@127.0.0.1:1/none",
        "POSTGRES_PASSWORD": "not-the-placeholder",
        "FIRST_SUPERUSER_PASSWORD": "not-the-placeholder",
    }
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=BACKEND_DIR, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.mark.switch_routes
def test_the_private_router_exists_only_in_local_development() -> None:
    from app.main import app  # the test process runs with ENVIRONMENT=local

    assert any("/private/" in path for path in app.openapi()["paths"])
    assert routes_in("staging") == "False"


class TestAuditLog:
    async def actions(self, db: AsyncSession, user: User) -> list[str]:
        rows = await db.exec(
            select(AuditLog.action)
            .where(col(AuditLog.target_user_id) == user.id)
            .order_by(col(AuditLog.created_at))
        )
        return list(rows.all())

    async def test_records_logins_failures_and_logouts(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user = await create_user(db=db)
        await login_response(client, email=user.email, password="not-the-password")
        headers = await headers_for(client, user)
        await client.post("/api/v1/login/logout", headers=headers)
        assert await self.actions(db, user) == ["login_failed", "login", "logout"]

    async def test_records_password_changes_and_superuser_actions(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        admin = await create_user(db=db, is_superuser=True)
        user = await create_user(db=db)
        await client.patch(
            "/api/v1/users/me/password",
            headers=await headers_for(client, user),
            json={"current_password": DEFAULT_PASSWORD, "new_password": "another-good-one"},
        )
        await client.patch(
            f"/api/v1/users/{user.id}",
            headers=await headers_for(client, admin),
            json={"full_name": "X"},
        )
        actions = await self.actions(db, user)
        assert actions == ["login", "password_changed", "user_updated"]
        entry = (await db.exec(select(AuditLog).where(AuditLog.action == "user_updated"))).one()
        assert (entry.actor_id, entry.ip_address) == (admin.id, "127.0.0.1")

    async def test_superusers_read_it_filtered_by_user(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        admin = await create_user(db=db, is_superuser=True)
        user = await create_user(db=db)
        await login_response(client, email=user.email)
        response = await client.get(
            "/api/v1/audit-log/",
            headers=await headers_for(client, admin),
            params={"user_id": str(user.id)},
        )
        assert response.status_code == 200
        assert [e["action"] for e in response.json()["data"]] == ["login"]
