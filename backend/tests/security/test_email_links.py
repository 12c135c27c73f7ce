"""Links sent by email: random, stored hashed, single-use, short-lived."""

import re
from datetime import timedelta

import pytest
from httpx import AsyncClient, Response
from sqlalchemy import update
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from app.accounts import LINK_EXPIRED, LINK_REPLACED, LINK_UNKNOWN, LINK_USED
from app.core.config import settings
from app.models import ActionToken, TokenPurpose, User, utcnow
from tests.factories import DEFAULT_PASSWORD, bearer, create_user, login_response, random_email
from tests.smtp import SmtpServer

RECOVER = "/api/v1/password-recovery"
RESET = "/api/v1/reset-password/"
VERIFY = "/api/v1/users/verify-email"
USED_RESET = {"detail": LINK_USED[TokenPurpose.RESET_PASSWORD]}
EXPIRED = {"detail": LINK_EXPIRED}
REPLACED = {"detail": LINK_REPLACED}


def token_in(html: str, path: str) -> str:
    match = re.search(rf"{re.escape(path)}\?token=([\w\-]+)", html)
    assert match, f"no {path} link in the email"
    return match.group(1)


async def reset_token_for(client: AsyncClient, smtp: SmtpServer, email: str) -> str:
    assert (await client.post(RECOVER, json={"email": email})).status_code == 200
    return token_in(smtp.to(email)[-1].html, "/reset-password")


async def test_a_reset_link_works_once(
    client: AsyncClient, db: AsyncSession, smtp_server: SmtpServer
) -> None:
    user = await create_user(db=db)
    token = await reset_token_for(client, smtp_server, user.email)
    first = await client.post(RESET, json={"token": token, "new_password": "first-new-password"})
    assert first.status_code == 200
    second = await client.post(RESET, json={"token": token, "new_password": "second-new-password"})
    assert (second.status_code, second.json()) == (400, USED_RESET)
    assert (
        await login_response(client, email=user.email, password="first-new-password")
    ).is_success


async def test_an_expired_reset_link_is_refused(
    client: AsyncClient, db: AsyncSession, smtp_server: SmtpServer
) -> None:
    user = await create_user(db=db)
    token = await reset_token_for(client, smtp_server, user.email)
    await db.exec(update(ActionToken).values(expires_at=utcnow() - timedelta(seconds=1)))
    await db.commit()
    response = await client.post(RESET, json={"token": token, "new_password": "a-new-password-1"})
    assert (response.status_code, response.json()) == (400, EXPIRED)


async def test_reset_links_expire_after_one_hour(
    client: AsyncClient, db: AsyncSession, smtp_server: SmtpServer
) -> None:
    user = await create_user(db=db)
    await reset_token_for(client, smtp_server, user.email)
    stored = (await db.exec(select(ActionToken))).one()
    assert stored.expires_at - stored.created_at == timedelta(hours=1)


async def test_a_newer_reset_link_supersedes_the_older(
    client: AsyncClient, db: AsyncSession, smtp_server: SmtpServer
) -> None:
    user = await create_user(db=db)
    older = await reset_token_for(client, smtp_server, user.email)
    newer = await reset_token_for(client, smtp_server, user.email)
    response = await client.post(RESET, json={"token": older, "new_password": "a-new-password-1"})
    assert (response.status_code, response.json()) == (400, REPLACED)
    assert (
        await client.post(RESET, json={"token": newer, "new_password": "a-new-password-1"})
    ).is_success


async def test_changing_the_password_kills_pending_reset_links(
    client: AsyncClient, db: AsyncSession, smtp_server: SmtpServer
) -> None:
    user = await create_user(db=db)
    token = await reset_token_for(client, smtp_server, user.email)
    headers = bearer((await login_response(client, email=user.email)).json()["access_token"])
    changed = await client.patch(
        "/api/v1/users/me/password",
        headers=headers,
        json={"current_password": DEFAULT_PASSWORD, "new_password": "changed-in-settings"},
    )
    assert changed.status_code == 200
    response = await client.post(RESET, json={"token": token, "new_password": "a-new-password-1"})
    assert (response.status_code, response.json()) == (400, USED_RESET)


