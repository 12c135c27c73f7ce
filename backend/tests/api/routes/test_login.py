"""The login contract: access tokens, token checks, password recovery and reset."""

import uuid
from datetime import timedelta

from httpx import AsyncClient
from sqlmodel.ext.asyncio.session import AsyncSession

from app import crud
from app.accounts import LINK_UNKNOWN
from app.core.config import settings
from app.core.security import create_access_token, hash_opaque_token
from app.models import ActionToken, TokenPurpose
from tests.factories import (
    DEFAULT_PASSWORD,
    auth_headers,
    create_user,
    login,
    random_email,
    token_in_link,
)
from tests.smtp import SmtpServer

API = settings.API_V1_STR
USER_PUBLIC_FIELDS = {
    "id",
    "email",
    "full_name",
    "is_active",
    "is_superuser",
    "is_verified",
    "pending_email",
    # region capability: file_storage
    "avatar_id",
    # endregion capability: file_storage
    "created_at",
}
NEW_PASSWORD = "a-brand-new-passphrase"
RECOVERY_SENT = "If that account exists, a password recovery email has been sent"


async def issue_reset_token(db: AsyncSession, *, user_id: uuid.UUID, hours: int = 1) -> str:
    token = await crud.issue_action_token(
        session=db,
        user_id=user_id,
        purpose=TokenPurpose.RESET_PASSWORD,
        lifetime=timedelta(hours=hours),
    )
    await db.commit()
    return token


async def login_status(client: AsyncClient, email: str, password: str) -> int:
    response = await client.post(
        f"{API}/login/access-token", data={"username": email, "password": password}
    )
    return response.status_code


