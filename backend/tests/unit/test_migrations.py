"""Migrations, on a fresh database of the engine under test: they build the
schema the models describe, and take it down again; a database from before
constraints were named by convention gets the names and keeps its rows."""

import os
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import SQLModel

from app.core.config import BACKEND_DIR, Settings, settings, to_async_url
from app.core.db import create_engine

# region capability: background_jobs
from app.jobs.models import queue_owns

# endregion capability: background_jobs
from app.models import UTCDateTime
from tests.conftest import TEST_DATABASE
from tests.factories import fresh_database

pytestmark = pytest.mark.whole_app

P = ParamSpec("P")
T = TypeVar("T")

MODEL_TABLES = set(SQLModel.metadata.tables)
VERSIONS_DIR = BACKEND_DIR / "app" / "alembic" / "versions"

# The revision that names constraints by the models' convention, and the one
# before it.
NAMING = "7f8d56a3b50a"
BEFORE_NAMING = "6a51d495a579"

# The revision that gives audit entries the target's address.
AUDIT_ADDRESSES = "340e2618d045"

# What the models' metadata was before it had a naming convention:
# SQLAlchemy's default, which names indexes only.
METADATA_BEFORE_NAMING = sa.MetaData()


def alembic_config(
    connection: Connection | None = None,
    *,
    target_metadata: sa.MetaData | None = None,
    extra_versions: Path | None = None,
) -> Config:
    config = Config(str(BACKEND_DIR / "alembic.ini"))
    config.attributes["connection"] = connection
    config.attributes["configure_logger"] = False
    if target_metadata is not None:
        config.attributes["target_metadata"] = target_metadata
    if extra_versions is not None:
        config.set_main_option(
            "version_locations", os.pathsep.join([str(VERSIONS_DIR), str(extra_versions)])
        )
    return config


def upgrade(
    connection: Connection, revision: str = "head", target_metadata: sa.MetaData | None = None
) -> None:
    command.upgrade(alembic_config(connection, target_metadata=target_metadata), revision)


def downgrade(connection: Connection, revision: str = "base") -> None:
    command.downgrade(alembic_config(connection), revision)


def managed_by_migrations(table: str) -> bool:
    owned_elsewhere: list[bool] = [
        # region capability: background_jobs
        queue_owns(table),  # the queue's own, which its library's schema script creates
        # endregion capability: background_jobs
    ]
    return not any(owned_elsewhere)


def table_names(connection: Connection) -> set[str]:
    """The tables the migrations manage."""
    return {name for name in inspect(connection).get_table_names() if managed_by_migrations(name)}


def schema_differences(connection: Connection) -> list[Any]:
    context = MigrationContext.configure(
        connection,
        opts={
            "compare_type": True,
            "include_name": lambda name, type_, _: type_ != "table" or managed_by_migrations(name),
        },
    )
    return list(compare_metadata(context, SQLModel.metadata))


def constraint_names(connection: Connection) -> dict[str, set[str | None]]:
    """Per model table the database has, the names of its primary key, foreign
    keys, unique and check constraints; None for each one stored without a
    name."""
    inspector = inspect(connection)
    return {
        table: {inspector.get_pk_constraint(table)["name"]}
        | {fk["name"] for fk in inspector.get_foreign_keys(table)}
        | {uq["name"] for uq in inspector.get_unique_constraints(table)}
        | {ck["name"] for ck in inspector.get_check_constraints(table)}
        for table in MODEL_TABLES & set(inspector.get_table_names())
    }


def model_constraint_names(tables: Iterable[str] = MODEL_TABLES) -> dict[str, set[object]]:
    return {
        name: {constraint.name for constraint in SQLModel.metadata.tables[name].constraints}
        for name in tables
    }


# Constraints that revisions after NAMING add to the tables it names.
ADDED_AFTER_NAMING: dict[str, set[object]] = {
    # region capability: items
    "item": {"item_organization_id_fkey"},
    # endregion capability: items
}


