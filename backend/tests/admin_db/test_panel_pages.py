"""What the panel shows and records: every table, never a secret, every
write in the audit log, under its own Content-Security-Policy."""

import re
from datetime import timedelta

import pytest
from httpx import AsyncClient
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from app import crud
from app.admin_db import views
from app.admin_db.audit import ACTION
from app.admin_db.secrets import secret_columns
from app.models import AuditLog, AuthSession, TokenPurpose, User
from tests.admin_db.browser import form_fields, superuser_in_panel
from tests.factories import (
    auth_headers,
    # region capability: items
    create_item,
    # endregion capability: items
    create_user,
)

pytestmark = pytest.mark.whole_app

ALL_TABLES = views.table_models()


async def stored_secrets(db: AsyncSession) -> set[str]:
    """Every value stored in a secret column of any table."""
    found: set[str] = set()
    for model in ALL_TABLES:
        for name in secret_columns(model):
            rows = await db.exec(select(getattr(model, name)))
            found.update(str(value) for value in rows.all() if value)
    return found


async def pages_of(client: AsyncClient, identity: str) -> list[str]:
    """The bodies of a table's list page, its rows' detail and edit pages,
    and its exports."""
    listing = await client.get(f"/admin-db/{identity}/list")
    assert listing.status_code == 200, identity
    bodies = [listing.text]
    links = set(
        re.findall(rf'href="([^"]*/admin-db/{identity}/(?:details|edit)/[^"]+)"', listing.text)
    )
    for link in sorted(links):
        page = await client.get(link)
        assert page.status_code == 200, link
        bodies.append(page.text)
    for export in ("csv", "json"):
        exported = await client.get(f"/admin-db/{identity}/export/{export}")
        if exported.status_code == 200:
            bodies.append(exported.text)
    return bodies


class TestBrowsing:
    async def test_every_table_has_a_list_page(self, panel: AsyncClient, db: AsyncSession) -> None:
        await superuser_in_panel(panel, db)
        for model in ALL_TABLES:
            response = await panel.get(f"/admin-db/{views.view_for(model).identity}/list")
            assert response.status_code == 200, model.__table__.name

    async def test_search_finds_rows_by_their_text(
        self, panel: AsyncClient, db: AsyncSession
    ) -> None:
        await create_user(db=db, full_name="Quentin Quarterly")
        await create_user(db=db, full_name="Holly Holiday")
        await superuser_in_panel(panel, db)
        page = await panel.get("/admin-db/user/list", params={"search": "quarterly"})
        assert "Quentin Quarterly" in page.text
        assert "Holly Holiday" not in page.text

    async def test_a_filter_narrows_the_list(self, panel: AsyncClient, db: AsyncSession) -> None:
        await create_user(db=db, email="active-one@example.com")
        await create_user(db=db, email="inactive-one@example.com", is_active=False)
        await superuser_in_panel(panel, db)
        page = await panel.get("/admin-db/user/list", params={"is_active": "false"})
        assert "inactive-one@example.com" in page.text
        assert "active-one@example.com" not in page.text.replace("inactive-one@example.com", "")


class TestSecrets:
    async def test_no_page_of_any_table_shows_a_password_hash_token_hash_or_secret(
        self, panel: AsyncClient, db: AsyncSession
    ) -> None:
        user = await create_user(db=db)
        # region capability: items
        await create_item(db=db, owner=user, title="Shown item")
        # endregion capability: items
        await crud.issue_action_token(
            session=db,
            user_id=user.id,
            purpose=TokenPurpose.RESET_PASSWORD,
            lifetime=timedelta(hours=1),
        )
        await db.commit()
        await superuser_in_panel(panel, db)
        secrets = await stored_secrets(db)
        assert user.hashed_password in secrets  # the check below could fail
        assert len(secrets) >= 3  # a password hash, a refresh token's, a link's
        hidden_names = {name for model in ALL_TABLES for name in secret_columns(model)}
        for model in ALL_TABLES:
            identity = views.view_for(model).identity
            for body in await pages_of(panel, identity):
                assert not [secret for secret in secrets if secret in body], identity
                assert not [name for name in hidden_names if name in body], identity

    async def test_a_form_cannot_change_a_password_hash(
        self, panel: AsyncClient, db: AsyncSession
    ) -> None:
        user = await create_user(db=db, full_name="Before")
        hashed = user.hashed_password
        await superuser_in_panel(panel, db)
        edit = await panel.get(f"/admin-db/user/edit/{user.id}")
        fields = form_fields(edit.text) | {"full_name": "After", "hashed_password": "forged"}
        response = await panel.post(f"/admin-db/user/edit/{user.id}", data=fields)
        assert response.status_code == 302, response.text
        await db.refresh(user)
        assert (user.full_name, user.hashed_password) == ("After", hashed)


