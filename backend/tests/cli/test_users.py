"""`app users`: accounts made and changed by the API's rules, passwords
never on the command line."""

import json

import pytest
from sqlmodel import col

from app.core.config import settings
from app.core.passwords import password_hash
from app.models import AuditLog, AuthSession, User

# region capability: organizations
from app.organizations.models import Organization

# endregion capability: organizations
from tests.cli.running import invoke, rows
from tests.smtp import SmtpServer

PASSWORD = "a-long-and-unusual-Pa55"


def create(email: str, *options: str, password: str = PASSWORD) -> None:
    result = invoke("users", "create", email, *options, input=f"{password}\n{password}\n")
    assert result.exit_code == 0, result.output


class TestCreate:
    def test_asks_for_the_password_twice_and_the_user_can_log_in_with_it(
        self, database: str
    ) -> None:
        result = invoke(
            "users",
            "create",
            "ann@example.com",
            "--full-name",
            "Ann Lee",
            input=f"{PASSWORD}\n{PASSWORD}\n",
        )
        assert result.exit_code == 0, result.output
        assert "Created user ann@example.com" in result.stdout
        [user] = rows(database, User, col(User.email) == "ann@example.com")
        assert (user.full_name, user.is_superuser, user.is_verified) == ("Ann Lee", False, True)
        assert user.hashed_password
        assert password_hash.verify(PASSWORD, user.hashed_password)
        assert PASSWORD not in result.output

    # region capability: organizations
    def test_makes_the_account_as_the_api_does_with_a_personal_organization(
        self, database: str
    ) -> None:
        create("org@example.com")
        [user] = rows(database, User, col(User.email) == "org@example.com")
        assert rows(database, Organization, col(Organization.personal_for_id) == user.id)

    # endregion capability: organizations
    def test_is_recorded_in_the_audit_log_as_done_from_the_command_line(
        self, database: str
    ) -> None:
        create("audited@example.com", "--superuser")
        [entry] = rows(database, AuditLog, col(AuditLog.action) == "user_created")
        assert (entry.target_email, entry.actor_id, entry.detail) == (
            "audited@example.com",
            None,
            "command line",
        )

    def test_refuses_two_different_passwords(self, database: str) -> None:
        result = invoke("users", "create", "typo@example.com", input=f"{PASSWORD}\nother\n" * 3)
        assert result.exit_code != 0
        assert not rows(database, User, col(User.email) == "typo@example.com")

    def test_refuses_a_password_the_api_would_refuse_in_one_line(self, database: str) -> None:
        result = invoke("users", "create", "weak@example.com", input="password123\npassword123\n")
        assert result.exit_code == 1
        [line] = result.stderr.strip().splitlines()
        assert line.startswith("Error: ")
        assert not rows(database, User, col(User.email) == "weak@example.com")

    @pytest.mark.usefixtures("database")
    def test_refuses_an_address_that_is_not_one_before_asking_anything(self) -> None:
        result = invoke("users", "create", "not-an-address")
        assert result.exit_code == 1
        assert "email" in result.stderr
        assert "Password" not in result.stdout

    @pytest.mark.usefixtures("database")
    def test_refuses_an_address_already_taken(self) -> None:
        create("twice@example.com")
        result = invoke("users", "create", "twice@example.com", input=f"{PASSWORD}\n{PASSWORD}\n")
        assert result.exit_code == 1
        assert "already exists" in result.stderr

    def test_takes_no_password_option(self, database: str) -> None:
        result = invoke("users", "create", "x@example.com", "--password", PASSWORD)
        assert result.exit_code == 2
        assert not rows(database, User, col(User.email) == "x@example.com")

    def test_with_send_link_emails_a_link_to_choose_a_password(
        self, database: str, smtp_server: SmtpServer
    ) -> None:
        result = invoke("users", "create", "linked@example.com", "--send-link")
        assert result.exit_code == 0, result.output
        [mail] = smtp_server.to("linked@example.com")
        assert f"{settings.FRONTEND_HOST}/reset-password?token=" in mail.html
        [user] = rows(database, User, col(User.email) == "linked@example.com")
        assert user.hashed_password is None

    def test_with_send_link_refuses_when_emails_are_disabled(self, database: str) -> None:
        result = invoke("users", "create", "nomail@example.com", "--send-link")
        assert result.exit_code == 3
        assert "emails are disabled" in result.stderr
        assert not rows(database, User, col(User.email) == "nomail@example.com")


