"""`app seed`: realistic sample data for local work and demos, safe to run again."""

import pytest
from sqlmodel import col

from app.core.config import settings
from app.core.passwords import password_hash
from app.models import (
    # region capability: items
    Item,
    # endregion capability: items
    User,
)

# region capability: organizations
from app.organizations.models import Invitation, Membership, Organization

# endregion capability: organizations
from app.sample_data import (
    SAMPLE_DOMAIN,
    # region capability: organizations
    SAMPLE_SLUG,
    # endregion capability: organizations
)
from tests.cli.running import invoke, rows

SMALL: tuple[str, ...] = ("--users", "6")
# region capability: organizations
SMALL += ("--organizations", "2")
# endregion capability: organizations
# region capability: items
SMALL += ("--items-per-user", "4")
# endregion capability: items


def sample_users(url: str) -> list[User]:
    return list(rows(url, User, col(User.email).endswith(f"@{SAMPLE_DOMAIN}")))


class TestSampleData:
    def test_people_have_names_and_addresses_and_the_shared_password(self, database: str) -> None:
        result = invoke("seed", *SMALL)
        assert result.exit_code == 0, result.output
        users = sample_users(database)
        assert len(users) == 6
        assert all(u.full_name and " " in u.full_name for u in users)
        assert len({u.email for u in users}) == 6
        first = users[0].hashed_password
        assert first
        assert password_hash.verify(settings.FIRST_SUPERUSER_PASSWORD, first)
        assert any(user.email in result.stdout for user in users)
        assert "password: FIRST_SUPERUSER_PASSWORD" in result.stdout

    # region capability: items
    def test_items_have_varied_titles_and_dates_spread_over_months(self, database: str) -> None:
        invoke("seed", "--users", "10", "--items-per-user", "6")
        items = rows(database, Item)
        assert len(items) > 20
        assert len({item.title for item in items}) > 0.9 * len(items)
        assert any(item.description for item in items)
        dates = sorted(item.created_at for item in items)
        assert (dates[-1] - dates[0]).days > 60

    # endregion capability: items
    # region capability: organizations
    def test_organizations_have_members_in_several_roles_and_pending_invitations(
        self, database: str
    ) -> None:
        invoke("seed", *SMALL)
        shared = rows(database, Organization, col(Organization.slug).startswith(SAMPLE_SLUG))
        assert len(shared) == 2
        ids = [organization.id for organization in shared]
        members = rows(database, Membership, col(Membership.organization_id).in_(ids))
        assert {"owner"} < {m.role for m in members if m.role}
        assert rows(database, Invitation, col(Invitation.organization_id).in_(ids))
        # region capability: items
        assert {item.organization_id for item in rows(database, Item)} & set(ids)
        # endregion capability: items

    # endregion capability: organizations

    def test_running_it_again_changes_nothing(self, database: str) -> None:
        invoke("seed", *SMALL)
        before = {u.id for u in sample_users(database)}
        result = invoke("seed", *SMALL)
        assert result.exit_code == 0
        assert "--reset replaces it" in result.stdout
        assert {u.id for u in sample_users(database)} == before

    def test_reset_replaces_the_sample_data_and_leaves_other_rows_alone(
        self, database: str
    ) -> None:
        invoke("users", "ensure-superuser")
        invoke("seed", *SMALL)
        before = {u.id for u in sample_users(database)}
        result = invoke("seed", "--reset", *SMALL)
        assert result.exit_code == 0, result.output
        after = sample_users(database)
        assert len(after) == 6
        assert not before & {u.id for u in after}
        # region capability: organizations
        assert (
            len(rows(database, Organization, col(Organization.slug).startswith(SAMPLE_SLUG))) == 2
        )
        # endregion capability: organizations
        assert rows(database, User, col(User.email) == settings.FIRST_SUPERUSER)

    def test_if_empty_seeds_a_fresh_database_only(self, database: str) -> None:
        invoke("users", "ensure-superuser")
        assert invoke("seed", "--if-empty", *SMALL).exit_code == 0
        assert len(sample_users(database)) == 6
        invoke("seed", "--reset", "--users", "1")
        result = invoke("seed", "--if-empty", *SMALL)
        assert "holds data already" in result.stdout
        assert len(sample_users(database)) == 1


class TestWhereItRuns:
    @pytest.mark.parametrize("environment", ["staging", "production"])
    def test_refuses_outside_local_development(
        self, database: str, monkeypatch: pytest.MonkeyPatch, environment: str
    ) -> None:
        monkeypatch.setattr(settings, "ENVIRONMENT", environment)
        result = invoke("seed", *SMALL)
        assert result.exit_code == 3
        assert f"ENVIRONMENT={environment}" in result.stderr
        assert not sample_users(database)

    def test_force_adds_it_anyway(self, database: str, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(settings, "ENVIRONMENT", "staging")
        assert invoke("seed", "--force", *SMALL).exit_code == 0
        assert len(sample_users(database)) == 6