async def test_reset_tokens_are_stored_hashed(
    client: AsyncClient, db: AsyncSession, smtp_server: SmtpServer
) -> None:
    user = await create_user(db=db)
    token = await reset_token_for(client, smtp_server, user.email)
    stored = (await db.exec(select(ActionToken.token_hash))).all()
    assert token not in stored
    assert len(stored) == 1


async def test_a_reset_revokes_every_session_and_sends_a_notice(
    client: AsyncClient, db: AsyncSession, smtp_server: SmtpServer
) -> None:
    user = await create_user(db=db)
    headers = bearer((await login_response(client, email=user.email)).json()["access_token"])
    token = await reset_token_for(client, smtp_server, user.email)
    assert (
        await client.post(RESET, json={"token": token, "new_password": "after-the-reset"})
    ).is_success
    assert (await client.get("/api/v1/users/me", headers=headers)).status_code == 401
    assert "password was changed" in smtp_server.to(user.email)[-1].subject


async def test_recovery_answers_identically_for_known_and_unknown_addresses(
    client: AsyncClient, db: AsyncSession, smtp_server: SmtpServer
) -> None:
    user = await create_user(db=db)
    known = await client.post(RECOVER, json={"email": user.email})
    unknown = await client.post(RECOVER, json={"email": random_email()})
    assert known.status_code == unknown.status_code == 200
    assert known.content == unknown.content
    assert len(smtp_server.mails) == 1


async def test_recovery_answers_the_same_without_email_configured(
    client: AsyncClient, db: AsyncSession
) -> None:
    assert not settings.emails_enabled
    user = await create_user(db=db)
    known = await client.post(RECOVER, json={"email": user.email})
    unknown = await client.post(RECOVER, json={"email": random_email()})
    assert known.status_code == unknown.status_code == 200
    assert known.content == unknown.content


@pytest.mark.whole_app
async def test_the_deprecated_recovery_path_still_works(
    client: AsyncClient, db: AsyncSession, smtp_server: SmtpServer
) -> None:
    user = await create_user(db=db)
    response = await client.post(f"{RECOVER}/{user.email}")
    assert response.status_code == 200
    assert smtp_server.to(user.email)
    schema = (await client.get("/api/v1/openapi.json")).json()
    assert schema["paths"]["/api/v1/password-recovery/{email}"]["post"]["deprecated"] is True


async def test_a_user_created_by_a_superuser_gets_a_set_password_link(
    client: AsyncClient, db: AsyncSession, smtp_server: SmtpServer
) -> None:
    admin = await create_user(db=db, is_superuser=True)
    admin_headers = bearer((await login_response(client, email=admin.email)).json()["access_token"])
    email = random_email()
    created = await client.post("/api/v1/users/", headers=admin_headers, json={"email": email})
    assert created.status_code == 200
    token = token_in(smtp_server.to(email)[-1].html, "/reset-password")
    chosen = await client.post(RESET, json={"token": token, "new_password": "chosen-by-the-user"})
    assert chosen.status_code == 200
    login = await login_response(client, email=email, password="chosen-by-the-user")
    assert login.status_code == 200
    me = await client.get("/api/v1/users/me", headers=bearer(login.json()["access_token"]))
    assert me.json()["is_verified"] is True


async def test_set_password_links_last_longer_than_reset_links(
    client: AsyncClient, db: AsyncSession, smtp_server: SmtpServer
) -> None:
    admin = await create_user(db=db, is_superuser=True)
    admin_headers = bearer((await login_response(client, email=admin.email)).json()["access_token"])
    await client.post("/api/v1/users/", headers=admin_headers, json={"email": random_email()})
    stored = (await db.exec(select(ActionToken))).one()
    assert stored.expires_at - stored.created_at == timedelta(hours=72)


