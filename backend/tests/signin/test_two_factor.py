"""Two-factor authentication: enrolment, the two-step login, recovery
codes, turning it off, and a superuser's reset."""

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
import pytest
from httpx import AsyncClient, Response
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from app.core.config import settings
from app.models import AuditLog, User
from app.signin.two_factor import CHALLENGE_EXPIRED, WRONG_CODE
from app.signin.two_factor_models import RecoveryCode
from tests.factories import DEFAULT_PASSWORD, auth_headers, bearer, create_user
from tests.signin.helpers import make_proof_stale
from tests.signin.two_factor_helpers import code_at, enable_two_factor
from tests.smtp import SmtpServer

API = settings.API_V1_STR
ME = f"{API}/users/me/two-factor"
SECOND_STEP = f"{API}/login/two-factor"


async def password_step(client: AsyncClient, user: User) -> Response:
    return await client.post(
        f"{API}/login/access-token", data={"username": user.email, "password": DEFAULT_PASSWORD}
    )


async def challenge_of(client: AsyncClient, user: User) -> str:
    response = await password_step(client, user)
    assert response.status_code == 200, response.text
    return str(response.json()["challenge"])


async def second_step(client: AsyncClient, challenge: str, code: str) -> Response:
    return await client.post(SECOND_STEP, json={"challenge": challenge, "code": code})


async def enrolled_user(
    client: AsyncClient, db: AsyncSession, **fields: Any
) -> tuple[User, dict[str, str], str, list[str]]:
    user = await create_user(db=db, **fields)
    headers = await auth_headers(db=db, user=user)
    secret, codes = await enable_two_factor(client, headers)
    return user, headers, secret, codes


async def actions_of(db: AsyncSession, user: User) -> list[str]:
    rows = await db.exec(
        select(AuditLog.action)
        .where(AuditLog.target_user_id == user.id)
        .order_by(col(AuditLog.created_at))
    )
    return list(rows.all())