def constraints_at_naming() -> dict[str, set[object]]:
    return {
        table: names - ADDED_AFTER_NAMING.get(table, set())
        for table, names in model_constraint_names(ROWS).items()
    }


def foreign_key_names(connection: Connection, table: str) -> set[str | None]:
    return {fk["name"] for fk in inspect(connection).get_foreign_keys(table)}


USER_ID = uuid.uuid4()
SESSION_ID = uuid.uuid4()
WHEN = datetime(2026, 1, 1, tzinfo=UTC)

# One row in every table, written as the schema stood before the naming
# revision (not as the models stand now).
ROWS: dict[str, dict[str, Any]] = {
    "user": {
        "id": USER_ID,
        "email": "owner@example.com",
        "is_active": True,
        "is_superuser": False,
        "is_verified": True,
        "created_at": WHEN,
    },
    # region capability: items
    "item": {"id": uuid.uuid4(), "title": "kept", "owner_id": USER_ID, "created_at": WHEN},
    # endregion capability: items
    "auth_session": {
        "id": SESSION_ID,
        "user_id": USER_ID,
        "created_at": WHEN,
        "last_used_at": WHEN,
        "expires_at": WHEN,
    },
    "refresh_token": {"token_hash": "r" * 64, "session_id": SESSION_ID, "created_at": WHEN},
    "action_token": {
        "token_hash": "a" * 64,
        "user_id": USER_ID,
        "purpose": "verify_email",
        "created_at": WHEN,
        "expires_at": WHEN,
    },
    "audit_log": {"id": uuid.uuid4(), "created_at": WHEN, "action": "login", "actor_id": USER_ID},
    "rate_limit_counter": {"key": "login:owner", "window_start": WHEN, "count": 1},
}


def column_type(value: object) -> sa.types.TypeEngine[Any] | None:
    if isinstance(value, uuid.UUID):
        return sa.Uuid()
    if isinstance(value, datetime):
        return UTCDateTime()
    return None


def insert_rows(connection: Connection) -> None:
    for table, row in ROWS.items():
        columns = [sa.column(key, column_type(value)) for key, value in row.items()]
        connection.execute(sa.table(table, *columns).insert().values(row))
    connection.commit()


def row_counts(connection: Connection) -> dict[str, int]:
    return {
        table: connection.execute(sa.select(sa.func.count()).select_from(sa.table(table))).one()[0]
        for table in ROWS
    }


# region capability: items
def titles_of_the_owners_items(connection: Connection) -> list[str]:
    joined = 'SELECT item.title FROM item JOIN "user" ON "user".id = item.owner_id'
    return list(connection.exec_driver_sql(joined).scalars())


# endregion capability: items


def delete_the_user(connection: Connection) -> None:
    connection.execute(sa.text('DELETE FROM "user"'))
    connection.commit()


def audit_log_actors(connection: Connection) -> list[object]:
    return list(connection.exec_driver_sql("SELECT actor_id FROM audit_log").scalars())


def models_with_notes() -> sa.MetaData:
    """The models plus what adding a resource looks like: a table referencing
    user, and a new reference from an existing table."""
    metadata = sa.MetaData(naming_convention=SQLModel.metadata.naming_convention)
    for table in SQLModel.metadata.tables.values():
        table.to_metadata(metadata)
    sa.Table(
        "note",
        metadata,
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("author_id", sa.Uuid(), sa.ForeignKey("user.id", ondelete="CASCADE")),
    )
    metadata.tables["audit_log"].append_column(
        sa.Column("reviewer_id", sa.Uuid(), sa.ForeignKey("user.id", ondelete="SET NULL"))
    )
    return metadata


