"""`app jobs`, `app maintenance`, `app routes` and `app check`."""

import json
from datetime import timedelta

import pytest
from sqlmodel import col

from app.core.config import settings
from app.main import app
from app.models import ActionToken, TokenPurpose, User, utcnow
from tests.cli.running import invoke, rows, store
from tests.smtp import SmtpServer, free_port

PASSWORD = "a-long-and-unusual-Pa55"


# region capability: background_jobs
class TestJobs:
    @pytest.mark.usefixtures("database")
    def test_list_shows_the_mail_a_command_sent(self, smtp_server: SmtpServer) -> None:
        invoke("users", "create", "mailed@example.com", "--send-link")
        result = invoke("jobs", "list", "--json")
        assert result.exit_code == 0, result.output
        [job] = json.loads(result.stdout)
        assert (job["kind"], job["state"], job["summary"]) == (
            "send_email",
            "succeeded",
            "to @example.com",
        )
        assert smtp_server.to("mailed@example.com")

    @pytest.mark.usefixtures("database")
    def test_list_counts_jobs_by_state(self) -> None:
        result = invoke("jobs", "list")
        assert result.exit_code == 0, result.output
        assert "0 of 0 jobs; 0 queued, 0 running" in result.stdout

    @pytest.mark.usefixtures("database")
    def test_list_refuses_an_unknown_state(self) -> None:
        assert invoke("jobs", "list", "--state", "sleeping").exit_code == 2


# endregion capability: background_jobs
class TestMaintenance:
    def test_purge_deletes_links_that_stopped_mattering_a_week_ago(self, database: str) -> None:
        invoke("users", "create", "old@example.com", input=f"{PASSWORD}\n{PASSWORD}\n")
        [user] = rows(database, User, col(User.email) == "old@example.com")
        long_ago, lately = utcnow() - timedelta(days=8), utcnow() - timedelta(days=1)
        store(
            database,
            *(
                ActionToken(
                    token_hash=name * 32,
                    user_id=user.id,
                    purpose=TokenPurpose.RESET_PASSWORD,
                    created_at=expired - timedelta(hours=1),
                    expires_at=expired,
                )
                for name, expired in (("aa", long_ago), ("bb", lately))
            ),
        )
        result = invoke("maintenance", "purge")
        assert result.exit_code == 0, result.output
        assert "1 emailed links" in result.stdout
        assert [t.token_hash for t in rows(database, ActionToken)] == ["bb" * 32]


class TestRoutes:
    @pytest.mark.whole_app
    def test_every_api_route_is_listed_with_what_it_requires(self) -> None:
        result = invoke("routes", "--json")
        assert result.exit_code == 0, result.output
        listed = {(r["methods"], r["path"]): r["access"] for r in json.loads(result.stdout)}
        assert listed[("POST", "/api/v1/login/access-token")] == "public"
        assert listed[("GET", "/api/v1/users/me")] == "user"
        assert listed[("GET", "/api/v1/users/")] == "superuser"
        # region capability: organizations
        assert listed[("GET", "/api/v1/orgs/{org_id}/members/")].endswith("[members:read]")
        # endregion capability: organizations
        openapi_paths = {
            (method.upper(), f"{path}")
            for path, operations in app.openapi()["paths"].items()
            for method in operations
        }
        assert openapi_paths <= set(listed)


class TestCheck:
    @pytest.mark.usefixtures("database")
    def test_a_ready_installation_passes(self, smtp_server: SmtpServer) -> None:
        result = invoke("check")
        assert result.exit_code == 0, result.output
        assert "✓ database" in result.stdout
        assert "✓ migrations" in result.stdout
        assert f"✓ email (SMTP)  {smtp_server.host}:{smtp_server.port} answers" in result.stdout

    @pytest.mark.usefixtures("smtp_server", "empty_database")
    def test_pending_migrations_fail_it(self) -> None:
        result = invoke("check")
        assert result.exit_code == 1
        assert "✗ migrations    none applied: run `app db upgrade`" in result.stdout

    @pytest.mark.usefixtures("database")
    def test_a_mail_server_that_does_not_answer_fails_it(
        self, smtp_server: SmtpServer, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(settings, "SMTP_PORT", free_port())
        result = invoke("check")
        assert result.exit_code == 1
        assert "✗ email (SMTP)" in result.stdout
        assert "did not answer" in result.stdout
        assert smtp_server.host

    @pytest.mark.usefixtures("smtp_server")
    def test_a_database_that_does_not_answer_fails_it(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(settings, "DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none")
        result = invoke("check")
        assert result.exit_code == 1
        assert "✗ database" in result.stdout
        assert "✗ migrations" in result.stdout