class TestEnrolment:
    async def test_setup_gives_a_secret_and_its_qr_code_but_does_not_turn_it_on(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user = await create_user(db=db)
        headers = await auth_headers(db=db, user=user)

        setup = (await client.post(f"{ME}/setup", headers=headers)).json()

        assert setup["otpauth_uri"].startswith("otpauth://totp/")
        assert f"secret={setup['secret']}" in setup["otpauth_uri"]
        assert setup["qr_code"].startswith("data:image/svg+xml")
        status = (await client.get(ME, headers=headers)).json()
        assert status == {"enabled": False, "recovery_codes_left": 0}
        assert "challenge" not in (await password_step(client, user)).json()

    async def test_a_wrong_code_does_not_turn_it_on(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user = await create_user(db=db)
        headers = await auth_headers(db=db, user=user)
        secret = (await client.post(f"{ME}/setup", headers=headers)).json()["secret"]
        wrong = f"{(int(code_at(secret)) + 1) % 1_000_000:06d}"

        response = await client.post(f"{ME}/confirm", json={"code": wrong}, headers=headers)

        assert response.status_code == 400
        assert response.json()["detail"] == WRONG_CODE
        assert (await client.get(ME, headers=headers)).json()["enabled"] is False

    async def test_the_right_code_turns_it_on_with_ten_recovery_codes_audited_and_emailed(
        self, client: AsyncClient, db: AsyncSession, smtp_server: SmtpServer
    ) -> None:
        user, headers, _secret, codes = await enrolled_user(client, db)

        assert len(codes) == 10 == len(set(codes))
        assert (await client.get(ME, headers=headers)).json() == {
            "enabled": True,
            "recovery_codes_left": 10,
        }
        assert await actions_of(db, user) == ["two_factor_enabled"]
        [mail] = smtp_server.to(user.email)
        assert "A way to sign in" in mail.subject

    async def test_confirming_without_a_setup_is_refused(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user = await create_user(db=db)
        headers = await auth_headers(db=db, user=user)
        response = await client.post(f"{ME}/confirm", json={"code": "123456"}, headers=headers)
        assert response.status_code == 400

    async def test_a_second_setup_while_on_is_refused(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _user, headers, _secret, _codes = await enrolled_user(client, db)
        assert (await client.post(f"{ME}/setup", headers=headers)).status_code == 409


class TestLogin:
    async def test_the_password_step_answers_a_challenge_and_no_session(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user, _headers, _secret, _codes = await enrolled_user(client, db)

        response = await password_step(client, user)

        assert response.status_code == 200
        body = response.json()
        assert body["two_factor_required"] is True
        assert "access_token" not in body
        assert "set-cookie" not in response.headers
        assert (
            await client.get(f"{API}/users/me", headers=bearer(body["challenge"]))
        ).status_code == 401

    async def test_a_current_code_completes_the_login_with_tokens_and_cookie(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user, _headers, secret, _codes = await enrolled_user(client, db)
        challenge = await challenge_of(client, user)

        response = await second_step(client, challenge, code_at(secret, 1))

        assert response.status_code == 200, response.text
        assert "refresh_token=" in response.headers["set-cookie"]
        me = await client.get(f"{API}/users/me", headers=bearer(response.json()["access_token"]))
        assert me.json()["email"] == user.email

    async def test_a_code_cannot_be_used_twice(self, client: AsyncClient, db: AsyncSession) -> None:
        user, _headers, secret, _codes = await enrolled_user(client, db)
        code = code_at(secret, 1)
        assert (
            await second_step(client, await challenge_of(client, user), code)
        ).status_code == 200

        replayed = await second_step(client, await challenge_of(client, user), code)

        assert replayed.status_code == 400
        assert replayed.json()["detail"] == WRONG_CODE

    async def test_the_code_already_used_to_confirm_cannot_log_in(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user, _headers, secret, _codes = await enrolled_user(client, db)
        response = await second_step(client, await challenge_of(client, user), code_at(secret))
        assert response.status_code == 400

    async def test_a_recovery_code_logs_in_once(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user, headers, _secret, codes = await enrolled_user(client, db)

        first = await second_step(client, await challenge_of(client, user), codes[0].upper())
        again = await second_step(client, await challenge_of(client, user), codes[0])

        assert first.status_code == 200
        assert again.status_code == 400
        assert (await client.get(ME, headers=headers)).json()["recovery_codes_left"] == 9

    async def test_a_wrong_code_is_refused_and_audited(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user, _headers, _secret, _codes = await enrolled_user(client, db)

        response = await second_step(client, await challenge_of(client, user), "000000")

        assert response.status_code == 400
        assert (await actions_of(db, user))[-1] == "two_factor_failed"

    async def test_guessing_codes_is_rate_limited_per_account(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user, _headers, secret, _codes = await enrolled_user(client, db)
        challenge = await challenge_of(client, user)
        for guess in range(settings.LOGIN_FAILURES_PER_ACCOUNT):
            await second_step(client, challenge, f"{guess:06d}")

        response = await second_step(client, challenge, code_at(secret, 1))

        assert response.status_code == 429
        assert "retry-after" in response.headers

    @pytest.mark.parametrize(
        "challenge",
        ["not-a-token", "expired", "foreign", "access token"],
    )
    async def test_only_a_live_challenge_of_ours_is_accepted(
        self, client: AsyncClient, db: AsyncSession, challenge: str
    ) -> None:
        user, headers, secret, _codes = await enrolled_user(client, db)
        now = datetime.now(UTC)
        claims = {
            "sub": str(user.id),
            "typ": "two_factor",
            "iat": now,
            "exp": now + timedelta(minutes=5),
        }
        tokens = {
            "not-a-token": "not-a-token",
            "expired": jwt.encode(
                {**claims, "exp": now - timedelta(seconds=1)}, settings.SECRET_KEY
            ),
            "foreign": jwt.encode(claims, "another-secret-key-of-thirty-two-bytes-or-more"),
            "access token": headers["Authorization"].removeprefix("Bearer "),
        }

        response = await second_step(client, tokens[challenge], code_at(secret, 1))

        assert response.status_code == 401
        assert response.json()["detail"] == CHALLENGE_EXPIRED

    async def test_a_challenge_for_an_unknown_user_is_refused(self, client: AsyncClient) -> None:
        now = datetime.now(UTC)
        token = jwt.encode(
            {
                "sub": str(uuid.uuid4()),
                "typ": "two_factor",
                "iat": now,
                "exp": now + timedelta(minutes=5),
            },
            settings.SECRET_KEY,
        )
        assert (await second_step(client, token, "123456")).status_code == 401


class TestRecoveryCodes:
    async def test_new_codes_replace_the_old_ones_and_are_audited(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user, headers, _secret, old = await enrolled_user(client, db)

        new = (await client.post(f"{ME}/recovery-codes", headers=headers)).json()["codes"]

        assert set(new).isdisjoint(old)
        assert (
            await second_step(client, await challenge_of(client, user), old[0])
        ).status_code == 400
        assert (
            await second_step(client, await challenge_of(client, user), new[0])
        ).status_code == 200
        assert "recovery_codes_regenerated" in await actions_of(db, user)

    async def test_only_hashes_of_the_codes_are_stored(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user, _headers, _secret, codes = await enrolled_user(client, db)

        stored = (await db.exec(select(RecoveryCode).where(RecoveryCode.user_id == user.id))).all()

        assert len(stored) == len(codes)
        kept = " ".join(str(row.model_dump()) for row in stored)
        for code in codes:
            assert code not in kept
            assert code.replace("-", "") not in kept
        first = await second_step(client, await challenge_of(client, user), codes[0])
        again = await second_step(client, await challenge_of(client, user), codes[0])
        assert (first.status_code, again.status_code) == (200, 400)

    async def test_no_codes_without_two_factor(self, client: AsyncClient, db: AsyncSession) -> None:
        user = await create_user(db=db)
        headers = await auth_headers(db=db, user=user)
        assert (await client.post(f"{ME}/recovery-codes", headers=headers)).status_code == 409


class TestDisable:
    @pytest.mark.parametrize(
        ("password", "code_is_right"),
        [(DEFAULT_PASSWORD, False), ("not-my-password", True), (None, True)],
        ids=["wrong code", "wrong password", "no password"],
    )
    async def test_it_takes_both_the_password_and_a_code(
        self, client: AsyncClient, db: AsyncSession, password: str | None, code_is_right: bool
    ) -> None:
        _user, headers, secret, _codes = await enrolled_user(client, db)
        code = code_at(secret, 1) if code_is_right else "000000"

        response = await client.request(
            "DELETE", ME, json={"current_password": password, "code": code}, headers=headers
        )

        assert response.status_code == 400
        assert (await client.get(ME, headers=headers)).json()["enabled"] is True

    async def test_with_both_it_is_off_audited_and_emailed(
        self, client: AsyncClient, db: AsyncSession, smtp_server: SmtpServer
    ) -> None:
        user, headers, secret, _codes = await enrolled_user(client, db)

        response = await client.request(
            "DELETE",
            ME,
            json={"current_password": DEFAULT_PASSWORD, "code": code_at(secret, 1)},
            headers=headers,
        )

        assert response.status_code == 200
        assert (await client.get(ME, headers=headers)).json() == {
            "enabled": False,
            "recovery_codes_left": 0,
        }
        assert (await actions_of(db, user))[-1] == "two_factor_disabled"
        assert "access_token" in (await password_step(client, user)).json()
        assert len(smtp_server.to(user.email)) == 2


class TestSuperuserReset:
    async def test_a_superuser_turns_it_off_audited_and_the_user_is_told(
        self, client: AsyncClient, db: AsyncSession, smtp_server: SmtpServer
    ) -> None:
        user, headers, _secret, _codes = await enrolled_user(client, db)
        admin = await create_user(db=db, is_superuser=True)
        admin_headers = await auth_headers(db=db, user=admin)

        response = await client.delete(f"{API}/users/{user.id}/two-factor", headers=admin_headers)

        assert response.status_code == 200
        assert (await client.get(ME, headers=headers)).json()["enabled"] is False
        entry = (await db.exec(select(AuditLog).where(AuditLog.action == "two_factor_reset"))).one()
        assert (entry.actor_id, entry.target_user_id) == (admin.id, user.id)
        assert "by an administrator" in smtp_server.to(user.email)[-1].html

    async def test_a_user_cannot_reset_someone_elses(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user, _headers, _secret, _codes = await enrolled_user(client, db)
        other = await auth_headers(db=db, user=await create_user(db=db))
        assert (
            await client.delete(f"{API}/users/{user.id}/two-factor", headers=other)
        ).status_code == 403

    @pytest.mark.parametrize("target", ["unknown", "not enrolled"])
    async def test_resetting_what_is_not_there_says_so(
        self, client: AsyncClient, db: AsyncSession, target: str
    ) -> None:
        admin = await auth_headers(db=db, user=await create_user(db=db, is_superuser=True))
        user_id = uuid.uuid4() if target == "unknown" else (await create_user(db=db)).id
        response = await client.delete(f"{API}/users/{user_id}/two-factor", headers=admin)
        assert response.status_code == (404 if target == "unknown" else 409)


class TestRequiredForSuperusers:
    async def test_a_superuser_without_it_is_sent_to_turn_it_on(
        self, client: AsyncClient, db: AsyncSession, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(settings, "TWO_FACTOR_REQUIRED_FOR_SUPERUSERS", True)
        admin = await create_user(db=db, is_superuser=True)
        headers = await auth_headers(db=db, user=admin)

        refused = await client.get(f"{API}/users/", headers=headers)
        await enable_two_factor(client, headers)
        allowed = await client.get(f"{API}/users/", headers=headers)

        assert refused.status_code == 403
        assert refused.json()["code"] == "two_factor_required"
        assert allowed.status_code == 200

    async def test_the_login_page_is_told(
        self, client: AsyncClient, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(settings, "TWO_FACTOR_REQUIRED_FOR_SUPERUSERS", True)
        options = (await client.get(f"{API}/login/options")).json()
        assert options["two_factor"] is True
        assert options["two_factor_required_for_superusers"] is True


SENSITIVE = {
    "setup": ("POST", f"{ME}/setup", None),
    "confirm": ("POST", f"{ME}/confirm", {"code": "123456"}),
    "new recovery codes": ("POST", f"{ME}/recovery-codes", None),
    "disable": ("DELETE", ME, {"current_password": DEFAULT_PASSWORD, "code": "123456"}),
}


@pytest.mark.parametrize("name", SENSITIVE)
async def test_changing_two_factor_needs_a_fresh_proof(
    client: AsyncClient, db: AsyncSession, name: str
) -> None:
    _user, headers, _secret, _codes = await enrolled_user(client, db)
    await make_proof_stale(db, headers)
    method, url, body = SENSITIVE[name]

    response = await client.request(method, url, json=body, headers=headers)

    assert response.status_code == 403
    assert response.json()["code"] == "reauthentication_required"
    assert (await client.get(ME, headers=headers)).json()["enabled"] is True


async def test_an_authenticator_code_renews_the_proof(
    client: AsyncClient, db: AsyncSession
) -> None:
    _user, headers, secret, _codes = await enrolled_user(client, db)
    await make_proof_stale(db, headers)

    response = await client.post(
        f"{API}/users/me/reauthenticate", json={"code": code_at(secret, 1)}, headers=headers
    )

    assert response.status_code == 200, response.text
    assert (await client.post(f"{ME}/recovery-codes", headers=headers)).status_code == 200


async def test_a_code_does_not_renew_the_proof_without_two_factor(
    client: AsyncClient, db: AsyncSession
) -> None:
    headers = await auth_headers(db=db, user=await create_user(db=db))
    response = await client.post(
        f"{API}/users/me/reauthenticate", json={"code": "123456"}, headers=headers
    )
    assert response.status_code == 400


@pytest.mark.parametrize("enabled", [True, False])
async def test_the_login_page_learns_which_options_are_on(
    client: AsyncClient, monkeypatch: pytest.MonkeyPatch, enabled: bool
) -> None:
    monkeypatch.setattr(settings, "TWO_FACTOR_ENABLED", enabled)
    monkeypatch.setattr(settings, "TWO_FACTOR_REQUIRED_FOR_SUPERUSERS", True)
    options = (await client.get(f"{settings.API_V1_STR}/login/options")).json()
    assert options["two_factor"] is enabled
    assert options["two_factor_required_for_superusers"] is enabled
