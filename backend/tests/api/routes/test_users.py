"""The users contract: listing, creating, reading, updating and deleting accounts."""

import json
import uuid

from httpx import AsyncClient
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from app import crud
from app.accounts import DELETE_CONFIRMATION
from app.core.config import settings
from app.models import (
    # region capability: items
    Item,
    # endregion capability: items
    User,
    UserMe,
)
from tests.factories import (
    DEFAULT_PASSWORD,
    auth_headers,
    # region capability: items
    create_item,
    # endregion capability: items
    create_user,
    random_email,
    token_in_link,
)
from tests.signin.helpers import make_proof_stale
from tests.smtp import SmtpServer

API = settings.API_V1_STR
NEW_PASSWORD = "a-brand-new-passphrase"
EMAIL_TAKEN = "The user with this email already exists in the system"


async def superuser_headers(db: AsyncSession) -> tuple[User, dict[str, str]]:
    admin = await create_user(db=db, is_superuser=True)
    return admin, await auth_headers(db=db, user=admin)


async def user_headers(
    db: AsyncSession, *, full_name: str = "Test User"
) -> tuple[User, dict[str, str]]:
    user = await create_user(db=db, full_name=full_name)
    return user, await auth_headers(db=db, user=user)


async def login_status(client: AsyncClient, email: str, password: str) -> int:
    response = await client.post(
        f"{API}/login/access-token", data={"username": email, "password": password}
    )
    return response.status_code


# region capability: items
async def items_of(db: AsyncSession, owner_id: uuid.UUID) -> list[Item]:
    return list((await db.exec(select(Item).where(Item.owner_id == owner_id))).all())


# endregion capability: items