class TestAccessToken:
    async def test_valid_credentials_return_a_bearer_token(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user = await create_user(db=db)
        response = await client.post(
            f"{API}/login/access-token",
            data={"username": user.email, "password": DEFAULT_PASSWORD},
        )
        assert response.status_code == 200
        body = response.json()
        assert body["token_type"] == "bearer"
        assert body["expires_in"] == settings.ACCESS_TOKEN_EXPIRE_MINUTES * 60
        me = await client.get(
            f"{API}/users/me", headers={"Authorization": f"Bearer {body['access_token']}"}
        )
        assert me.json()["id"] == str(user.id)

    async def test_email_is_matched_case_insensitively(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user = await create_user(db=db, email="casey@example.com")
        assert await login_status(client, "Casey@EXAMPLE.com", DEFAULT_PASSWORD) == 200
        assert user.email == "casey@example.com"

    async def test_wrong_password_is_refused(self, client: AsyncClient, db: AsyncSession) -> None:
        user = await create_user(db=db)
        response = await client.post(
            f"{API}/login/access-token", data={"username": user.email, "password": "wrong-pass"}
        )
        assert response.status_code == 400
        assert response.json() == {"detail": "Incorrect email or password"}

    async def test_unknown_email_gets_the_same_answer_as_a_wrong_password(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user = await create_user(db=db)
        wrong_password = await client.post(
            f"{API}/login/access-token", data={"username": user.email, "password": "wrong-pass"}
        )
        unknown_email = await client.post(
            f"{API}/login/access-token",
            data={"username": random_email(), "password": "wrong-pass"},
        )
        assert unknown_email.status_code == wrong_password.status_code == 400
        assert unknown_email.json() == wrong_password.json()

    async def test_inactive_user_is_refused(self, client: AsyncClient, db: AsyncSession) -> None:
        user = await create_user(db=db, is_active=False)
        response = await client.post(
            f"{API}/login/access-token",
            data={"username": user.email, "password": DEFAULT_PASSWORD},
        )
        assert response.status_code == 400
        assert response.json() == {"detail": "Inactive user"}

    async def test_missing_password_is_a_validation_error(self, client: AsyncClient) -> None:
        response = await client.post(f"{API}/login/access-token", data={"username": random_email()})
        assert response.status_code == 422


class TestTestToken:
    async def test_returns_the_current_user(self, client: AsyncClient, db: AsyncSession) -> None:
        user = await create_user(db=db, full_name="Token Holder")
        headers = await login(client, email=user.email)
        response = await client.post(f"{API}/login/test-token", headers=headers)
        assert response.status_code == 200
        body = response.json()
        assert set(body) == USER_PUBLIC_FIELDS
        assert body["email"] == user.email
        assert body["full_name"] == "Token Holder"

    async def test_missing_token_is_401_with_www_authenticate(self, client: AsyncClient) -> None:
        response = await client.post(f"{API}/login/test-token")
        assert response.status_code == 401
        assert response.headers["www-authenticate"].startswith("Bearer")

    async def test_malformed_token_is_401_with_www_authenticate(self, client: AsyncClient) -> None:
        response = await client.post(
            f"{API}/login/test-token", headers={"Authorization": "Bearer not.a.jwt"}
        )
        assert response.status_code == 401
        assert response.headers["www-authenticate"].startswith("Bearer")

    async def test_expired_token_is_401(self, client: AsyncClient, db: AsyncSession) -> None:
        user = await create_user(db=db)
        auth_session, _ = await crud.create_auth_session(
            session=db,
            user_id=user.id,
            lifetime=timedelta(days=1),
            user_agent=None,
            ip_address=None,
        )
        await db.commit()
        expired = create_access_token(
            user_id=user.id,
            session_id=auth_session.id,
            secret_key=settings.SECRET_KEY,
            expires_delta=timedelta(seconds=-1),
        )
        response = await client.post(
            f"{API}/login/test-token", headers={"Authorization": f"Bearer {expired}"}
        )
        assert response.status_code == 401
        assert "www-authenticate" in response.headers

    async def test_token_of_a_deleted_user_is_401(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user = await create_user(db=db)
        headers = await auth_headers(db=db, user=user)
        await crud.delete_user(session=db, user=user)
        await db.commit()
        response = await client.post(f"{API}/login/test-token", headers=headers)
        assert response.status_code == 401
        assert "www-authenticate" in response.headers

    async def test_token_of_a_deactivated_user_is_401(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user = await create_user(db=db)
        headers = await auth_headers(db=db, user=user)
        await crud.update_user(session=db, user=user, changes={"is_active": False})
        await db.commit()
        response = await client.post(f"{API}/login/test-token", headers=headers)
        assert response.status_code == 401
        assert "www-authenticate" in response.headers


class TestPasswordRecovery:
    async def test_emails_a_reset_link_to_a_known_address(
        self, client: AsyncClient, db: AsyncSession, smtp_server: SmtpServer
    ) -> None:
        user = await create_user(db=db)
        response = await client.post(f"{API}/password-recovery", json={"email": user.email})
        assert response.status_code == 200
        assert response.json() == {"message": RECOVERY_SENT}
        [mail] = smtp_server.to(user.email)
        assert mail.recipients == [user.email]
        assert mail.subject == f"{settings.PROJECT_NAME} - Password recovery for {user.email}"
        assert token_in_link(mail.html, "/reset-password")

    async def test_address_is_matched_case_insensitively(
        self, client: AsyncClient, db: AsyncSession, smtp_server: SmtpServer
    ) -> None:
        user = await create_user(db=db, email="mixed.case@example.com")
        await client.post(f"{API}/password-recovery", json={"email": "Mixed.Case@Example.COM"})
        assert len(smtp_server.to(user.email)) == 1

    async def test_answers_the_same_for_an_unknown_address_and_sends_nothing(
        self, client: AsyncClient, db: AsyncSession, smtp_server: SmtpServer
    ) -> None:
        known = await create_user(db=db)
        for_known = await client.post(f"{API}/password-recovery", json={"email": known.email})
        for_unknown = await client.post(f"{API}/password-recovery", json={"email": random_email()})
        assert for_unknown.status_code == for_known.status_code == 200
        assert for_unknown.json() == for_known.json()
        assert [m.recipients for m in smtp_server.mails] == [[known.email]]

    async def test_inactive_account_gets_no_email(
        self, client: AsyncClient, db: AsyncSession, smtp_server: SmtpServer
    ) -> None:
        user = await create_user(db=db, is_active=False)
        response = await client.post(f"{API}/password-recovery", json={"email": user.email})
        assert response.status_code == 200
        assert smtp_server.mails == []

    async def test_emailed_token_sets_a_new_password(
        self, client: AsyncClient, db: AsyncSession, smtp_server: SmtpServer
    ) -> None:
        user = await create_user(db=db)
        await client.post(f"{API}/password-recovery", json={"email": user.email})
        token = token_in_link(smtp_server.to(user.email)[0].html, "/reset-password")
        response = await client.post(
            f"{API}/reset-password/", json={"token": token, "new_password": NEW_PASSWORD}
        )
        assert response.status_code == 200
        assert await login_status(client, user.email, NEW_PASSWORD) == 200

    async def test_invalid_address_is_a_validation_error(self, client: AsyncClient) -> None:
        response = await client.post(f"{API}/password-recovery", json={"email": "not-an-email"})
        assert response.status_code == 422


class TestDeprecatedPasswordRecoveryPath:
    async def test_emails_a_working_reset_link(
        self, client: AsyncClient, db: AsyncSession, smtp_server: SmtpServer
    ) -> None:
        user = await create_user(db=db)
        response = await client.post(f"{API}/password-recovery/{user.email}")
        assert response.status_code == 200
        assert response.json() == {"message": RECOVERY_SENT}
        [mail] = smtp_server.to(user.email)
        token = token_in_link(mail.html, "/reset-password")
        reset = await client.post(
            f"{API}/reset-password/", json={"token": token, "new_password": NEW_PASSWORD}
        )
        assert reset.status_code == 200

    async def test_answers_the_same_for_an_unknown_address(
        self, client: AsyncClient, smtp_server: SmtpServer
    ) -> None:
        response = await client.post(f"{API}/password-recovery/{random_email()}")
        assert response.status_code == 200
        assert response.json() == {"message": RECOVERY_SENT}
        assert smtp_server.mails == []

    async def test_invalid_address_is_a_validation_error_not_a_crash(
        self, client: AsyncClient
    ) -> None:
        response = await client.post(f"{API}/password-recovery/not-an-email")
        assert response.status_code == 422


class TestResetPassword:
    async def test_afterwards_only_the_new_password_logs_in(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user = await create_user(db=db)
        token = await issue_reset_token(db, user_id=user.id)
        response = await client.post(
            f"{API}/reset-password/", json={"token": token, "new_password": NEW_PASSWORD}
        )
        assert response.status_code == 200
        assert response.json() == {"message": "Password updated successfully"}
        assert await login_status(client, user.email, DEFAULT_PASSWORD) == 400
        assert await login_status(client, user.email, NEW_PASSWORD) == 200

    async def test_unknown_token_is_refused(self, client: AsyncClient) -> None:
        response = await client.post(
            f"{API}/reset-password/", json={"token": "made-up", "new_password": NEW_PASSWORD}
        )
        assert response.status_code == 400
        assert response.json() == {"detail": LINK_UNKNOWN}

    async def test_a_token_works_only_once(self, client: AsyncClient, db: AsyncSession) -> None:
        user = await create_user(db=db)
        token = await issue_reset_token(db, user_id=user.id)
        body = {"token": token, "new_password": NEW_PASSWORD}
        assert (await client.post(f"{API}/reset-password/", json=body)).status_code == 200
        second = await client.post(
            f"{API}/reset-password/", json={"token": token, "new_password": "yet-another-phrase"}
        )
        assert second.status_code == 400

    async def test_expired_token_is_refused(self, client: AsyncClient, db: AsyncSession) -> None:
        user = await create_user(db=db)
        token = await issue_reset_token(db, user_id=user.id, hours=-1)
        response = await client.post(
            f"{API}/reset-password/", json={"token": token, "new_password": NEW_PASSWORD}
        )
        assert response.status_code == 400
        assert await login_status(client, user.email, DEFAULT_PASSWORD) == 200

    async def test_common_password_is_refused_with_the_reason(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user = await create_user(db=db)
        token = await issue_reset_token(db, user_id=user.id)
        response = await client.post(
            f"{API}/reset-password/", json={"token": token, "new_password": "password123"}
        )
        assert response.status_code == 400
        assert "common" in response.json()["detail"]

    async def test_a_refused_password_leaves_the_token_usable(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user = await create_user(db=db)
        token = await issue_reset_token(db, user_id=user.id)
        await client.post(
            f"{API}/reset-password/", json={"token": token, "new_password": "password123"}
        )
        retry = await client.post(
            f"{API}/reset-password/", json={"token": token, "new_password": NEW_PASSWORD}
        )
        assert retry.status_code == 200

    async def test_short_password_is_a_validation_error(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user = await create_user(db=db)
        token = await issue_reset_token(db, user_id=user.id)
        response = await client.post(
            f"{API}/reset-password/", json={"token": token, "new_password": "short"}
        )
        assert response.status_code == 422

    async def test_reset_token_of_a_deactivated_user_is_refused(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user = await create_user(db=db)
        token = await issue_reset_token(db, user_id=user.id)
        await crud.update_user(session=db, user=user, changes={"is_active": False})
        await db.commit()
        response = await client.post(
            f"{API}/reset-password/", json={"token": token, "new_password": NEW_PASSWORD}
        )
        assert response.status_code == 400

    async def test_token_is_marked_used(self, client: AsyncClient, db: AsyncSession) -> None:
        user = await create_user(db=db)
        token = await issue_reset_token(db, user_id=user.id)
        await client.post(
            f"{API}/reset-password/", json={"token": token, "new_password": NEW_PASSWORD}
        )
        stored = await db.get(ActionToken, hash_opaque_token(token), populate_existing=True)
        assert stored is not None
        assert stored.used_at is not None


class TestPasswordRecoveryHtmlContent:
    async def test_superuser_gets_the_reset_email_as_html(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        admin = await create_user(db=db, is_superuser=True)
        user = await create_user(db=db)
        response = await client.post(
            f"{API}/password-recovery-html-content/{user.email}",
            headers=await auth_headers(db=db, user=admin),
        )
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/html")
        assert f"{settings.FRONTEND_HOST}/reset-password?token=" in response.text
        assert user.email in response.headers["subject"]

    async def test_normal_user_is_forbidden(self, client: AsyncClient, db: AsyncSession) -> None:
        user = await create_user(db=db)
        response = await client.post(
            f"{API}/password-recovery-html-content/{user.email}",
            headers=await auth_headers(db=db, user=user),
        )
        assert response.status_code == 403

    async def test_unknown_email_is_404(self, client: AsyncClient, db: AsyncSession) -> None:
        admin = await create_user(db=db, is_superuser=True)
        response = await client.post(
            f"{API}/password-recovery-html-content/{random_email()}",
            headers=await auth_headers(db=db, user=admin),
        )
        assert response.status_code == 404
        assert "detail" in response.json()
