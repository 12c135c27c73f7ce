"""Settings: which database URL is used, with which driver, and which
deployed configurations are refused before anything starts."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.core import config
from app.core.config import (
    BACKEND_DIR,
    DATA_DIR,
    ConfigurationError,
    Settings,
    to_async_url,
)

SAFE_SECRET = "a-long-random-value-for-this-test"


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """No database or mail settings from the test run's environment."""
    for name in Settings.model_fields:
        if name not in ("SECRET_KEY", "ENVIRONMENT"):
            monkeypatch.delenv(name, raising=False)
    return monkeypatch


def start_up(**env: str) -> subprocess.CompletedProcess[str]:
    """Import the settings in a fresh interpreter, as the server would."""
    inherited = {k: v for k, v in os.environ.items() if k not in Settings.model_fields}
    return subprocess.run(
        [sys.executable, "-c", "import app.core.config"],
        cwd=BACKEND_DIR,
        env={**inherited, "ENV_FILE": "", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def production(**overrides: str) -> dict[str, str]:
    """A production configuration that starts, with some values overridden."""
    return {
        "ENVIRONMENT": "production",
        "DATABASE_URL": "postgresql://app:secret@db.internal:5432/app",
        "SECRET_KEY": SAFE_SECRET,
        "FIRST_SUPERUSER_PASSWORD": SAFE_SECRET,
        **overrides,
    }


def assert_refused_in_one_line(result: subprocess.CompletedProcess[str], mentions: str) -> None:
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Configuration error:")
    assert mentions in lines[0]


class TestDatabaseUrlChoice:
    def test_database_url_wins_over_postgres_settings(self, clean_env: pytest.MonkeyPatch) -> None:
        clean_env.setenv("DATABASE_URL", "sqlite:////srv/app.db")
        clean_env.setenv("POSTGRES_SERVER", "db.internal")
        assert Settings().database_url == "sqlite+aiosqlite:////srv/app.db"

    def test_postgres_settings_build_a_psycopg_url(self, clean_env: pytest.MonkeyPatch) -> None:
        clean_env.setenv("POSTGRES_SERVER", "db.internal")
        clean_env.setenv("POSTGRES_PORT", "6543")
        clean_env.setenv("POSTGRES_USER", "app")
        clean_env.setenv("POSTGRES_PASSWORD", "pw")
        clean_env.setenv("POSTGRES_DB", "appdb")
        assert Settings().database_url == "postgresql+psycopg://app:pw@db.internal:6543/appdb"

    def test_postgres_settings_without_a_password_leave_it_out(
        self, clean_env: pytest.MonkeyPatch
    ) -> None:
        clean_env.setenv("POSTGRES_SERVER", "db.internal")
        assert Settings().database_url == "postgresql+psycopg://postgres@db.internal:5432/app"

    @pytest.mark.usefixtures("clean_env")
    def test_without_database_settings_sqlite_in_the_data_directory(self) -> None:
        assert Settings().database_url == f"sqlite+aiosqlite:///{DATA_DIR / 'app.db'}"

    def test_empty_database_url_counts_as_unset(self, clean_env: pytest.MonkeyPatch) -> None:
        clean_env.setenv("DATABASE_URL", "")
        clean_env.setenv("POSTGRES_SERVER", "db.internal")
        assert Settings().database_url.startswith("postgresql+psycopg://")


class TestDriverPicking:
    @pytest.mark.parametrize(
        ("given", "used"),
        [
            ("postgresql://u:p@h:5432/d", "postgresql+psycopg://u:p@h:5432/d"),
            ("postgres://u@h/d", "postgresql+psycopg://u@h/d"),
            ("postgresql+asyncpg://u@h/d", "postgresql+psycopg://u@h/d"),
            ("postgresql+psycopg2://u@h/d", "postgresql+psycopg://u@h/d"),
            ("sqlite:////abs/app.db", "sqlite+aiosqlite:////abs/app.db"),
            ("sqlite:///rel.db", "sqlite+aiosqlite:///rel.db"),
            ("sqlite+pysqlite:///rel.db", "sqlite+aiosqlite:///rel.db"),
        ],
    )
    def test_the_async_driver_is_chosen(self, given: str, used: str) -> None:
        assert to_async_url(given) == used

    @pytest.mark.parametrize("given", ["mysql://u@h/d", "app.db", "oracle+cx://h"])
    def test_unsupported_urls_are_refused(self, given: str) -> None:
        with pytest.raises(ConfigurationError, match="DATABASE_URL"):
            to_async_url(given)


class TestOtherSettings:
    def test_cors_origins_are_read_comma_separated_with_the_frontend_added(
        self, clean_env: pytest.MonkeyPatch
    ) -> None:
        clean_env.setenv("BACKEND_CORS_ORIGINS", "https://a.example/, https://b.example")
        clean_env.setenv("FRONTEND_HOST", "https://dashboard.example/")
        assert Settings().all_cors_origins == [
            "https://a.example",
            "https://b.example",
            "https://dashboard.example",
        ]

    def test_cors_origins_are_read_as_a_json_list(self, clean_env: pytest.MonkeyPatch) -> None:
        clean_env.setenv("BACKEND_CORS_ORIGINS", '["https://a.example"]')
        assert "https://a.example" in Settings().all_cors_origins

    def test_emails_need_both_a_host_and_a_sender(self, clean_env: pytest.MonkeyPatch) -> None:
        clean_env.setenv("SMTP_HOST", "smtp.example")
        assert Settings().emails_enabled is False
        clean_env.setenv("EMAILS_FROM_EMAIL", "noreply@example.com")
        assert Settings().emails_enabled is True

    def test_placeholder_secrets_are_accepted_in_local_development(
        self, clean_env: pytest.MonkeyPatch
    ) -> None:
        clean_env.setenv("FIRST_SUPERUSER_PASSWORD", "changethis")
        assert Settings().FIRST_SUPERUSER_PASSWORD == "changethis"


class TestLocalSecretKey:
    def test_is_generated_once_and_kept_across_restarts(
        self, clean_env: pytest.MonkeyPatch, tmp_path: Path
    ) -> None:
        clean_env.delenv("SECRET_KEY", raising=False)
        clean_env.setattr(config, "DATA_DIR", tmp_path / "data")
        first, second = Settings().SECRET_KEY, Settings().SECRET_KEY
        assert len(first) >= 32
        assert first == second == (tmp_path / "data" / "secret_key").read_text()

    def test_an_explicit_key_is_used_as_given(self, clean_env: pytest.MonkeyPatch) -> None:
        clean_env.setenv("SECRET_KEY", SAFE_SECRET)
        assert Settings().SECRET_KEY == SAFE_SECRET


class TestDeployedStartUp:
    def test_a_complete_production_configuration_starts(self) -> None:
        result = start_up(**production())
        assert (result.returncode, result.stderr) == (0, "")

    @pytest.mark.parametrize("environment", ["staging", "production"])
    def test_missing_database_is_refused(self, environment: str) -> None:
        result = start_up(**production(ENVIRONMENT=environment, DATABASE_URL=""))
        assert_refused_in_one_line(result, "DATABASE_URL")

    def test_missing_secret_key_is_refused(self) -> None:
        result = start_up(**production(SECRET_KEY=""))
        assert_refused_in_one_line(result, "SECRET_KEY")

    @pytest.mark.parametrize(
        "name", ["SECRET_KEY", "FIRST_SUPERUSER_PASSWORD", "POSTGRES_PASSWORD"]
    )
    def test_placeholder_secret_is_refused(self, name: str) -> None:
        result = start_up(**production(**{name: "changethis"}))
        assert_refused_in_one_line(result, name)

    def test_default_first_superuser_password_is_refused(self) -> None:
        env = production()
        del env["FIRST_SUPERUSER_PASSWORD"]
        assert_refused_in_one_line(start_up(**env), "FIRST_SUPERUSER_PASSWORD")

    def test_unsupported_database_url_is_refused(self) -> None:
        result = start_up(**production(DATABASE_URL="mysql://app@db.internal/app"))
        assert_refused_in_one_line(result, "DATABASE_URL")


def deployable(env: pytest.MonkeyPatch) -> None:
    """What a deployed configuration needs besides ENVIRONMENT to load."""
    env.setenv("DATABASE_URL", "postgresql://app:secret@db.internal:5432/app")
    env.setenv("FIRST_SUPERUSER_PASSWORD", SAFE_SECRET)


class TestEmailVerification:
    @pytest.mark.parametrize("environment", ["staging", "production"])
    def test_is_required_by_default_once_deployed(
        self, clean_env: pytest.MonkeyPatch, environment: str
    ) -> None:
        clean_env.setenv("ENVIRONMENT", environment)
        deployable(clean_env)
        assert Settings().email_verification_required is True

    def test_is_not_required_by_default_in_local_development(
        self, clean_env: pytest.MonkeyPatch
    ) -> None:
        clean_env.setenv("ENVIRONMENT", "local")
        assert Settings().email_verification_required is False

    @pytest.mark.parametrize(("environment", "given"), [("production", False), ("local", True)])
    def test_an_explicit_choice_wins_over_the_default(
        self, clean_env: pytest.MonkeyPatch, environment: str, given: bool
    ) -> None:
        clean_env.setenv("ENVIRONMENT", environment)
        deployable(clean_env)
        clean_env.setenv("REQUIRE_EMAIL_VERIFICATION", str(given).lower())
        assert Settings().email_verification_required is given


# region capability: passkeys
class TestPasskeyRelyingParty:
    def test_by_default_passkeys_belong_to_the_dashboard(
        self, clean_env: pytest.MonkeyPatch
    ) -> None:
        clean_env.setenv("FRONTEND_HOST", "https://dashboard.example.com/")
        clean_env.setenv("PROJECT_NAME", "Acme")
        chosen = Settings()
        assert (chosen.passkeys_rp_id, chosen.passkeys_rp_name, chosen.passkeys_origins) == (
            "dashboard.example.com",
            "Acme",
            ["https://dashboard.example.com"],
        )

    def test_the_settings_name_the_domain_and_origins(self, clean_env: pytest.MonkeyPatch) -> None:
        clean_env.setenv("PASSKEYS_RP_ID", "example.com")
        clean_env.setenv("PASSKEYS_ORIGINS", "https://app.example.com, https://example.com/")
        chosen = Settings()
        assert chosen.passkeys_rp_id == "example.com"
        assert chosen.passkeys_origins == ["https://app.example.com", "https://example.com"]


# endregion capability: passkeys
