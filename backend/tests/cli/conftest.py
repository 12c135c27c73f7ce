"""The command line against a database of its own (the engine under test):
commands commit for real, so no other test sees their rows."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.config import settings
from tests.cli.running import invoke
from tests.factories import fresh_database


@pytest.fixture
def empty_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A database with no tables yet, which the commands' settings point at."""
    with fresh_database(tmp_path) as url:
        monkeypatch.setattr(settings, "DATABASE_URL", url)
        yield url


@pytest.fixture
def database(empty_database: str) -> str:
    """A database migrated by `app db upgrade`."""
    result = invoke("db", "upgrade")
    assert result.exit_code == 0, result.output
    return empty_database
