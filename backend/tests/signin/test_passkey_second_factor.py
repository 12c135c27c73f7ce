"""A passkey as the second step of a password login, instead of the
authenticator's code; and signing in with a passkey alone, which is both
factors, asks for no second step. Every answer is a real WebAuthn
assertion, verified by py_webauthn."""

from httpx import AsyncClient, Response
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from app.core.config import settings
from app.models import User
from app.signin.passkey_models import Passkey
from app.signin.passkeys import NO_PASSKEYS, STALE_CHALLENGE, UNKNOWN_PASSKEY
from tests.factories import DEFAULT_PASSWORD, auth_headers, create_user
from tests.signin.authenticator import Authenticator
from tests.signin.helpers import actions_of, email_of
from tests.signin.passkey_helpers import passkey_options, with_passkey
from tests.signin.two_factor_helpers import code_at, enable_two_factor

API = settings.API_V1_STR
SIGN_IN_OPTIONS = "/login/passkey/options"
SIGN_IN = f"{API}/login/passkey"
SECOND_STEP_OPTIONS = "/login/two-factor/passkey/options"
SECOND_STEP = f"{API}/login/two-factor/passkey"


async def test_a_usernameless_passkey_needs_no_second_step_with_two_factor_on(
    client: AsyncClient, db: AsyncSession
) -> None:
    user, headers, authenticator = await with_passkey(client, db)
    await enable_two_factor(client, headers)
    options = await passkey_options(client, SIGN_IN_OPTIONS)

    response = await client.post(SIGN_IN, json={"credential": authenticator.get(options)})

    assert await email_of(client, response) == user.email


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


async def test_a_body_without_an_answer_is_a_422(client: AsyncClient) -> None:
    response = await client.post(SECOND_STEP, json={"credential": "nope"})
    assert response.status_code == 422
