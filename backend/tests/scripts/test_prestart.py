"""What runs before the server starts: wait for the database, migrate, and
create the first superuser exactly once."""

import asyncio
import logging
import os
import secrets
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import func, select
from sqlmodel.ext.asyncio.session import AsyncSession
from tenacity import stop_after_attempt, wait_fixed

from app import backend_pre_start, initial_data
from app.cli.running import UNAVAILABLE
from app.core.config import BACKEND_DIR, Settings, settings, to_async_url
from app.core.db import create_engine
from app.core.passwords import password_hash
from app.models import User
from tests.cli.running import invoke
from tests.factories import fresh_database

# Nothing listens on port 1: the connection is refused at once.
UNREACHABLE_DATABASE = "postgresql://postgres@127.0.0.1:1/app"
LOCAL_POSTGRES = "postgresql://postgres@127.0.0.1:5432/postgres"


def postgres_admin_url() -> str | None:
    """The PostgreSQL server under test, else the local one, if it answers."""
    under_test = os.environ.get("TEST_DATABASE", "sqlite")
    url = under_test if under_test.startswith("postgres") else LOCAL_POSTGRES
    try:
        with psycopg.connect(url, connect_timeout=2):
            return url
    except psycopg.OperationalError:
        return None


def postgres_database_exists(admin_url: str, name: str) -> bool:
    with psycopg.connect(admin_url) as admin:
        found = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
        return found.fetchone() is not None


def quick_to_give_up(monkeypatch: pytest.MonkeyPatch) -> None:
    quick = backend_pre_start.wait_for_database.retry_with(
        stop=stop_after_attempt(2), wait=wait_fixed(0)
    )
    monkeypatch.setattr(backend_pre_start, "wait_for_database", quick)


def migrate(connection: Connection) -> None:
    config = Config(str(BACKEND_DIR / "alembic.ini"))
    config.attributes["connection"] = connection
    config.attributes["configure_logger"] = False
    command.upgrade(config, "head")


async def migrate_url(url: str) -> None:
    engine = create_engine(settings, url=to_async_url(url))
    try:
        async with engine.begin() as connection:
            await connection.run_sync(migrate)
    finally:
        await engine.dispose()


async def stored_users(url: str) -> list[User]:
    engine: AsyncEngine = create_engine(settings, url=to_async_url(url))
    try:
        async with AsyncSession(engine) as session:
            return list((await session.exec(select(User))).all())
    finally:
        await engine.dispose()


async def count_users(url: str) -> int:
    engine = create_engine(settings, url=to_async_url(url))
    try:
        async with AsyncSession(engine) as session:
            return (await session.exec(select(func.count()).select_from(User))).one()
    finally:
        await engine.dispose()


@pytest.fixture
def missing_postgres_database(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, str]]:
    """Settings naming a database that does not exist on a live server;
    yields (admin URL, database name) and drops it afterwards."""
    admin_url = postgres_admin_url()
    if admin_url is None:
        pytest.skip("needs a PostgreSQL server")
    name = f"missing_{secrets.token_hex(6)}"
    monkeypatch.setattr(settings, "DATABASE_URL", f"{admin_url.rsplit('/', 1)[0]}/{name}")
    yield admin_url, name
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def migrated_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A migrated, empty database that the scripts' settings point at."""
    with fresh_database(tmp_path) as url:
        asyncio.run(migrate_url(url))
        monkeypatch.setattr(settings, "DATABASE_URL", url)
        yield url


async def demote_everyone(url: str) -> None:
    engine = create_engine(settings, url=to_async_url(url))
    async with engine.begin() as connection:
        await connection.execute(text('UPDATE "user" SET is_superuser = false, is_active = false'))
    await engine.dispose()


class TestInitialData:
    def test_creates_the_first_superuser(self, migrated_database: str) -> None:
        assert asyncio.run(initial_data.main_async()) == "created"
        [user] = asyncio.run(stored_users(migrated_database))
        assert user.email == settings.FIRST_SUPERUSER
        assert (user.is_superuser, user.is_active, user.is_verified) == (True, True, True)
        assert user.hashed_password is not None
        assert password_hash.verify(settings.FIRST_SUPERUSER_PASSWORD, user.hashed_password)

    def test_running_it_again_changes_nothing(self, migrated_database: str) -> None:
        asyncio.run(initial_data.main_async())
        [before] = asyncio.run(stored_users(migrated_database))
        assert asyncio.run(initial_data.main_async()) == "unchanged"
        [after] = asyncio.run(stored_users(migrated_database))
        assert (after.id, after.hashed_password) == (before.id, before.hashed_password)

    def test_gives_access_back_when_no_active_superuser_is_left(
        self, migrated_database: str
    ) -> None:
        asyncio.run(initial_data.main_async())
        asyncio.run(demote_everyone(migrated_database))
        assert asyncio.run(initial_data.main_async()) == "restored"
        [user] = asyncio.run(stored_users(migrated_database))
        assert (user.is_superuser, user.is_active) == (True, True)

    @pytest.mark.usefixtures("migrated_database")
    def test_says_whether_it_created_the_user(self) -> None:
        assert "created." in invoke("users", "ensure-superuser").stdout
        assert "already exists." in invoke("users", "ensure-superuser").stdout


class TestWaitingForTheDatabase:
    @pytest.mark.usefixtures("migrated_database")
    def test_succeeds_when_the_database_answers(self) -> None:
        result = invoke("db", "wait")
        assert result.exit_code == 0
        assert "The database is ready." in result.stdout

    def test_gives_up_with_exit_status_69_when_the_database_never_answers(
        self, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
    ) -> None:
        monkeypatch.setattr(settings, "DATABASE_URL", UNREACHABLE_DATABASE)
        quick_to_give_up(monkeypatch)
        with caplog.at_level(logging.INFO, logger="prestart"):
            result = invoke("db", "wait")
        assert result.exit_code == UNAVAILABLE
        assert "database not ready (attempt 2" in caplog.text
        assert "did not answer within" in result.stderr

    def test_creates_a_missing_postgres_database_in_local_development(
        self, missing_postgres_database: tuple[str, str]
    ) -> None:
        assert invoke("db", "wait").exit_code == 0
        assert postgres_database_exists(*missing_postgres_database)

    def test_never_creates_a_missing_database_outside_local_development(
        self, missing_postgres_database: tuple[str, str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(settings, "ENVIRONMENT", "production")
        quick_to_give_up(monkeypatch)
        assert invoke("db", "wait").exit_code == UNAVAILABLE
        assert not postgres_database_exists(*missing_postgres_database)


def test_prestart_script_migrates_and_seeds_a_fresh_database(tmp_path: Path) -> None:
    venv_bin = Path(sys.executable).parent
    inherited = {k: v for k, v in os.environ.items() if k not in Settings.model_fields}
    with fresh_database(tmp_path) as url:
        result = subprocess.run(
            ["bash", "scripts/prestart.sh"],
            cwd=BACKEND_DIR,
            env={
                **inherited,
                "PATH": f"{venv_bin}{os.pathsep}{os.environ['PATH']}",
                "VIRTUAL_ENV": str(venv_bin.parent),
                "ENV_FILE": "",
                "DATABASE_URL": url,
                "SECRET_KEY": "a-secret-key-for-this-test-only",
                "FIRST_SUPERUSER": "first@example.com",
                "FIRST_SUPERUSER_PASSWORD": "a-first-superuser-passphrase",
            },
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert asyncio.run(count_users(url)) == 1
    assert "First superuser first@example.com created." in result.stdout