class TestAudit:
    async def test_an_edit_is_recorded_with_who_made_it_and_which_columns_changed(
        self, panel: AsyncClient, db: AsyncSession
    ) -> None:
        user = await create_user(db=db, full_name="Old name")
        superuser = await superuser_in_panel(panel, db)
        edit = await panel.get(f"/admin-db/user/edit/{user.id}")
        fields = form_fields(edit.text) | {"full_name": "New name"}
        response = await panel.post(f"/admin-db/user/edit/{user.id}", data=fields)
        assert response.status_code == 302, response.text
        [entry] = await audit_entries(db)
        assert (entry.actor_id, entry.actor_email) == (superuser.id, superuser.email)
        assert entry.detail == f"changed user {user.id}: full_name"
        shown = await panel.get(
            "/api/v1/audit-log/",
            params={"action": ACTION},
            headers=await auth_headers(db=db, user=superuser),
        )
        assert shown.status_code == 200
        assert [e["detail"] for e in shown.json()["data"]] == [entry.detail]

    async def test_a_delete_is_recorded_and_names_the_user_it_removed(
        self, panel: AsyncClient, db: AsyncSession
    ) -> None:
        doomed = await create_user(db=db)
        await superuser_in_panel(panel, db)
        response = await panel.delete("/admin-db/user/delete", params={"pks": str(doomed.id)})
        assert response.status_code == 200, response.text
        assert await db.get(User, doomed.id, populate_existing=True) is None
        deleted = [
            e for e in await audit_entries(db) if e.detail and e.detail.startswith("deleted")
        ]
        assert [(e.detail, e.target_email) for e in deleted] == [
            (f"deleted user {doomed.id}", doomed.email)
        ]

    async def test_a_write_that_fails_leaves_no_entry(
        self, panel: AsyncClient, db: AsyncSession
    ) -> None:
        await superuser_in_panel(panel, db)
        # A session needs its user: the database refuses the row.
        times = dict.fromkeys(("last_used_at", "expires_at", "proven_at"), "2030-01-01 00:00:00")
        fields = {"user_agent": "Orphan", **times}
        response = await panel.post("/admin-db/auth-session/create", data=fields)
        assert response.status_code == 400
        assert "user_id" in response.text
        assert await audit_entries(db) == []
        orphans = await db.exec(select(AuthSession).where(col(AuthSession.user_agent) == "Orphan"))
        assert orphans.first() is None


async def audit_entries(db: AsyncSession) -> list[AuditLog]:
    rows = await db.exec(select(AuditLog).where(col(AuditLog.action) == ACTION))
    return list(rows.all())


class TestContentSecurityPolicy:
    async def test_panel_pages_run_only_their_own_scripts(
        self, panel: AsyncClient, db: AsyncSession
    ) -> None:
        await superuser_in_panel(panel, db)
        policy = (await panel.get("/admin-db/user/list")).headers["content-security-policy"]
        assert "script-src 'self';" in policy
        assert "frame-ancestors 'none'" in policy
        page = (await panel.get("/admin-db/user/list")).text
        assert "<script>" not in page
        assert all(
            src.startswith("http://test/admin-db/statics/")
            for src in re.findall(r'<script[^>]*src="([^"]+)"', page)
        )

    @pytest.mark.parametrize("path", ["/api/v1/utils/health-check/", "/api/v1/openapi.json"])
    async def test_the_rest_of_the_app_keeps_its_headers(
        self, panel: AsyncClient, path: str
    ) -> None:
        response = await panel.get(path)
        assert "content-security-policy" not in response.headers
