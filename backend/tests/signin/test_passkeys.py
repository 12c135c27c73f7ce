"""Passkeys in Settings: adding one (a real WebAuthn registration, verified
by py_webauthn), listing, renaming and removing them, each sensitive change
behind a fresh proof, audited and emailed, and never the last way in."""

from datetime import timedelta
from typing import Any

import pytest
from httpx import AsyncClient, Response
from sqlalchemy import update
from sqlmodel import func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from app.core.config import settings
from app.models import AuditLog, User, utcnow

# region capability: oauth
from app.signin import oauth
from app.signin.oauth_models import OAuthAccount

# endregion capability: oauth
from app.signin.passkey_models import Passkey, PasskeyChallenge
from app.signin.passkeys import LAST_WAY_IN, MALFORMED, NOT_ACCEPTED, STALE_CHALLENGE
from tests.factories import DEFAULT_PASSWORD, auth_headers, create_user
from tests.signin.authenticator import Authenticator, b64url
from tests.signin.helpers import make_proof_stale
from tests.signin.passkey_helpers import passkey_options, register_passkey
from tests.smtp import SmtpServer

API = settings.API_V1_STR
MINE = f"{API}/users/me/passkeys"
OPTIONS = "/users/me/passkeys/registration-options"
STALE = STALE_CHALLENGE


async def signed_in_user(db: AsyncSession, **fields: Any) -> tuple[User, dict[str, str]]:
    user = await create_user(db=db, **fields)
    return user, await auth_headers(db=db, user=user)


async def add(
    client: AsyncClient, headers: dict[str, str], credential: dict[str, Any], name: str = "Laptop"
) -> Response:
    return await client.post(MINE, json={"name": name, "credential": credential}, headers=headers)


async def passkey_count(db: AsyncSession) -> int:
    return (await db.exec(select(func.count()).select_from(Passkey))).one()


async def actions_of(db: AsyncSession, user: User) -> list[str]:
    rows = await db.exec(select(AuditLog.action).where(AuditLog.target_user_id == user.id))
    return list(rows.all())


async def without_password(db: AsyncSession, user: User) -> None:
    user.hashed_password = None
    db.add(user)
    await db.commit()


