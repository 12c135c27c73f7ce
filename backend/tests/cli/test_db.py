"""`app db`: migrations through Alembic, and whether the schema is current."""

from tests.cli.running import invoke


def test_upgrade_builds_an_empty_database_and_current_says_it_is_up_to_date(
    database: str,
) -> None:
    result = invoke("db", "current")
    assert result.exit_code == 0, result.output
    assert "(up to date)" in result.stdout


def test_current_on_an_empty_database_says_nothing_is_applied(empty_database: str) -> None:
    result = invoke("db", "current")
    assert result.exit_code == 0, result.output
    assert "none (empty database)" in result.stdout


def test_downgrade_one_step_leaves_the_database_behind_and_upgrade_catches_up(
    database: str,
) -> None:
    assert invoke("db", "downgrade", "-1").exit_code == 0
    assert "behind: newest is" in invoke("db", "current").stdout
    assert invoke("db", "upgrade").exit_code == 0
    assert "(up to date)" in invoke("db", "current").stdout


def test_check_passes_when_the_models_match_the_migrations(database: str) -> None:
    result = invoke("db", "check")
    assert result.exit_code == 0, result.output
    assert "match" in result.stdout


def test_downgrade_needs_a_target(database: str) -> None:
    result = invoke("db", "downgrade")
    assert result.exit_code == 2
    assert "Missing argument" in result.output