class TestSetPassword:
    def test_emails_a_password_link_and_keeps_the_current_password(
        self, database: str, smtp_server: SmtpServer
    ) -> None:
        create("forgot@example.com")
        result = invoke("users", "set-password", "forgot@example.com")
        assert result.exit_code == 0, result.output
        [mail] = smtp_server.to("forgot@example.com")[-1:]
        assert f"{settings.FRONTEND_HOST}/reset-password?token=" in mail.html
        [user] = rows(database, User, col(User.email) == "forgot@example.com")
        assert user.hashed_password
        assert password_hash.verify(PASSWORD, user.hashed_password)

    @pytest.mark.usefixtures("smtp_server", "database")
    def test_an_unknown_address_exits_4(self) -> None:
        result = invoke("users", "set-password", "nobody@example.com")
        assert result.exit_code == 4
        assert result.stderr.strip() == "Error: no user has the address nobody@example.com"


class TestDeactivate:
    def test_logs_the_user_out_everywhere_and_records_the_change(self, database: str) -> None:
        create("leaving@example.com")
        [user] = rows(database, User, col(User.email) == "leaving@example.com")
        result = invoke("users", "deactivate", "leaving@example.com")
        assert result.exit_code == 0, result.output
        [after] = rows(database, User, col(User.id) == user.id)
        assert after.is_active is False
        assert not rows(
            database,
            AuthSession,
            col(AuthSession.user_id) == user.id,
            col(AuthSession.revoked_at).is_(None),
        )
        [entry] = rows(database, AuditLog, col(AuditLog.action) == "user_updated")
        assert entry.changes == [{"field": "is_active", "old": True, "new": False, "secret": False}]

    def test_refuses_the_last_active_superuser(self, database: str) -> None:
        create("only-admin@example.com", "--superuser")
        result = invoke("users", "deactivate", "only-admin@example.com")
        assert result.exit_code == 3
        assert "last active superuser" in result.stderr
        [user] = rows(database, User, col(User.email) == "only-admin@example.com")
        assert user.is_active


class TestList:
    @pytest.mark.usefixtures("database")
    def test_json_lists_every_user_newest_first_without_secrets(self) -> None:
        create("first@example.com")
        create("second@example.com", "--superuser")
        result = invoke("users", "list", "--json")
        assert result.exit_code == 0, result.output
        listed = json.loads(result.stdout)
        assert [u["email"] for u in listed] == ["second@example.com", "first@example.com"]
        assert [u["is_superuser"] for u in listed] == [True, False]
        assert "hashed_password" not in result.stdout

    @pytest.mark.usefixtures("database")
    def test_the_table_shows_each_user_on_a_line(self) -> None:
        create("tabled@example.com", "--full-name", "Tab Led")
        result = invoke("users", "list")
        assert result.exit_code == 0, result.output
        [line] = [line for line in result.stdout.splitlines() if "tabled@example.com" in line]
        assert "Tab Led" in line
        assert "1 of 1 users" in result.stdout


class TestEnsureSuperuser:
    def test_creates_the_first_superuser_once(self, database: str) -> None:
        assert "created" in invoke("users", "ensure-superuser").stdout
        assert "already exists" in invoke("users", "ensure-superuser").stdout
        [user] = rows(database, User, col(User.email) == settings.FIRST_SUPERUSER)
        assert user.is_superuser