async def test_no_email_ever_contains_the_password(
    client: AsyncClient, db: AsyncSession, smtp_server: SmtpServer
) -> None:
    admin = await create_user(db=db, is_superuser=True)
    admin_headers = bearer((await login_response(client, email=admin.email)).json()["access_token"])
    password = "admin-chosen-Secret-42"
    await client.post(
        "/api/v1/users/",
        headers=admin_headers,
        json={"email": random_email(), "password": password},
    )
    signup_password = "signup-chosen-Secret-42"
    await client.post(
        "/api/v1/users/signup", json={"email": random_email(), "password": signup_password}
    )
    assert len(smtp_server.mails) == 2
    for mail in smtp_server.mails:
        assert password not in mail.message.as_string()
        assert signup_password not in mail.message.as_string()


async def test_signup_sends_a_single_use_verification_link(
    client: AsyncClient, db: AsyncSession, smtp_server: SmtpServer
) -> None:
    email = random_email()
    signup = await client.post(
        "/api/v1/users/signup", json={"email": email, "password": "a-good-password"}
    )
    assert signup.json()["is_verified"] is False
    token = token_in(smtp_server.to(email)[-1].html, "/verify-email")
    assert (await client.post(VERIFY, json={"token": token})).status_code == 200
    user = (await db.exec(select(User).where(User.email == email))).one()
    await db.refresh(user)
    assert user.is_verified is True
    again = await client.post(VERIFY, json={"token": token})
    assert (again.status_code, again.json()) == (
        400,
        {"detail": LINK_USED[TokenPurpose.VERIFY_EMAIL]},
    )


async def test_a_made_up_link_is_told_apart_from_a_used_one(client: AsyncClient) -> None:
    for path, body in [(VERIFY, {}), (RESET, {"new_password": "a-new-password-1"})]:
        response = await client.post(path, json={"token": "made-up", **body})
        assert (response.status_code, response.json()) == (400, {"detail": LINK_UNKNOWN})


async def test_a_verification_link_replaced_by_a_newer_one_says_so(
    client: AsyncClient, smtp_server: SmtpServer
) -> None:
    email = random_email()
    await client.post("/api/v1/users/signup", json={"email": email, "password": "a-good-password"})
    older = token_in(smtp_server.to(email)[-1].html, "/verify-email")
    await client.post("/api/v1/users/verify-email/resend", json={"email": email})
    response = await client.post(VERIFY, json={"token": older})
    assert (response.status_code, response.json()) == (400, REPLACED)


async def test_an_email_change_link_used_twice_says_the_address_changed(
    client: AsyncClient, db: AsyncSession, smtp_server: SmtpServer
) -> None:
    user = await create_user(db=db)
    headers = bearer((await login_response(client, email=user.email)).json()["access_token"])
    new_email = random_email()
    await client.patch(
        "/api/v1/users/me",
        headers=headers,
        json={"email": new_email, "current_password": DEFAULT_PASSWORD},
    )
    token = token_in(smtp_server.to(new_email)[-1].html, "/verify-email")
    assert (await client.post(VERIFY, json={"token": token})).status_code == 200
    again = await client.post(VERIFY, json={"token": token})
    assert again.json() == {"detail": LINK_USED[TokenPurpose.CHANGE_EMAIL]}