async def on_a_connection(
    engine: AsyncEngine,
    fn: Callable[Concatenate[Connection, P], T],
    *args: P.args,
    **kwargs: P.kwargs,
) -> T:
    """`fn` on a connection of its own, not yet in a transaction, as the
    alembic command gets one; what `fn` leaves uncommitted is rolled back."""
    async with engine.connect() as connection:
        return await connection.run_sync(fn, *args, **kwargs)


def add_notes_by_an_autogenerated_migration(connection: Connection, versions: Path) -> None:
    config = alembic_config(
        connection, target_metadata=models_with_notes(), extra_versions=versions
    )
    command.revision(config, "add notes", autogenerate=True, version_path=str(versions))
    command.upgrade(config, "head")


def undo_the_last_migration(connection: Connection, versions: Path) -> None:
    command.downgrade(alembic_config(connection, extra_versions=versions), "-1")


@pytest.fixture
def database_url(tmp_path: Path) -> Iterator[str]:
    with fresh_database(tmp_path) as url:
        yield url


@pytest.fixture
async def fresh_engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(settings, url=to_async_url(database_url))
    yield engine
    await engine.dispose()


def test_there_is_a_single_head() -> None:
    assert len(ScriptDirectory.from_config(alembic_config()).get_heads()) == 1


async def test_upgrade_head_creates_every_model_table(fresh_engine: AsyncEngine) -> None:
    async with fresh_engine.begin() as connection:
        await connection.run_sync(upgrade)
        assert await connection.run_sync(table_names) == MODEL_TABLES | {"alembic_version"}


async def test_models_and_migrations_agree(fresh_engine: AsyncEngine) -> None:
    async with fresh_engine.begin() as connection:
        await connection.run_sync(upgrade)
        assert await connection.run_sync(schema_differences) == []


async def test_downgrade_base_removes_every_table(fresh_engine: AsyncEngine) -> None:
    async with fresh_engine.begin() as connection:
        await connection.run_sync(upgrade)
        await connection.run_sync(downgrade)
        assert await connection.run_sync(table_names) <= {"alembic_version"}


async def test_upgrade_after_a_downgrade_rebuilds_the_same_schema(
    fresh_engine: AsyncEngine,
) -> None:
    async with fresh_engine.begin() as connection:
        await connection.run_sync(upgrade)
        await connection.run_sync(downgrade)
        await connection.run_sync(upgrade)
        assert await connection.run_sync(schema_differences) == []


