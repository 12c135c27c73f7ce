"""The command as a shell runs it: `app` and `python -m app`, help on
every command, completion, and failures as one line with a meaningful
exit status."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.main import get_command

from app.cli.main import cli
from app.cli.running import NOT_FOUND, UNAVAILABLE
from app.core.config import BACKEND_DIR, Settings
from tests.cli.running import invoke

VENV_BIN = Path(sys.executable).parent


def shell(*command: str, database_url: str, **extra: str) -> subprocess.CompletedProcess[str]:
    inherited = {k: v for k, v in os.environ.items() if k not in Settings.model_fields}
    environment = {
        **inherited,
        "ENV_FILE": "",
        "DATABASE_URL": database_url,
        "SECRET_KEY": "a-secret-key-for-the-command-line-tests",
        **extra,
    }
    return subprocess.run(
        command, cwd=BACKEND_DIR, env=environment, capture_output=True, text=True, timeout=120
    )


def command_paths() -> list[list[str]]:
    """Every group and command of the tree, as the words that name it."""
    found: list[list[str]] = []

    def walk(command: object, words: list[str]) -> None:
        found.append(words)
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, [*words, name])

    walk(get_command(cli), [])
    return found


@pytest.mark.parametrize("words", command_paths(), ids=lambda words: " ".join(words) or "app")
def test_every_command_has_help(words: list[str]) -> None:
    result = invoke(*words, "--help")
    assert result.exit_code == 0, result.output
    assert "Usage: app" in result.stdout


@pytest.mark.parametrize(
    "command",
    [[str(VENV_BIN / "app")], [sys.executable, "-m", "app"]],
    ids=["app", "python -m app"],
)
def test_both_entry_points_run_the_same_command(command: list[str], database: str) -> None:
    result = shell(*command, "db", "current", database_url=database)
    assert result.returncode == 0, result.stderr
    assert "(up to date)" in result.stdout


def test_the_shell_completes_command_names(database: str) -> None:
    result = shell(
        str(VENV_BIN / "app"),
        database_url=database,
        _APP_COMPLETE="complete_bash",
        COMP_WORDS="app us",
        COMP_CWORD="1",
    )
    assert result.stdout.split() == ["users"]


def test_a_failure_is_one_line_and_its_exit_status_says_what_kind(database: str) -> None:
    result = shell(
        sys.executable,
        "-m",
        "app",
        "users",
        "deactivate",
        "nobody@example.com",
        database_url=database,
    )
    assert result.returncode == NOT_FOUND
    assert result.stderr == "Error: no user has the address nobody@example.com\n"


def test_debug_shows_the_traceback(database: str) -> None:
    result = shell(
        sys.executable,
        "-m",
        "app",
        "--debug",
        "users",
        "deactivate",
        "nobody@example.com",
        database_url=database,
    )
    assert result.returncode == 1
    assert "Traceback (most recent call last)" in result.stderr


def test_a_database_that_does_not_answer_exits_69() -> None:
    result = shell(
        sys.executable,
        "-m",
        "app",
        "db",
        "current",
        database_url="postgresql://nobody@127.0.0.1:1/none",
    )
    assert result.returncode == UNAVAILABLE
    [line] = result.stderr.splitlines()
    assert line.startswith("Error: the database did not answer")


def test_invalid_settings_are_one_line_too() -> None:
    result = shell(sys.executable, "-m", "app", "check", database_url="mysql://somewhere/db")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "Configuration error: DATABASE_URL must be postgresql:// or sqlite://, not mysql://"
    ]


def test_no_argument_shows_the_commands() -> None:
    result = invoke()
    assert result.exit_code == 2
    assert "Commands" in result.output
    assert "users" in result.output
