"""Migrations, on a fresh database of the engine under test: they build the
schema the models describe, and take it down again."""

import os
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
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
from tests.factories import fresh_database

MODEL_TABLES = set(SQLModel.metadata.tables)


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config(str(BACKEND_DIR / "alembic.ini"))
    config.attributes["connection"] = connection
    config.attributes["configure_logger"] = False
    return config


def upgrade(connection: Connection) -> None:
    command.upgrade(alembic_config(connection), "head")


def downgrade(connection: Connection) -> None:
    command.downgrade(alembic_config(connection), "base")


def table_names(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names())


def schema_differences(connection: Connection) -> list[Any]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, SQLModel.metadata))


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
