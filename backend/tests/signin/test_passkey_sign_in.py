"""Signing in with a passkey: usernameless from the login page, as the
second step of a password login, and as a fresh proof of identity. Every
answer is a real WebAuthn assertion, verified by py_webauthn."""

from datetime import timedelta
from typing import Any

import pytest
from httpx import AsyncClient, Response
from sqlalchemy import update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from app.core.config import settings
from app.models import AuditLog, User, utcnow
from app.signin.models import Passkey, PasskeyChallenge
from app.signin.passkeys import (
    COUNTER_WENT_BACK,
    NO_PASSKEYS,
    NOT_ACCEPTED,
    STALE_CHALLENGE,
    UNKNOWN_PASSKEY,
)
from tests.factories import DEFAULT_PASSWORD, auth_headers, bearer, create_user
from tests.signin.authenticator import Authenticator
from tests.signin.helpers import (
    code_at,
    enable_two_factor,
    make_proof_stale,
    passkey_options,
    register_passkey,
)

API = settings.API_V1_STR
SIGN_IN_OPTIONS = "/login/passkey/options"
SIGN_IN = f"{API}/login/passkey"
SECOND_STEP_OPTIONS = "/login/two-factor/passkey/options"
SECOND_STEP = f"{API}/login/two-factor/passkey"
REAUTH_OPTIONS = "/users/me/reauthenticate/passkey/options"
REAUTH = f"{API}/users/me/reauthenticate/passkey"


async def with_passkey(
    client: AsyncClient, db: AsyncSession, **fields: Any
) -> tuple[User, dict[str, str], Authenticator]:
    """A user with one passkey, held by the returned authenticator."""
    user = await create_user(db=db, **fields)
    headers = await auth_headers(db=db, user=user)
    authenticator = Authenticator()
    await register_passkey(client, headers, authenticator)
    return user, headers, authenticator


async def sign_in(client: AsyncClient, credential: dict[str, Any]) -> Response:
    return await client.post(SIGN_IN, json={"credential": credential})


async def email_of(client: AsyncClient, response: Response) -> str:
    assert response.status_code == 200, response.text
    me = await client.get(f"{API}/users/me", headers=bearer(response.json()["access_token"]))
    return str(me.json()["email"])


async def actions_of(db: AsyncSession, user: User) -> list[str]:
    rows = await db.exec(
        select(AuditLog.action)
        .where(AuditLog.target_user_id == user.id)
        .order_by(col(AuditLog.created_at))
    )
    return list(rows.all())