class TestRegistration:
    async def test_a_registered_passkey_is_listed_audited_and_emailed(
        self, client: AsyncClient, db: AsyncSession, smtp_server: SmtpServer
    ) -> None:
        user, headers = await signed_in_user(db)
        authenticator = Authenticator()

        added = await register_passkey(client, headers, authenticator, name="  Work laptop ")

        assert added["name"] == "Work laptop"
        assert added["transports"] == ["hybrid", "internal"]
        listed = (await client.get(MINE, headers=headers)).json()
        assert [p["id"] for p in listed["data"]] == [added["id"]]
        stored = (await db.exec(select(Passkey))).one()
        assert stored.credential_id == b64url(authenticator.newest.id)
        assert "passkey_added" in await actions_of(db, user)
        mail = smtp_server.to(user.email)[-1]
        assert "The passkey “Work laptop” was added" in mail.html

    async def test_the_options_ask_for_a_discoverable_credential_and_exclude_the_accounts_own(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user, headers = await signed_in_user(db)
        authenticator = Authenticator()
        await register_passkey(client, headers, authenticator)

        options = await passkey_options(client, OPTIONS, headers)

        assert options["rp"] == {"id": "localhost", "name": settings.PROJECT_NAME}
        assert options["user"]["name"] == user.email
        assert options["authenticatorSelection"]["residentKey"] == "required"
        assert [c["id"] for c in options["excludeCredentials"]] == [b64url(authenticator.newest.id)]

    @pytest.mark.parametrize("step", ["options", "answer"])
    async def test_adding_needs_a_fresh_proof(
        self, client: AsyncClient, db: AsyncSession, step: str
    ) -> None:
        _user, headers = await signed_in_user(db)
        options = await passkey_options(client, OPTIONS, headers)
        await make_proof_stale(db, headers)

        if step == "options":
            response = await client.post(f"{API}{OPTIONS}", headers=headers)
        else:
            response = await add(client, headers, Authenticator().create(options))

        assert response.status_code == 403
        assert response.json()["code"] == "reauthentication_required"
        assert await passkey_count(db) == 0

    async def test_an_answer_from_another_origin_is_refused(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _user, headers = await signed_in_user(db)
        options = await passkey_options(client, OPTIONS, headers)

        response = await add(
            client, headers, Authenticator().create(options, origin="https://evil.example")
        )

        assert response.status_code == 400
        assert response.json()["detail"] == NOT_ACCEPTED
        assert await passkey_count(db) == 0

    async def test_an_answer_for_another_relying_party_is_refused(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _user, headers = await signed_in_user(db)
        options = await passkey_options(client, OPTIONS, headers)

        response = await add(client, headers, Authenticator().create(options, rp_id="evil.example"))

        assert response.status_code == 400
        assert await passkey_count(db) == 0

    async def test_a_registration_challenge_is_good_once(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _user, headers = await signed_in_user(db)
        options = await passkey_options(client, OPTIONS, headers)
        authenticator = Authenticator()
        assert (await add(client, headers, authenticator.create(options))).status_code == 200

        replayed = await add(client, headers, authenticator.create(options))

        assert replayed.status_code == 400
        assert replayed.json()["detail"] == STALE_CHALLENGE
        assert await passkey_count(db) == 1

    async def test_a_refused_answer_still_uses_up_its_challenge(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _user, headers = await signed_in_user(db)
        options = await passkey_options(client, OPTIONS, headers)
        authenticator = Authenticator()
        bad = await add(client, headers, authenticator.create(options, origin="https://x.example"))
        assert bad.status_code == 400

        retried = await add(client, headers, authenticator.create(options))

        assert retried.json()["detail"] == STALE_CHALLENGE

    async def test_an_expired_registration_challenge_is_refused(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _user, headers = await signed_in_user(db)
        options = await passkey_options(client, OPTIONS, headers)
        await db.exec(update(PasskeyChallenge).values(expires_at=utcnow() - timedelta(seconds=1)))
        await db.commit()

        response = await add(client, headers, Authenticator().create(options))

        assert response.status_code == 400
        assert response.json()["detail"] == STALE_CHALLENGE

    async def test_another_users_challenge_cannot_register_a_passkey(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _victim, victim_headers = await signed_in_user(db)
        _other, other_headers = await signed_in_user(db)
        options = await passkey_options(client, OPTIONS, victim_headers)

        response = await add(client, other_headers, Authenticator().create(options))

        assert response.status_code == 400
        assert response.json()["detail"] == STALE_CHALLENGE

    @pytest.mark.parametrize(
        ("credential", "detail"),
        [
            ({}, MALFORMED),
            ({"response": "nope"}, MALFORMED),
            ({"response": {"clientDataJSON": "%%%"}}, MALFORMED),
            ({"response": {"clientDataJSON": b64url(b"[1, 2]")}}, MALFORMED),
            ({"id": 1, "response": {"clientDataJSON": b64url(b'{"challenge": "a"}')}}, STALE),
        ],
    )
    async def test_a_malformed_answer_is_a_clear_400(
        self, client: AsyncClient, db: AsyncSession, credential: dict[str, Any], detail: str
    ) -> None:
        _user, headers = await signed_in_user(db)

        response = await add(client, headers, credential)

        assert response.status_code == 400
        assert response.json()["detail"] == detail

    async def test_a_well_formed_answer_that_is_not_a_registration_is_refused(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _user, headers = await signed_in_user(db)
        options = await passkey_options(client, OPTIONS, headers)
        answer = Authenticator().create(options)
        answer["response"]["attestationObject"] = b64url(b"not cbor")

        response = await add(client, headers, answer)

        assert response.status_code == 400
        assert response.json()["detail"] == NOT_ACCEPTED

    async def test_a_name_is_required(self, client: AsyncClient, db: AsyncSession) -> None:
        _user, headers = await signed_in_user(db)
        options = await passkey_options(client, OPTIONS, headers)

        response = await add(client, headers, Authenticator().create(options), name="   ")

        assert response.status_code == 422


class TestManaging:
    async def test_a_passkey_is_renamed_without_a_fresh_proof(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _user, headers = await signed_in_user(db)
        added = await register_passkey(client, headers, Authenticator())
        await make_proof_stale(db, headers)

        response = await client.patch(
            f"{MINE}/{added['id']}", json={"name": "Phone"}, headers=headers
        )

        assert response.status_code == 200
        assert (await client.get(MINE, headers=headers)).json()["data"][0]["name"] == "Phone"

    async def test_removing_is_audited_and_emailed(
        self, client: AsyncClient, db: AsyncSession, smtp_server: SmtpServer
    ) -> None:
        user, headers = await signed_in_user(db)
        added = await register_passkey(client, headers, Authenticator(), name="Old key")

        response = await client.delete(f"{MINE}/{added['id']}", headers=headers)

        assert response.status_code == 200
        assert await passkey_count(db) == 0
        assert "passkey_removed" in await actions_of(db, user)
        assert "The passkey “Old key” was removed" in smtp_server.to(user.email)[-1].html

    async def test_removing_needs_a_fresh_proof(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _user, headers = await signed_in_user(db)
        added = await register_passkey(client, headers, Authenticator())
        await make_proof_stale(db, headers)

        response = await client.delete(f"{MINE}/{added['id']}", headers=headers)

        assert response.status_code == 403
        assert response.json()["code"] == "reauthentication_required"
        assert await passkey_count(db) == 1

    @pytest.mark.parametrize("method", ["PATCH", "DELETE"])
    async def test_another_users_passkey_is_not_found(
        self, client: AsyncClient, db: AsyncSession, method: str
    ) -> None:
        _owner, owner_headers = await signed_in_user(db)
        added = await register_passkey(client, owner_headers, Authenticator())
        _other, other_headers = await signed_in_user(db)

        response = await client.request(
            method, f"{MINE}/{added['id']}", json={"name": "Mine now"}, headers=other_headers
        )

        assert response.status_code == 404
        stored = (await db.exec(select(Passkey))).one()
        assert stored.name == "Laptop"

    async def test_the_last_way_in_cannot_be_removed(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user, headers = await signed_in_user(db)
        added = await register_passkey(client, headers, Authenticator())
        await without_password(db, user)

        listed = (await client.get(MINE, headers=headers)).json()
        response = await client.delete(f"{MINE}/{added['id']}", headers=headers)

        assert listed["can_delete"] is False
        assert response.status_code == 409
        assert response.json()["detail"] == LAST_WAY_IN
        assert await passkey_count(db) == 1

    async def test_one_of_two_passkeys_can_go_without_a_password(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user, headers = await signed_in_user(db)
        first = await register_passkey(client, headers, Authenticator())
        await register_passkey(client, headers, Authenticator(), name="Phone")
        await without_password(db, user)

        assert (await client.get(MINE, headers=headers)).json()["can_delete"] is True
        assert (await client.delete(f"{MINE}/{first['id']}", headers=headers)).status_code == 200

    # region capability: oauth
    async def test_a_connected_account_is_another_way_in(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user, headers = await signed_in_user(db)
        added = await register_passkey(client, headers, Authenticator())
        await without_password(db, user)
        db.add(OAuthAccount(user_id=user.id, provider="oidc", subject="someone"))
        await db.commit()

        response = await client.delete(f"{MINE}/{added['id']}", headers=headers)

        assert response.status_code == 200

    async def test_a_passkey_lets_the_last_connected_account_go(
        self, client: AsyncClient, db: AsyncSession, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        user, headers = await signed_in_user(db)
        await without_password(db, user)
        assert not await oauth.can_disconnect(session=db, user=user, connected=1)

        await register_passkey(client, headers, Authenticator())

        assert await oauth.can_disconnect(session=db, user=user, connected=1)
        monkeypatch.setattr(settings, "PASSKEYS_ENABLED", False)
        assert not await oauth.can_disconnect(session=db, user=user, connected=1)

    # endregion capability: oauth

    async def test_passkeys_go_with_their_account(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _user, headers = await signed_in_user(db)
        await register_passkey(client, headers, Authenticator())
        await passkey_options(client, OPTIONS, headers)

        deleted = await client.request(
            "DELETE",
            f"{API}/users/me",
            json={"current_password": DEFAULT_PASSWORD},
            headers=headers,
        )

        assert deleted.status_code == 200, deleted.text
        assert await passkey_count(db) == 0
        assert (await db.exec(select(func.count()).select_from(PasskeyChallenge))).one() == 0


@pytest.mark.parametrize("enabled", [True, False])
async def test_the_login_page_learns_whether_passkeys_are_on(
    client: AsyncClient, monkeypatch: pytest.MonkeyPatch, enabled: bool
) -> None:
    monkeypatch.setattr(settings, "PASSKEYS_ENABLED", enabled)
    options = (await client.get(f"{settings.API_V1_STR}/login/options")).json()
    assert options["passkeys"] is enabled