def test_the_alembic_command_migrates_the_configured_database(database_url: str) -> None:
    """What prestart.sh runs: the command line, reading DATABASE_URL."""
    inherited = {k: v for k, v in os.environ.items() if k not in Settings.model_fields}
    result = subprocess.run(
        [sys.executable, "-m", "alembic", "upgrade", "head"],
        cwd=BACKEND_DIR,
        env={
            **inherited,
            "ENV_FILE": "",
            "DATABASE_URL": database_url,
            "SECRET_KEY": "a-secret-key-for-this-test-only",
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Running upgrade" in result.stderr


async def test_every_constraint_has_the_name_the_models_give_it(fresh_engine: AsyncEngine) -> None:
    async with fresh_engine.begin() as connection:
        await connection.run_sync(upgrade)
        assert await connection.run_sync(constraint_names) == model_constraint_names()


async def test_naming_the_constraints_keeps_every_row(fresh_engine: AsyncEngine) -> None:
    await on_a_connection(fresh_engine, upgrade, BEFORE_NAMING, METADATA_BEFORE_NAMING)
    await on_a_connection(fresh_engine, insert_rows)
    names_before = await on_a_connection(fresh_engine, constraint_names)

    await on_a_connection(fresh_engine, upgrade, NAMING)
    assert await on_a_connection(fresh_engine, row_counts) == dict.fromkeys(ROWS, 1)
    # region capability: items
    assert await on_a_connection(fresh_engine, titles_of_the_owners_items) == ["kept"]
    # endregion capability: items
    # The tables of later migrations (a new resource's) don't exist yet.
    assert await on_a_connection(fresh_engine, constraint_names) == constraints_at_naming()

    await on_a_connection(fresh_engine, downgrade, BEFORE_NAMING)
    assert await on_a_connection(fresh_engine, row_counts) == dict.fromkeys(ROWS, 1)
    assert await on_a_connection(fresh_engine, constraint_names) == names_before


async def test_a_database_from_before_the_convention_agrees_with_the_models_at_head(
    fresh_engine: AsyncEngine,
) -> None:
    await on_a_connection(fresh_engine, upgrade, BEFORE_NAMING, METADATA_BEFORE_NAMING)
    await on_a_connection(fresh_engine, upgrade)
    assert await on_a_connection(fresh_engine, schema_differences) == []
    assert await on_a_connection(fresh_engine, constraint_names) == model_constraint_names()


async def test_named_references_still_cascade(fresh_engine: AsyncEngine) -> None:
    await on_a_connection(fresh_engine, upgrade, BEFORE_NAMING, METADATA_BEFORE_NAMING)
    await on_a_connection(fresh_engine, insert_rows)
    await on_a_connection(fresh_engine, upgrade, NAMING)

    await on_a_connection(fresh_engine, delete_the_user)

    counts = await on_a_connection(fresh_engine, row_counts)
    assert counts == {**dict.fromkeys(ROWS, 0), "audit_log": 1, "rate_limit_counter": 1}
    assert await on_a_connection(fresh_engine, audit_log_actors) == [None]


@pytest.mark.skipif(TEST_DATABASE != "sqlite", reason="only SQLite rebuilds tables to name them")
async def test_naming_the_constraints_refuses_to_run_where_enforced_references_would_delete_rows(
    fresh_engine: AsyncEngine,
) -> None:
    await on_a_connection(fresh_engine, upgrade, BEFORE_NAMING, METADATA_BEFORE_NAMING)
    await on_a_connection(fresh_engine, insert_rows)

    # In a transaction already open, foreign keys can no longer be unenforced.
    async with fresh_engine.begin() as connection:
        with pytest.raises(RuntimeError, match="would delete rows"):
            await connection.run_sync(upgrade, NAMING)
        await connection.rollback()

    assert await on_a_connection(fresh_engine, row_counts) == dict.fromkeys(ROWS, 1)


async def test_an_autogenerated_migration_adding_references_to_user_upgrades_and_downgrades(
    fresh_engine: AsyncEngine, tmp_path: Path
) -> None:
    await on_a_connection(fresh_engine, upgrade)

    await on_a_connection(fresh_engine, add_notes_by_an_autogenerated_migration, tmp_path)
    assert await on_a_connection(fresh_engine, foreign_key_names, "note") == {"note_author_id_fkey"}
    assert await on_a_connection(fresh_engine, foreign_key_names, "audit_log") == {
        "audit_log_actor_id_fkey",
        "audit_log_reviewer_id_fkey",
    }

    await on_a_connection(fresh_engine, undo_the_last_migration, tmp_path)
    assert await on_a_connection(fresh_engine, schema_differences) == []


GONE_ID = uuid.uuid4()

# Audit entries as they stood before AUDIT_ADDRESSES, and the target address
# each one gets: ROWS' user still exists (owner@example.com), GONE_ID was
# deleted, so only what the entry itself says can name them.
AUDIT_ROWS_AND_TARGETS: list[tuple[dict[str, Any], str | None]] = [
    ({"action": "user_updated", "actor_email": "boss@example.com", "target_user_id": USER_ID},
     "owner@example.com"),
    ({"action": "login", "actor_email": "gone@example.com", "target_user_id": GONE_ID},
     "gone@example.com"),
    ({"action": "login_failed", "actor_email": "gone@example.com", "target_user_id": GONE_ID},
     "gone@example.com"),
    ({"action": "user_deleted", "actor_email": "gone@example.com", "target_user_id": GONE_ID},
     "gone@example.com"),
    ({"action": "user_deleted", "actor_email": "boss@example.com", "target_user_id": GONE_ID,
      "detail": "@example.com"},
     None),
    ({"action": "login_failed", "actor_email": None, "target_user_id": None}, None),
]  # fmt: skip


def insert_audit_rows(connection: Connection) -> None:
    for index, (row, _target) in enumerate(AUDIT_ROWS_AND_TARGETS):
        values = {"id": uuid.uuid4(), "created_at": WHEN.replace(minute=index), **row}
        columns = [sa.column(key, column_type(value)) for key, value in values.items()]
        connection.execute(sa.table("audit_log", *columns).insert().values(values))
    connection.commit()


def audit_targets(connection: Connection) -> list[str | None]:
    """Of the entries without an actor id: those of AUDIT_ROWS_AND_TARGETS."""
    query = "SELECT target_email FROM audit_log WHERE actor_id IS NULL ORDER BY created_at"
    return list(connection.exec_driver_sql(query).scalars())


async def test_audit_entries_get_their_targets_address_where_it_can_be_known(
    fresh_engine: AsyncEngine,
) -> None:
    await on_a_connection(fresh_engine, upgrade, NAMING)
    await on_a_connection(fresh_engine, insert_rows)
    await on_a_connection(fresh_engine, insert_audit_rows)

    await on_a_connection(fresh_engine, upgrade, AUDIT_ADDRESSES)

    expected = [target for _row, target in AUDIT_ROWS_AND_TARGETS]
    assert await on_a_connection(fresh_engine, audit_targets) == expected
    assert await on_a_connection(fresh_engine, row_counts) == dict.fromkeys(ROWS, 1) | {
        "audit_log": 1 + len(AUDIT_ROWS_AND_TARGETS)
    }

    await on_a_connection(fresh_engine, downgrade, NAMING)
    assert await on_a_connection(fresh_engine, row_counts) == dict.fromkeys(ROWS, 1) | {
        "audit_log": 1 + len(AUDIT_ROWS_AND_TARGETS)
    }


def revision_before(revision: str) -> str:
    """The revision `revision` follows (the one to upgrade to first, to have
    rows from before it)."""
    before = ScriptDirectory.from_config(alembic_config()).get_revision(revision).down_revision
    assert isinstance(before, str)
    return before


# The revision that gives sessions the time of their last proof of identity.
SESSION_PROOF = "c3d9e2a17b40"


def session_proofs(connection: Connection) -> list[tuple[object, object]]:
    query = "SELECT created_at, proven_at FROM auth_session"
    return [tuple(row) for row in connection.exec_driver_sql(query)]


async def test_sessions_from_before_count_as_proven_when_they_were_created(
    fresh_engine: AsyncEngine,
) -> None:
    before = revision_before(SESSION_PROOF)
    await on_a_connection(fresh_engine, upgrade, before)
    await on_a_connection(fresh_engine, insert_rows)

    await on_a_connection(fresh_engine, upgrade, SESSION_PROOF)
    [(created_at, proven_at)] = await on_a_connection(fresh_engine, session_proofs)
    assert proven_at == created_at

    await on_a_connection(fresh_engine, downgrade, before)
    assert await on_a_connection(fresh_engine, row_counts) == dict.fromkeys(ROWS, 1)


# region capability: organizations
# The revision that brings organizations.
ORGANIZATIONS = "d41e7a9c0b52"
NEWCOMER_ID = uuid.uuid4()


def hexed(value: object) -> str:
    return uuid.UUID(str(value)).hex


def insert_two_users(connection: Connection) -> None:
    """ROWS' user, and a newcomer."""
    user = sa.table(
        "user", *(sa.column(key, column_type(value)) for key, value in ROWS["user"].items())
    )
    connection.execute(user.insert().values(ROWS["user"]))
    connection.execute(
        user.insert().values({**ROWS["user"], "id": NEWCOMER_ID, "email": "new@example.com"})
    )
    connection.commit()


def personal_memberships(connection: Connection) -> list[tuple[str, str, str]]:
    """Per membership of a personal organization: whose organization it is,
    the member and their role."""
    memberships = connection.exec_driver_sql(
        "SELECT o.personal_for_id, m.user_id, m.role FROM organization o "
        "JOIN membership m ON m.organization_id = o.id"
    ).all()
    return sorted((hexed(p), hexed(u), r) for p, u, r in memberships)


async def test_every_user_gets_a_personal_organization_they_own(
    fresh_engine: AsyncEngine,
) -> None:
    before = revision_before(ORGANIZATIONS)
    await on_a_connection(fresh_engine, upgrade, before)
    await on_a_connection(fresh_engine, insert_two_users)

    await on_a_connection(fresh_engine, upgrade, ORGANIZATIONS)
    assert await on_a_connection(fresh_engine, personal_memberships) == sorted(
        [(USER_ID.hex, USER_ID.hex, "owner"), (NEWCOMER_ID.hex, NEWCOMER_ID.hex, "owner")]
    )

    await on_a_connection(fresh_engine, downgrade, before)
    assert "organization" not in await on_a_connection(fresh_engine, table_names)


# endregion capability: organizations
# region capability: items
def insert_two_items(connection: Connection) -> None:
    """Two items of ROWS' user."""
    item = sa.table(
        "item", *(sa.column(key, column_type(value)) for key, value in ROWS["item"].items())
    )
    for title in ("first", "second"):
        connection.execute(
            item.insert().values({**ROWS["item"], "id": uuid.uuid4(), "title": title})
        )
    connection.commit()


def items_by_organization(connection: Connection) -> list[tuple[str, str]]:
    """Each item's title, after whose personal organization holds it."""
    items = connection.exec_driver_sql(
        "SELECT o.personal_for_id, i.title FROM item i "
        "JOIN organization o ON o.id = i.organization_id ORDER BY i.title"
    ).all()
    return [(hexed(p), title) for p, title in items]


async def test_a_users_items_move_into_their_personal_organization_and_back(
    fresh_engine: AsyncEngine,
) -> None:
    before = revision_before(ORGANIZATIONS)
    await on_a_connection(fresh_engine, upgrade, before)
    await on_a_connection(fresh_engine, insert_two_users)
    await on_a_connection(fresh_engine, insert_two_items)

    await on_a_connection(fresh_engine, upgrade, ORGANIZATIONS)
    assert await on_a_connection(fresh_engine, items_by_organization) == [
        (USER_ID.hex, "first"),
        (USER_ID.hex, "second"),
    ]

    await on_a_connection(fresh_engine, downgrade, before)
    titles = await on_a_connection(fresh_engine, titles_of_the_owners_items)
    assert sorted(titles) == ["first", "second"]


# The revision after which an item outlives its creator's account.
KEEP_ROWS = "f15f9cd3919a"
TEAM_OWNER_ID, CREATOR_ID, TEAM_ID = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()


def a_team_with_an_item_by_a_member(connection: Connection) -> None:
    """A team of two: its Owner, and a Member who created its one item."""

    def table(name: str, row: dict[str, Any]) -> sa.TableClause:
        return sa.table(name, *(sa.column(key, column_type(value)) for key, value in row.items()))

    for user_id, email in ((TEAM_OWNER_ID, "owner@example.com"), (CREATOR_ID, "maker@example.com")):
        row = {**ROWS["user"], "id": user_id, "email": email}
        connection.execute(table("user", row).insert().values(row))
    team = {"id": TEAM_ID, "name": "Team", "slug": "team", "created_at": WHEN}
    connection.execute(table("organization", team).insert().values(team))
    for user_id, role in ((TEAM_OWNER_ID, "owner"), (CREATOR_ID, "member")):
        membership = {
            "organization_id": TEAM_ID,
            "user_id": user_id,
            "role": role,
            "created_at": WHEN,
        }
        connection.execute(table("membership", membership).insert().values(membership))
    item = {**ROWS["item"], "owner_id": CREATOR_ID, "organization_id": TEAM_ID}
    connection.execute(table("item", item).insert().values(item))
    connection.commit()


def delete_the_creator(connection: Connection) -> None:
    user = sa.table("user", sa.column("id", sa.Uuid()))
    connection.execute(user.delete().where(user.c.id == CREATOR_ID))
    connection.commit()


def item_creators(connection: Connection) -> list[str | None]:
    creators = connection.exec_driver_sql("SELECT owner_id FROM item").scalars()
    return [None if value is None else uuid.UUID(str(value)).hex for value in creators]


async def test_an_item_outlives_its_creators_account_and_a_downgrade_gives_it_the_owner(
    fresh_engine: AsyncEngine,
) -> None:
    before = revision_before(KEEP_ROWS)
    await on_a_connection(fresh_engine, upgrade, before)
    await on_a_connection(fresh_engine, a_team_with_an_item_by_a_member)
    await on_a_connection(fresh_engine, upgrade, KEEP_ROWS)

    await on_a_connection(fresh_engine, delete_the_creator)
    assert await on_a_connection(fresh_engine, item_creators) == [None]

    await on_a_connection(fresh_engine, downgrade, before)
    assert await on_a_connection(fresh_engine, item_creators) == [TEAM_OWNER_ID.hex]


# endregion capability: items
# region capability: file_storage
# The revision that adds item attachments and profile pictures.
FILES = "d33657f8d4ea"


def attach_a_file_and_a_picture(connection: Connection) -> None:
    item = sa.table("item", sa.column("id", sa.Uuid()))
    item_id = connection.execute(sa.select(item.c.id)).scalar_one()
    attachment = sa.table(
        "attachment",
        sa.column("id", sa.Uuid()),
        sa.column("item_id", sa.Uuid()),
        sa.column("owner_id", sa.Uuid()),
        sa.column("filename"),
        sa.column("content_type"),
        sa.column("size"),
        sa.column("key"),
        sa.column("created_at", sa.DateTime(timezone=True)),
    )
    connection.execute(
        attachment.insert().values(
            id=uuid.uuid4(),
            item_id=item_id,
            owner_id=USER_ID,
            filename="notes.txt",
            content_type="text/plain",
            size=5_000_000_000,
            key="attachments/0123",
            created_at=WHEN,
        )
    )
    user = sa.table("user", sa.column("id", sa.Uuid()), sa.column("avatar_id", sa.Uuid()))
    connection.execute(user.update().values(avatar_id=uuid.uuid4()))
    connection.commit()


def attachment_sizes(connection: Connection) -> list[int]:
    return list(connection.exec_driver_sql("SELECT size FROM attachment").scalars())


async def test_files_migrate_with_rows_both_ways(fresh_engine: AsyncEngine) -> None:
    before = revision_before(FILES)
    await on_a_connection(fresh_engine, upgrade, BEFORE_NAMING)
    await on_a_connection(fresh_engine, insert_rows)
    await on_a_connection(fresh_engine, upgrade, FILES)
    await on_a_connection(fresh_engine, attach_a_file_and_a_picture)
    assert await on_a_connection(fresh_engine, attachment_sizes) == [5_000_000_000]

    await on_a_connection(fresh_engine, downgrade, before)
    assert "attachment" not in await on_a_connection(fresh_engine, table_names)
    assert await on_a_connection(fresh_engine, row_counts) == dict.fromkeys(ROWS, 1)
    await on_a_connection(fresh_engine, upgrade, FILES)
    assert await on_a_connection(fresh_engine, attachment_sizes) == []


# endregion capability: file_storage
