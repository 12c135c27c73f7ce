"""The panel keeps the rule the API keeps: the last active superuser can be
neither demoted, deactivated nor deleted there, and no race gets round it.
A refusal says why on the page, and leaves the row and the audit log as
they were."""

import asyncio
import logging
from urllib.parse import urlsplit

import pytest
from httpx import AsyncClient, Response
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import col, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from app.accounts import LAST_SUPERUSER
from app.admin_db.access import HANDOFF_PATH
from app.admin_db.account_rules import keep_an_active_superuser
from app.admin_db.audit import ACTION
from app.admin_db.sessions import sessions
from app.models import AuditLog, User
from tests.admin_db.browser import form_fields, superuser_in_panel
from tests.conftest import TEST_DATABASE
from tests.factories import create_user

# How each change is made in the panel: an edit that unticks a box, or a delete.
UNTICKED = {"demote": "is_superuser", "deactivate": "is_active"}
CHANGES = [*UNTICKED, "delete"]


async def make(change: str, client: AsyncClient, target: User) -> Response:
    """Make `change` to `target` as a person does in the panel; a delete's
    answer is the page the browser goes to next (the list, with any error)."""
    if change == "delete":
        answer = await client.delete("/admin-db/user/delete", params={"pks": str(target.id)})
        assert answer.status_code == 200, answer.text
        return await client.get(answer.text)
    edit = await client.get(f"/admin-db/user/edit/{target.id}")
    fields = form_fields(edit.text)
    del fields[UNTICKED[change]]  # an unticked box is not sent
    return await client.post(f"/admin-db/user/edit/{target.id}", data=fields)


def removed(change: str, user: User | None) -> bool:
    """Whether `change` took effect on `user` (None: deleted)."""
    if change == "delete":
        return user is None
    assert user is not None
    return not getattr(user, UNTICKED[change])


async def stored(db: AsyncSession, user: User) -> User | None:
    return await db.get(User, user.id, populate_existing=True)


async def audit_entries(db: AsyncSession) -> list[AuditLog]:
    rows = await db.exec(select(AuditLog).where(col(AuditLog.action) == ACTION))
    return list(rows.all())


async def active_superusers(db: AsyncSession) -> int:
    query = select(func.count()).where(
        col(User.is_superuser).is_(True), col(User.is_active).is_(True)
    )
    return (await db.exec(query)).one()


@pytest.mark.parametrize("change", CHANGES)
async def test_the_last_active_superuser_is_kept_with_the_reason_shown(
    panel: AsyncClient, db: AsyncSession, change: str
) -> None:
    admin = await superuser_in_panel(panel, db)
    page = await make(change, panel, admin)
    assert page.status_code == (200 if change == "delete" else 400)
    assert LAST_SUPERUSER in page.text
    kept = await stored(db, admin)
    assert kept is not None
    assert (kept.is_superuser, kept.is_active) == (True, True)
    assert await audit_entries(db) == []


@pytest.mark.parametrize("change", CHANGES)
async def test_a_refusal_is_logged_as_one_line_not_as_an_error(
    panel: AsyncClient, db: AsyncSession, change: str, caplog: pytest.LogCaptureFixture
) -> None:
    admin = await superuser_in_panel(panel, db)
    with caplog.at_level(logging.INFO, logger="sqladmin"):
        await make(change, panel, admin)
    logged = [record for record in caplog.records if record.name.startswith("sqladmin")]
    assert [(r.levelname, r.getMessage(), r.exc_info) for r in logged] == [
        ("INFO", f"refused in the panel: {LAST_SUPERUSER}", None)
    ]


@pytest.mark.parametrize("change", CHANGES)
async def test_an_inactive_superuser_does_not_count_as_another_one(
    panel: AsyncClient, db: AsyncSession, change: str
) -> None:
    admin = await superuser_in_panel(panel, db)
    await create_user(db=db, is_superuser=True, is_active=False)
    page = await make(change, panel, admin)
    assert LAST_SUPERUSER in page.text
    assert not removed(change, await stored(db, admin))


@pytest.mark.parametrize("change", CHANGES)
async def test_the_same_change_is_made_while_another_active_superuser_remains(
    panel: AsyncClient, db: AsyncSession, change: str
) -> None:
    admin = await superuser_in_panel(panel, db)
    await create_user(db=db, is_superuser=True)
    page = await make(change, panel, admin)
    assert LAST_SUPERUSER not in page.text
    assert removed(change, await stored(db, admin))
    assert [entry.target_user_id for entry in await audit_entries(db)] == [admin.id]
    assert await active_superusers(db) == 1


@pytest.fixture
async def live_panel(engine: AsyncEngine, live_client: AsyncClient) -> AsyncClient:
    """The panel on the real connection pool, committing for real (the
    next test's `panel` binds it to that test's transaction again)."""
    sessions.use(engine)
    return live_client


def succeeded(change: str, answer: Response) -> bool:
    """Whether the panel made the change (not: refused it, or turned away a
    caller who was removed meanwhile)."""
    if change == "delete":
        return answer.status_code == 200 and "error=" not in answer.text
    location = urlsplit(answer.headers.get("location", "")).path
    return answer.status_code == 302 and location not in ("", HANDOFF_PATH)


@pytest.mark.parametrize("change", CHANGES)
async def test_removing_both_of_the_last_two_at_once_leaves_one(
    live_panel: AsyncClient, engine: AsyncEngine, change: str
) -> None:
    async with AsyncSession(engine, expire_on_commit=False) as db:
        admin = await superuser_in_panel(live_panel, db)
        other = await create_user(db=db, is_superuser=True)
    forms = {}
    if change != "delete":
        for target in (admin, other):
            edit = await live_panel.get(f"/admin-db/user/edit/{target.id}")
            forms[target.id] = form_fields(edit.text)
            del forms[target.id][UNTICKED[change]]

    async def remove(target: User) -> Response:
        if change == "delete":
            url = "/admin-db/user/delete"
            return await live_panel.delete(url, params={"pks": str(target.id)})
        return await live_panel.post(f"/admin-db/user/edit/{target.id}", data=forms[target.id])

    answers = await asyncio.gather(remove(admin), remove(other))

    assert [succeeded(change, answer) for answer in answers].count(True) == 1
    async with AsyncSession(engine) as db:
        assert await active_superusers(db) == 1


@pytest.mark.skipif(TEST_DATABASE == "sqlite", reason="SQLite locks the database, not rows")
async def test_the_check_holds_its_row_locks_until_the_panels_write_ends(
    live_panel: AsyncClient, engine: AsyncEngine
) -> None:
    """What makes the race above safe, without relying on its timing: a
    second request cannot read the superusers as they were before the
    first one's change commits."""
    async with AsyncSession(engine, expire_on_commit=False) as db:
        admin = await create_user(db=db, is_superuser=True)
        other = await create_user(db=db, is_superuser=True)
    async with sessions() as panel_session:
        losing = await panel_session.get(User, other.id)
        assert losing is not None
        await keep_an_active_superuser(losing)  # allowed: another remains
        async with engine.connect() as elsewhere:
            locking = select(User).where(col(User.id) == admin.id).with_for_update(nowait=True)
            with pytest.raises(DBAPIError, match="lock"):
                await elsewhere.execute(locking)