class TestReadUsers:
    async def test_superuser_gets_users_and_their_count(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        admin, headers = await superuser_headers(db)
        other = await create_user(db=db)
        response = await client.get(f"{API}/users/", headers=headers)
        assert response.status_code == 200
        body = response.json()
        assert body["count"] == 2
        assert {u["email"] for u in body["data"]} == {admin.email, other.email}
        assert all("hashed_password" not in u for u in body["data"])

    async def test_skip_and_limit_page_through_all_users(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _admin, headers = await superuser_headers(db)
        for _ in range(4):
            await create_user(db=db)
        first = (await client.get(f"{API}/users/?skip=0&limit=3", headers=headers)).json()
        second = (await client.get(f"{API}/users/?skip=3&limit=3", headers=headers)).json()
        assert first["count"] == second["count"] == 5
        assert len(first["data"]) == 3
        assert len(second["data"]) == 2
        ids = [u["id"] for u in first["data"] + second["data"]]
        assert len(set(ids)) == 5

    async def test_normal_user_is_forbidden(self, client: AsyncClient, db: AsyncSession) -> None:
        _user, headers = await user_headers(db)
        response = await client.get(f"{API}/users/", headers=headers)
        assert response.status_code == 403

    async def test_anonymous_caller_is_unauthorized(self, client: AsyncClient) -> None:
        response = await client.get(f"{API}/users/")
        assert response.status_code == 401

    async def test_limit_outside_1_to_100_is_a_validation_error(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _admin, headers = await superuser_headers(db)
        for limit in (0, 101):
            response = await client.get(f"{API}/users/?limit={limit}", headers=headers)
            assert response.status_code == 422, limit


class TestCreateUser:
    async def test_superuser_creates_a_user_who_can_log_in(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _admin, headers = await superuser_headers(db)
        email = random_email()
        response = await client.post(
            f"{API}/users/",
            headers=headers,
            json={"email": email, "password": NEW_PASSWORD, "full_name": "New Person"},
        )
        assert response.status_code == 200
        body = response.json()
        assert body["email"] == email
        assert body["full_name"] == "New Person"
        assert body["is_superuser"] is False
        assert body["is_active"] is True
        assert await login_status(client, email, NEW_PASSWORD) == 200

    async def test_email_is_stored_lower_cased(self, client: AsyncClient, db: AsyncSession) -> None:
        _admin, headers = await superuser_headers(db)
        response = await client.post(
            f"{API}/users/", headers=headers, json={"email": "New.Person@Example.COM"}
        )
        assert response.json()["email"] == "new.person@example.com"

    async def test_duplicate_email_is_refused(self, client: AsyncClient, db: AsyncSession) -> None:
        _admin, headers = await superuser_headers(db)
        existing = await create_user(db=db)
        response = await client.post(
            f"{API}/users/", headers=headers, json={"email": existing.email}
        )
        assert response.status_code == 400
        assert response.json() == {"detail": EMAIL_TAKEN}

    async def test_duplicate_email_in_another_case_is_refused(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _admin, headers = await superuser_headers(db)
        existing = await create_user(db=db)
        response = await client.post(
            f"{API}/users/", headers=headers, json={"email": existing.email.upper()}
        )
        assert response.status_code == 400

    async def test_normal_user_is_forbidden(self, client: AsyncClient, db: AsyncSession) -> None:
        _user, headers = await user_headers(db)
        response = await client.post(f"{API}/users/", headers=headers, json={"email": "a@b.co"})
        assert response.status_code == 403

    async def test_common_password_is_refused_with_the_reason(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _admin, headers = await superuser_headers(db)
        response = await client.post(
            f"{API}/users/",
            headers=headers,
            json={"email": random_email(), "password": "qwerty123"},
        )
        assert response.status_code == 400
        assert "common" in response.json()["detail"]

    async def test_new_account_email_never_contains_the_chosen_password(
        self, client: AsyncClient, db: AsyncSession, smtp_server: SmtpServer
    ) -> None:
        _admin, headers = await superuser_headers(db)
        email = random_email()
        await client.post(
            f"{API}/users/", headers=headers, json={"email": email, "password": NEW_PASSWORD}
        )
        [mail] = smtp_server.to(email)
        assert mail.subject == f"{settings.PROJECT_NAME} - New account for {email}"
        assert NEW_PASSWORD not in mail.html
        assert email in mail.html

    async def test_without_a_password_the_email_links_to_setting_one(
        self, client: AsyncClient, db: AsyncSession, smtp_server: SmtpServer
    ) -> None:
        _admin, headers = await superuser_headers(db)
        email = random_email()
        created = await client.post(f"{API}/users/", headers=headers, json={"email": email})
        assert created.status_code == 200
        [mail] = smtp_server.to(email)
        token = token_in_link(mail.html, "/reset-password")
        response = await client.post(
            f"{API}/reset-password/", json={"token": token, "new_password": NEW_PASSWORD}
        )
        assert response.status_code == 200
        assert await login_status(client, email, NEW_PASSWORD) == 200

    async def test_user_without_a_password_cannot_log_in_before_setting_one(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _admin, headers = await superuser_headers(db)
        email = random_email()
        await client.post(f"{API}/users/", headers=headers, json={"email": email})
        assert await login_status(client, email, "") in (400, 422)
        assert await login_status(client, email, DEFAULT_PASSWORD) == 400


class TestReadMe:
    async def test_returns_the_callers_public_profile(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user, headers = await user_headers(db, full_name="Me Myself")
        response = await client.get(f"{API}/users/me", headers=headers)
        assert response.status_code == 200
        body = response.json()
        assert body["id"] == str(user.id)
        assert body["full_name"] == "Me Myself"
        assert body["pending_email"] is None
        assert "hashed_password" not in body
        as_model = UserMe.model_validate_json(response.content).model_dump_json()
        assert body == json.loads(as_model)
        assert body["created_at"].endswith("Z")

    async def test_says_whether_the_caller_has_a_password_without_giving_it(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user, headers = await user_headers(db)
        with_password = (await client.get(f"{API}/users/me", headers=headers)).json()
        await crud.update_user(session=db, user=user, changes={"hashed_password": None})
        await db.commit()
        without = (await client.get(f"{API}/users/me", headers=headers)).json()
        assert (with_password["has_password"], without["has_password"]) == (True, False)
        assert "hashed_password" not in with_password


class TestUpdateMe:
    async def test_changes_the_full_name(self, client: AsyncClient, db: AsyncSession) -> None:
        _user, headers = await user_headers(db)
        response = await client.patch(
            f"{API}/users/me", headers=headers, json={"full_name": "Renamed"}
        )
        assert response.status_code == 200
        assert response.json()["full_name"] == "Renamed"
        me = await client.get(f"{API}/users/me", headers=headers)
        assert me.json()["full_name"] == "Renamed"

    async def test_email_change_without_current_password_is_refused(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _user, headers = await user_headers(db)
        response = await client.patch(
            f"{API}/users/me", headers=headers, json={"email": random_email()}
        )
        assert response.status_code == 400
        assert "current password" in response.json()["detail"]

    async def test_an_account_without_a_password_changes_its_email_on_a_recent_proof(
        self, client: AsyncClient, db: AsyncSession, smtp_server: SmtpServer
    ) -> None:
        user, headers = await user_headers(db)
        await crud.update_user(session=db, user=user, changes={"hashed_password": None})
        await db.commit()
        new_email = random_email()
        response = await client.patch(f"{API}/users/me", headers=headers, json={"email": new_email})
        assert response.status_code == 200, response.text
        assert response.json()["pending_email"] == new_email
        assert len(smtp_server.to(new_email)) == 1

    async def test_an_account_without_a_password_needs_a_recent_proof_to_change_its_email(
        self, client: AsyncClient, db: AsyncSession, smtp_server: SmtpServer
    ) -> None:
        user, headers = await user_headers(db)
        await crud.update_user(session=db, user=user, changes={"hashed_password": None})
        await db.commit()
        await make_proof_stale(db, headers)
        new_email = random_email()
        response = await client.patch(f"{API}/users/me", headers=headers, json={"email": new_email})
        assert response.status_code == 403
        assert response.json()["code"] == "reauthentication_required"
        await db.refresh(user)
        assert (user.pending_email, smtp_server.to(new_email)) == (None, [])

    async def test_email_change_with_a_wrong_current_password_is_refused(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _user, headers = await user_headers(db)
        response = await client.patch(
            f"{API}/users/me",
            headers=headers,
            json={"email": random_email(), "current_password": "not-my-password"},
        )
        assert response.status_code == 400

    async def test_email_change_to_a_taken_address_is_a_conflict(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _user, headers = await user_headers(db)
        other = await create_user(db=db)
        response = await client.patch(
            f"{API}/users/me",
            headers=headers,
            json={"email": other.email.upper(), "current_password": DEFAULT_PASSWORD},
        )
        assert response.status_code == 409
        assert response.json() == {"detail": EMAIL_TAKEN}

    async def test_email_change_waits_for_the_new_address_to_confirm(
        self, client: AsyncClient, db: AsyncSession, smtp_server: SmtpServer
    ) -> None:
        user, headers = await user_headers(db)
        new_email = random_email()
        response = await client.patch(
            f"{API}/users/me",
            headers=headers,
            json={"email": new_email, "current_password": DEFAULT_PASSWORD},
        )
        assert response.status_code == 200
        assert response.json()["email"] == user.email
        assert response.json()["pending_email"] == new_email
        token = token_in_link(smtp_server.to(new_email)[0].html, "/verify-email")
        confirmed = await client.post(f"{API}/users/verify-email", json={"token": token})
        assert confirmed.status_code == 200
        me = (await client.get(f"{API}/users/me", headers=headers)).json()
        assert me["email"] == new_email
        assert me["pending_email"] is None

    async def test_email_change_tells_the_old_address(
        self, client: AsyncClient, db: AsyncSession, smtp_server: SmtpServer
    ) -> None:
        user, headers = await user_headers(db)
        await client.patch(
            f"{API}/users/me",
            headers=headers,
            json={"email": random_email(), "current_password": DEFAULT_PASSWORD},
        )
        assert len(smtp_server.to(user.email)) == 1

    async def test_full_name_over_255_characters_is_a_validation_error(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _user, headers = await user_headers(db)
        response = await client.patch(
            f"{API}/users/me", headers=headers, json={"full_name": "x" * 256}
        )
        assert response.status_code == 422


CONFIRM_WITH_PASSWORD = {"current_password": DEFAULT_PASSWORD}


class TestDeleteMe:
    async def test_user_deletes_their_account(self, client: AsyncClient, db: AsyncSession) -> None:
        user, headers = await user_headers(db)
        # region capability: items
        await create_item(db=db, owner=user)
        # endregion capability: items
        response = await client.request(
            "DELETE", f"{API}/users/me", headers=headers, json=CONFIRM_WITH_PASSWORD
        )
        assert response.status_code == 200
        assert response.json() == {"message": "User deleted successfully"}
        assert await db.get(User, user.id, populate_existing=True) is None
        # region capability: items
        assert await items_of(db, user.id) == []
        # endregion capability: items

    async def test_deleted_account_can_no_longer_log_in(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user, headers = await user_headers(db)
        await client.request(
            "DELETE", f"{API}/users/me", headers=headers, json=CONFIRM_WITH_PASSWORD
        )
        assert await login_status(client, user.email, DEFAULT_PASSWORD) == 400

    async def test_superuser_cannot_delete_themself(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        admin, headers = await superuser_headers(db)
        response = await client.request(
            "DELETE", f"{API}/users/me", headers=headers, json=CONFIRM_WITH_PASSWORD
        )
        assert response.status_code == 403
        assert await db.get(User, admin.id, populate_existing=True) is not None

    async def test_a_wrong_password_keeps_the_account(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user, headers = await user_headers(db)
        for body in [{}, {"current_password": "not-the-password"}]:
            response = await client.request("DELETE", f"{API}/users/me", headers=headers, json=body)
            assert (response.status_code, response.json()) == (
                400,
                {"detail": "Incorrect password"},
            )
        assert await db.get(User, user.id, populate_existing=True) is not None

    async def test_an_account_without_password_confirms_with_its_email(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user = await create_user(db=db)
        headers = await auth_headers(db=db, user=user)
        await crud.update_user(session=db, user=user, changes={"hashed_password": None})
        await db.commit()
        wrong = await client.request(
            "DELETE", f"{API}/users/me", headers=headers, json={"confirmation": "someone@else.org"}
        )
        assert (wrong.status_code, wrong.json()) == (400, {"detail": DELETE_CONFIRMATION})
        right = await client.request(
            "DELETE", f"{API}/users/me", headers=headers, json={"confirmation": user.email.upper()}
        )
        assert right.status_code == 200


class TestUpdatePasswordMe:
    async def test_afterwards_only_the_new_password_logs_in(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user, headers = await user_headers(db)
        response = await client.patch(
            f"{API}/users/me/password",
            headers=headers,
            json={"current_password": DEFAULT_PASSWORD, "new_password": NEW_PASSWORD},
        )
        assert response.status_code == 200
        assert response.json() == {"message": "Password updated successfully"}
        assert await login_status(client, user.email, DEFAULT_PASSWORD) == 400
        assert await login_status(client, user.email, NEW_PASSWORD) == 200

    async def test_wrong_current_password_is_refused(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _user, headers = await user_headers(db)
        response = await client.patch(
            f"{API}/users/me/password",
            headers=headers,
            json={"current_password": "not-my-password", "new_password": NEW_PASSWORD},
        )
        assert response.status_code == 400
        assert response.json() == {"detail": "Incorrect password"}

    async def test_new_password_equal_to_the_current_one_is_refused(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _user, headers = await user_headers(db)
        response = await client.patch(
            f"{API}/users/me/password",
            headers=headers,
            json={"current_password": DEFAULT_PASSWORD, "new_password": DEFAULT_PASSWORD},
        )
        assert response.status_code == 400
        assert "same" in response.json()["detail"]

    async def test_too_short_password_is_a_validation_error(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _user, headers = await user_headers(db)
        response = await client.patch(
            f"{API}/users/me/password",
            headers=headers,
            json={"current_password": DEFAULT_PASSWORD, "new_password": "short"},
        )
        assert response.status_code == 422

    async def test_common_password_is_refused_with_the_reason(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _user, headers = await user_headers(db)
        response = await client.patch(
            f"{API}/users/me/password",
            headers=headers,
            json={"current_password": DEFAULT_PASSWORD, "new_password": "iloveyou"},
        )
        assert response.status_code == 400
        assert "common" in response.json()["detail"]

    async def test_password_equal_to_the_email_is_refused_with_the_reason(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user, headers = await user_headers(db)
        response = await client.patch(
            f"{API}/users/me/password",
            headers=headers,
            json={"current_password": DEFAULT_PASSWORD, "new_password": user.email.upper()},
        )
        assert response.status_code == 400
        assert "email" in response.json()["detail"]


class TestSignup:
    async def test_creates_an_account_that_can_log_in(self, client: AsyncClient) -> None:
        email = random_email()
        response = await client.post(
            f"{API}/users/signup",
            json={"email": email, "password": NEW_PASSWORD, "full_name": "Sign Up"},
        )
        assert response.status_code == 200
        body = response.json()
        assert body["email"] == email
        assert body["full_name"] == "Sign Up"
        assert body["is_superuser"] is False
        assert await login_status(client, email, NEW_PASSWORD) == 200

    async def test_email_is_stored_lower_cased(self, client: AsyncClient, db: AsyncSession) -> None:
        response = await client.post(
            f"{API}/users/signup", json={"email": "Bob@Example.com", "password": NEW_PASSWORD}
        )
        assert response.json()["email"] == "bob@example.com"
        stored = (await db.exec(select(User).where(User.email == "bob@example.com"))).first()
        assert stored is not None

    async def test_duplicate_email_is_refused(self, client: AsyncClient, db: AsyncSession) -> None:
        existing = await create_user(db=db)
        response = await client.post(
            f"{API}/users/signup", json={"email": existing.email, "password": NEW_PASSWORD}
        )
        assert response.status_code == 400
        assert response.json() == {"detail": EMAIL_TAKEN}

    async def test_duplicate_email_in_another_case_is_refused(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        await create_user(db=db, email="bob@example.com")
        response = await client.post(
            f"{API}/users/signup", json={"email": "Bob@Example.com", "password": NEW_PASSWORD}
        )
        assert response.status_code == 400

    async def test_cannot_grant_itself_superuser_rights(self, client: AsyncClient) -> None:
        response = await client.post(
            f"{API}/users/signup",
            json={"email": random_email(), "password": NEW_PASSWORD, "is_superuser": True},
        )
        assert response.status_code == 200
        assert response.json()["is_superuser"] is False

    async def test_too_short_password_is_a_validation_error(self, client: AsyncClient) -> None:
        response = await client.post(
            f"{API}/users/signup", json={"email": random_email(), "password": "short"}
        )
        assert response.status_code == 422

    async def test_password_equal_to_the_email_is_refused(self, client: AsyncClient) -> None:
        email = random_email()
        response = await client.post(
            f"{API}/users/signup", json={"email": email, "password": email}
        )
        assert response.status_code == 400
        assert "email" in response.json()["detail"]

    async def test_invalid_email_is_a_validation_error(self, client: AsyncClient) -> None:
        response = await client.post(
            f"{API}/users/signup", json={"email": "nobody", "password": NEW_PASSWORD}
        )
        assert response.status_code == 422


class TestReadUserById:
    async def test_user_reads_themself(self, client: AsyncClient, db: AsyncSession) -> None:
        user, headers = await user_headers(db)
        response = await client.get(f"{API}/users/{user.id}", headers=headers)
        assert response.status_code == 200
        assert response.json()["email"] == user.email

    async def test_non_superuser_cannot_read_another_user(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _user, headers = await user_headers(db)
        other = await create_user(db=db)
        response = await client.get(f"{API}/users/{other.id}", headers=headers)
        assert response.status_code == 403

    async def test_superuser_reads_another_user(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _admin, headers = await superuser_headers(db)
        other = await create_user(db=db)
        response = await client.get(f"{API}/users/{other.id}", headers=headers)
        assert response.status_code == 200
        assert response.json()["id"] == str(other.id)

    async def test_unknown_id_is_404_for_a_superuser(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _admin, headers = await superuser_headers(db)
        response = await client.get(f"{API}/users/{uuid.uuid4()}", headers=headers)
        assert response.status_code == 404
        assert response.json() == {"detail": "The user with this id does not exist in the system"}

    async def test_malformed_id_is_a_validation_error(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _admin, headers = await superuser_headers(db)
        response = await client.get(f"{API}/users/not-a-uuid", headers=headers)
        assert response.status_code == 422


class TestUpdateUser:
    async def test_superuser_updates_a_user(self, client: AsyncClient, db: AsyncSession) -> None:
        _admin, headers = await superuser_headers(db)
        other = await create_user(db=db)
        response = await client.patch(
            f"{API}/users/{other.id}",
            headers=headers,
            json={"full_name": "Changed", "is_verified": False},
        )
        assert response.status_code == 200
        assert response.json()["full_name"] == "Changed"
        assert response.json()["is_verified"] is False

    async def test_superuser_changes_the_email_lower_cased(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _admin, headers = await superuser_headers(db)
        other = await create_user(db=db)
        response = await client.patch(
            f"{API}/users/{other.id}", headers=headers, json={"email": "Moved@Example.com"}
        )
        assert response.status_code == 200
        assert response.json()["email"] == "moved@example.com"

    async def test_superuser_sets_a_password_that_then_logs_in(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _admin, headers = await superuser_headers(db)
        other = await create_user(db=db)
        response = await client.patch(
            f"{API}/users/{other.id}", headers=headers, json={"password": NEW_PASSWORD}
        )
        assert response.status_code == 200
        assert await login_status(client, other.email, NEW_PASSWORD) == 200
        assert await login_status(client, other.email, DEFAULT_PASSWORD) == 400

    async def test_deactivating_a_user_ends_their_sessions(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _admin, headers = await superuser_headers(db)
        other, other_headers = await user_headers(db)
        await client.patch(f"{API}/users/{other.id}", headers=headers, json={"is_active": False})
        response = await client.get(f"{API}/users/me", headers=other_headers)
        assert response.status_code == 401

    async def test_explicit_null_flag_leaves_the_user_unchanged(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _admin, headers = await superuser_headers(db)
        other = await create_user(db=db)
        response = await client.patch(
            f"{API}/users/{other.id}", headers=headers, json={"is_active": None}
        )
        assert response.status_code == 200
        assert response.json()["is_active"] is True

    async def test_unknown_id_is_404(self, client: AsyncClient, db: AsyncSession) -> None:
        _admin, headers = await superuser_headers(db)
        response = await client.patch(
            f"{API}/users/{uuid.uuid4()}", headers=headers, json={"full_name": "Nobody"}
        )
        assert response.status_code == 404

    async def test_taken_email_is_a_conflict(self, client: AsyncClient, db: AsyncSession) -> None:
        _admin, headers = await superuser_headers(db)
        other = await create_user(db=db)
        third = await create_user(db=db)
        response = await client.patch(
            f"{API}/users/{other.id}", headers=headers, json={"email": third.email}
        )
        assert response.status_code == 409
        assert response.json() == {"detail": EMAIL_TAKEN}

    async def test_non_superuser_is_forbidden(self, client: AsyncClient, db: AsyncSession) -> None:
        user, headers = await user_headers(db)
        response = await client.patch(
            f"{API}/users/{user.id}", headers=headers, json={"is_superuser": True}
        )
        assert response.status_code == 403
        me = (await client.get(f"{API}/users/me", headers=headers)).json()
        assert me["is_superuser"] is False


class TestDeleteUser:
    async def test_superuser_deletes_a_user(self, client: AsyncClient, db: AsyncSession) -> None:
        _admin, headers = await superuser_headers(db)
        other = await create_user(db=db)
        # region capability: items
        await create_item(db=db, owner=other)
        # endregion capability: items
        response = await client.delete(f"{API}/users/{other.id}", headers=headers)
        assert response.status_code == 200
        assert response.json() == {"message": "User deleted successfully"}
        assert await db.get(User, other.id, populate_existing=True) is None
        # region capability: items
        assert await items_of(db, other.id) == []
        # endregion capability: items

    # region capability: items
    async def test_deleting_one_user_keeps_other_users_items(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        admin, headers = await superuser_headers(db)
        other = await create_user(db=db)
        kept = await create_item(db=db, owner=admin)
        await client.delete(f"{API}/users/{other.id}", headers=headers)
        assert [i.id for i in await items_of(db, admin.id)] == [kept.id]

    # endregion capability: items

    async def test_superuser_cannot_delete_themself(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        admin, headers = await superuser_headers(db)
        response = await client.delete(f"{API}/users/{admin.id}", headers=headers)
        assert response.status_code == 403

    async def test_unknown_id_is_404(self, client: AsyncClient, db: AsyncSession) -> None:
        _admin, headers = await superuser_headers(db)
        response = await client.delete(f"{API}/users/{uuid.uuid4()}", headers=headers)
        assert response.status_code == 404

    async def test_non_superuser_is_forbidden(self, client: AsyncClient, db: AsyncSession) -> None:
        _user, headers = await user_headers(db)
        other = await create_user(db=db)
        response = await client.delete(f"{API}/users/{other.id}", headers=headers)
        assert response.status_code == 403
        assert await db.get(User, other.id, populate_existing=True) is not None