class TestUsernameless:
    async def test_a_passkey_signs_in_with_tokens_and_the_refresh_cookie(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user, _headers, authenticator = await with_passkey(client, db)
        options = await passkey_options(client, SIGN_IN_OPTIONS)

        response = await sign_in(client, authenticator.get(options))

        assert options["allowCredentials"] == []
        assert options["userVerification"] == "required"
        assert await email_of(client, response) == user.email
        assert "refresh_token=" in response.headers["set-cookie"]
        assert (await client.post(f"{API}/login/refresh")).status_code == 200
        assert (await actions_of(db, user))[-1] == "login"
        stored = (await db.exec(select(Passkey))).one()
        assert (stored.sign_count, stored.last_used_at is not None) == (1, True)

    async def test_no_second_step_is_asked_for_with_two_factor_on(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user, headers, authenticator = await with_passkey(client, db)
        await enable_two_factor(client, headers)
        options = await passkey_options(client, SIGN_IN_OPTIONS)

        response = await sign_in(client, authenticator.get(options))

        assert await email_of(client, response) == user.email

    async def test_a_passkey_without_user_verification_does_not_sign_in(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _user, _headers, authenticator = await with_passkey(client, db)
        options = await passkey_options(client, SIGN_IN_OPTIONS)

        response = await sign_in(client, authenticator.get(options, user_verified=False))

        assert response.status_code == 400
        assert response.json()["detail"] == NOT_ACCEPTED
        assert "set-cookie" not in response.headers

    async def test_an_answer_from_another_origin_is_refused(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _user, _headers, authenticator = await with_passkey(client, db)
        options = await passkey_options(client, SIGN_IN_OPTIONS)

        response = await sign_in(client, authenticator.get(options, origin="https://evil.example"))

        assert response.status_code == 400
        assert response.json()["detail"] == NOT_ACCEPTED

    async def test_an_answer_signed_for_another_relying_party_is_refused(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _user, _headers, authenticator = await with_passkey(client, db)
        options = await passkey_options(client, SIGN_IN_OPTIONS)

        response = await sign_in(client, authenticator.get(options, rp_id="evil.example"))

        assert response.status_code == 400
        assert response.json()["detail"] == NOT_ACCEPTED

    async def test_a_replayed_answer_is_refused(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _user, _headers, authenticator = await with_passkey(client, db)
        answer = authenticator.get(await passkey_options(client, SIGN_IN_OPTIONS))
        assert (await sign_in(client, answer)).status_code == 200

        replayed = await sign_in(client, answer)

        assert replayed.status_code == 400
        assert replayed.json()["detail"] == STALE_CHALLENGE

    async def test_an_expired_challenge_is_refused(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _user, _headers, authenticator = await with_passkey(client, db)
        options = await passkey_options(client, SIGN_IN_OPTIONS)
        await db.exec(update(PasskeyChallenge).values(expires_at=utcnow() - timedelta(seconds=1)))
        await db.commit()

        response = await sign_in(client, authenticator.get(options))

        assert response.status_code == 400
        assert response.json()["detail"] == STALE_CHALLENGE

    async def test_a_challenge_for_another_purpose_is_refused(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _user, headers, authenticator = await with_passkey(client, db)
        options = await passkey_options(client, REAUTH_OPTIONS, headers)

        response = await sign_in(client, authenticator.get(options))

        assert response.json()["detail"] == STALE_CHALLENGE

    async def test_a_counter_that_goes_backwards_is_refused(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _user, _headers, authenticator = await with_passkey(client, db)
        for _ in range(2):
            answer = authenticator.get(await passkey_options(client, SIGN_IN_OPTIONS))
            assert (await sign_in(client, answer)).status_code == 200

        cloned = authenticator.get(await passkey_options(client, SIGN_IN_OPTIONS), sign_count=1)
        response = await sign_in(client, cloned)

        assert response.status_code == 400
        assert response.json()["detail"] == COUNTER_WENT_BACK
        assert (await db.exec(select(Passkey.sign_count))).one() == 2

    async def test_a_counter_that_stays_put_is_refused(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _user, _headers, authenticator = await with_passkey(client, db)
        answer = authenticator.get(await passkey_options(client, SIGN_IN_OPTIONS), sign_count=5)
        assert (await sign_in(client, answer)).status_code == 200

        again = authenticator.get(await passkey_options(client, SIGN_IN_OPTIONS), sign_count=5)

        assert (await sign_in(client, again)).json()["detail"] == COUNTER_WENT_BACK

    async def test_an_authenticator_without_a_counter_signs_in_every_time(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user, _headers, authenticator = await with_passkey(client, db)
        authenticator.counts = False

        for _ in range(2):
            answer = authenticator.get(await passkey_options(client, SIGN_IN_OPTIONS))
            assert await email_of(client, await sign_in(client, answer)) == user.email

    async def test_an_unregistered_passkey_is_refused(self, client: AsyncClient) -> None:
        stranger = Authenticator()
        stranger.create({"rp": {"id": "localhost"}, "user": {"id": "AAAA"}, "challenge": "x"})

        response = await sign_in(
            client, stranger.get(await passkey_options(client, SIGN_IN_OPTIONS))
        )

        assert response.status_code == 400
        assert response.json()["detail"] == NOT_ACCEPTED

    async def test_a_forged_signature_is_refused(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _user, _headers, authenticator = await with_passkey(client, db)
        forger = Authenticator()
        forger.create({"rp": {"id": "localhost"}, "user": {"id": "AAAA"}, "challenge": "x"})
        forger.newest.id = authenticator.newest.id
        forger.newest.user_handle = authenticator.newest.user_handle

        response = await sign_in(client, forger.get(await passkey_options(client, SIGN_IN_OPTIONS)))

        assert response.status_code == 400
        assert response.json()["detail"] == NOT_ACCEPTED

    async def test_an_answer_naming_another_user_is_refused(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _user, _headers, authenticator = await with_passkey(client, db)
        other, _other_headers, _theirs = await with_passkey(client, db)
        authenticator.newest.user_handle = other.id.bytes

        response = await sign_in(
            client, authenticator.get(await passkey_options(client, SIGN_IN_OPTIONS))
        )

        assert response.json()["detail"] == NOT_ACCEPTED

    async def test_a_disabled_account_cannot_sign_in(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user, _headers, authenticator = await with_passkey(client, db)
        user.is_active = False
        db.add(user)
        await db.commit()

        response = await sign_in(
            client, authenticator.get(await passkey_options(client, SIGN_IN_OPTIONS))
        )

        assert response.status_code == 401


async def password_step(client: AsyncClient, user: User) -> str:
    response = await client.post(
        f"{API}/login/access-token", data={"username": user.email, "password": DEFAULT_PASSWORD}
    )
    assert response.json()["two_factor_required"] is True, response.text
    return str(response.json()["challenge"])


class TestSecondFactor:
    async def test_a_passkey_completes_a_password_login(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user, headers, authenticator = await with_passkey(client, db)
        await enable_two_factor(client, headers)
        challenge = await password_step(client, user)
        options = await passkey_options(client, SECOND_STEP_OPTIONS, challenge=challenge)

        response = await client.post(
            SECOND_STEP, json={"challenge": challenge, "credential": authenticator.get(options)}
        )

        assert [c["id"] for c in options["allowCredentials"]] == [
            (await db.exec(select(Passkey.credential_id))).one()
        ]
        assert await email_of(client, response) == user.email
        assert "refresh_token=" in response.headers["set-cookie"]

    async def test_another_users_passkey_is_not_a_second_factor(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user, headers, _mine = await with_passkey(client, db)
        await enable_two_factor(client, headers)
        _other, _other_headers, theirs = await with_passkey(client, db)
        challenge = await password_step(client, user)
        options = await passkey_options(client, SECOND_STEP_OPTIONS, challenge=challenge)

        response = await client.post(
            SECOND_STEP,
            json={
                "challenge": challenge,
                "credential": theirs.get({**options, "allowCredentials": []}),
            },
        )

        assert response.status_code == 400
        assert response.json()["detail"] == UNKNOWN_PASSKEY
        assert (await actions_of(db, user))[-1] == "two_factor_failed"

    async def test_wrong_passkey_answers_are_rate_limited_per_account_as_wrong_codes_are(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user, headers, mine = await with_passkey(client, db)
        secret, _codes = await enable_two_factor(client, headers)
        _other, _other_headers, theirs = await with_passkey(client, db)
        challenge = await password_step(client, user)

        async def answer(authenticator: Authenticator) -> Response:
            options = await passkey_options(client, SECOND_STEP_OPTIONS, challenge=challenge)
            credential = authenticator.get({**options, "allowCredentials": []})
            return await client.post(
                SECOND_STEP, json={"challenge": challenge, "credential": credential}
            )

        for _ in range(settings.LOGIN_FAILURES_PER_ACCOUNT):
            assert (await answer(theirs)).status_code == 400
        refused = await answer(mine)
        by_code = await client.post(
            f"{API}/login/two-factor", json={"challenge": challenge, "code": code_at(secret, 1)}
        )

        assert refused.status_code == by_code.status_code == 429
        assert refused.json() == by_code.json()
        assert int(refused.headers["retry-after"]) > 0

    async def test_an_account_without_passkeys_gets_no_options(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user = await create_user(db=db)
        await enable_two_factor(client, await auth_headers(db=db, user=user))
        challenge = await password_step(client, user)

        response = await client.post(f"{API}{SECOND_STEP_OPTIONS}", json={"challenge": challenge})

        assert response.status_code == 400
        assert response.json()["detail"] == NO_PASSKEYS

    async def test_a_forged_login_challenge_is_refused(self, client: AsyncClient) -> None:
        response = await client.post(
            f"{API}{SECOND_STEP_OPTIONS}", json={"challenge": "not-a-challenge"}
        )
        assert response.status_code == 401

    async def test_a_sign_in_challenge_is_not_a_second_factor(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user, headers, authenticator = await with_passkey(client, db)
        await enable_two_factor(client, headers)
        challenge = await password_step(client, user)
        options = await passkey_options(client, SIGN_IN_OPTIONS)

        response = await client.post(
            SECOND_STEP, json={"challenge": challenge, "credential": authenticator.get(options)}
        )

        assert response.json()["detail"] == STALE_CHALLENGE


class TestReauthentication:
    async def test_a_passkey_renews_the_proof_for_a_sensitive_change(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user, headers, authenticator = await with_passkey(client, db)
        await make_proof_stale(db, headers)
        refused = await client.post(
            f"{API}/users/me/passkeys/registration-options", headers=headers
        )
        assert refused.status_code == 403
        options = await passkey_options(client, REAUTH_OPTIONS, headers)

        proved = await client.post(
            REAUTH, json={"credential": authenticator.get(options)}, headers=headers
        )

        assert proved.status_code == 200, proved.text
        assert "valid_until" in proved.json()
        again = await client.post(f"{API}/users/me/passkeys/registration-options", headers=headers)
        assert again.status_code == 200
        assert (await actions_of(db, user))[-1] == "reauthenticated"

    async def test_another_users_passkey_does_not_renew_the_proof(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user, headers, _mine = await with_passkey(client, db)
        _other, _other_headers, theirs = await with_passkey(client, db)
        await make_proof_stale(db, headers)
        options = await passkey_options(client, REAUTH_OPTIONS, headers)

        response = await client.post(
            REAUTH,
            json={"credential": theirs.get({**options, "allowCredentials": []})},
            headers=headers,
        )

        assert response.status_code == 400
        assert (await actions_of(db, user))[-1] == "reauthentication_failed"
        still = await client.post(f"{API}/users/me/passkeys/registration-options", headers=headers)
        assert still.status_code == 403

    async def test_another_sessions_challenge_is_refused(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _user, headers, authenticator = await with_passkey(client, db)
        _other, other_headers, _theirs = await with_passkey(client, db)
        options = await passkey_options(client, REAUTH_OPTIONS, other_headers)

        response = await client.post(
            REAUTH,
            json={"credential": authenticator.get({**options, "allowCredentials": []})},
            headers=headers,
        )

        assert response.json()["detail"] == STALE_CHALLENGE


@pytest.mark.parametrize("path", [SIGN_IN, SECOND_STEP, REAUTH])
async def test_a_body_without_an_answer_is_a_422(
    client: AsyncClient, db: AsyncSession, path: str
) -> None:
    headers = await auth_headers(db=db, user=await create_user(db=db))
    response = await client.post(path, json={"credential": "nope"}, headers=headers)
    assert response.status_code == 422