async def test_login_refuses_unverified_accounts_when_verification_is_required(
    client: AsyncClient, db: AsyncSession, smtp_server: SmtpServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(settings, "REQUIRE_EMAIL_VERIFICATION", True)
    email = random_email()
    await client.post("/api/v1/users/signup", json={"email": email, "password": "a-good-password"})
    refused = await login_response(client, email=email, password="a-good-password")
    assert refused.status_code == 400
    assert "not verified" in refused.json()["detail"]
    token = token_in(smtp_server.to(email)[-1].html, "/verify-email")
    await client.post(VERIFY, json={"token": token})
    assert (await login_response(client, email=email, password="a-good-password")).is_success


async def test_resend_sends_a_fresh_verification_link_and_is_rate_limited(
    client: AsyncClient, db: AsyncSession, smtp_server: SmtpServer
) -> None:
    user = await create_user(db=db, is_verified=False)
    statuses = [
        (await client.post(f"{VERIFY}/resend", json={"email": user.email})).status_code
        for _ in range(settings.EMAILS_PER_ADDRESS + 1)
    ]
    assert statuses == [200] * settings.EMAILS_PER_ADDRESS + [429]
    assert len(smtp_server.to(user.email)) == settings.EMAILS_PER_ADDRESS


async def test_signup_does_not_reveal_a_taken_address_when_verification_is_required(
    client: AsyncClient, db: AsyncSession, smtp_server: SmtpServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(settings, "REQUIRE_EMAIL_VERIFICATION", True)
    existing = await create_user(db=db, full_name=None)
    new_email = random_email()

    def answer_without_ids(response: Response) -> dict[str, object]:
        body = response.json()
        return {k: v for k, v in body.items() if k not in ("id", "created_at", "email")}

    taken = await client.post(
        "/api/v1/users/signup", json={"email": existing.email, "password": "a-good-password"}
    )
    fresh = await client.post(
        "/api/v1/users/signup", json={"email": new_email, "password": "a-good-password"}
    )
    assert taken.status_code == fresh.status_code == 200
    assert answer_without_ids(taken) == answer_without_ids(fresh)
    assert (taken.json()["email"], fresh.json()["email"]) == (existing.email, new_email)
    [warning] = smtp_server.to(existing.email)
    assert "tried to sign up" in warning.subject
    assert "/verify-email" not in warning.html, "the account holder gets no link to act on"
    [verification] = smtp_server.to(new_email)
    assert token_in(verification.html, "/verify-email")


async def test_a_deployed_app_does_not_reveal_a_taken_address_by_default(
    client: AsyncClient, db: AsyncSession, smtp_server: SmtpServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(settings, "ENVIRONMENT", "production")
    monkeypatch.setattr(settings, "REQUIRE_EMAIL_VERIFICATION", None)
    existing = await create_user(db=db)
    taken = await client.post(
        "/api/v1/users/signup", json={"email": existing.email, "password": "a-good-password"}
    )
    assert taken.status_code == 200
    assert "tried to sign up" in smtp_server.to(existing.email)[-1].subject


class TestEmailChange:
    async def headers(self, client: AsyncClient, user: User) -> dict[str, str]:
        return bearer((await login_response(client, email=user.email)).json()["access_token"])

    async def test_needs_the_current_password(self, client: AsyncClient, db: AsyncSession) -> None:
        user = await create_user(db=db)
        headers = await self.headers(client, user)
        for body in (
            {"email": random_email()},
            {"email": random_email(), "current_password": "wrong-one!"},
        ):
            response = await client.patch("/api/v1/users/me", headers=headers, json=body)
            assert response.status_code == 400
        await db.refresh(user)
        assert user.pending_email is None

    async def test_takes_effect_only_when_the_new_address_confirms(
        self, client: AsyncClient, db: AsyncSession, smtp_server: SmtpServer
    ) -> None:
        user = await create_user(db=db)
        old_email = user.email
        headers = await self.headers(client, user)
        new_email = random_email()
        response = await client.patch(
            "/api/v1/users/me",
            headers=headers,
            json={"email": new_email.upper(), "current_password": DEFAULT_PASSWORD},
        )
        assert response.status_code == 200
        assert response.json()["email"] == old_email
        assert response.json()["pending_email"] == new_email
        assert "being changed" in smtp_server.to(old_email)[-1].subject
        token = token_in(smtp_server.to(new_email)[-1].html, "/verify-email")
        assert (await client.post(VERIFY, json={"token": token})).status_code == 200
        me = (await client.get("/api/v1/users/me", headers=headers)).json()
        assert (me["email"], me["pending_email"]) == (new_email, None)
        assert (await login_response(client, email=new_email)).is_success

    async def test_to_a_taken_address_is_a_conflict(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user = await create_user(db=db)
        other = await create_user(db=db)
        response = await client.patch(
            "/api/v1/users/me",
            headers=await self.headers(client, user),
            json={"email": other.email, "current_password": DEFAULT_PASSWORD},
        )
        assert response.status_code == 409
