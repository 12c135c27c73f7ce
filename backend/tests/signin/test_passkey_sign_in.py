"""Signing in with a passkey: usernameless from the login page, and as a
fresh proof of identity. Every answer is a real WebAuthn assertion,
verified by py_webauthn."""

from datetime import timedelta
from typing import Any

import pytest
from httpx import AsyncClient, Response
from sqlalchemy import update
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from app.core.config import settings
from app.models import utcnow
from app.signin.passkey_models import Passkey, PasskeyChallenge
from app.signin.passkeys import (
    COUNTER_WENT_BACK,
    NOT_ACCEPTED,
    STALE_CHALLENGE,
)
from tests.factories import auth_headers, create_user
from tests.signin.authenticator import Authenticator
from tests.signin.helpers import actions_of, email_of, make_proof_stale
from tests.signin.passkey_helpers import passkey_options, with_passkey

API = settings.API_V1_STR
SIGN_IN_OPTIONS = "/login/passkey/options"
SIGN_IN = f"{API}/login/passkey"
REAUTH_OPTIONS = "/users/me/reauthenticate/passkey/options"
REAUTH = f"{API}/users/me/reauthenticate/passkey"


async def sign_in(client: AsyncClient, credential: dict[str, Any]) -> Response:
    return await client.post(SIGN_IN, json={"credential": credential})


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


@pytest.mark.parametrize("path", [SIGN_IN, REAUTH])
async def test_a_body_without_an_answer_is_a_422(
    client: AsyncClient, db: AsyncSession, path: str
) -> None:
    headers = await auth_headers(db=db, user=await create_user(db=db))
    response = await client.post(path, json={"credential": "nope"}, headers=headers)
    assert response.status_code == 422
