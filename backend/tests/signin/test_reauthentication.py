"""Sensitive changes need a recent proof of identity in the session making
them; POST /users/me/reauthenticate renews it."""

from dataclasses import dataclass
from typing import Any

import pytest
from httpx import AsyncClient
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from app.core.config import settings
from app.models import AuditLog, AuthSession, User
from app.signin.reauthentication import INCORRECT_PROOF
from tests.factories import DEFAULT_PASSWORD, auth_headers, create_user, random_email
from tests.signin.helpers import make_proof_stale, session_id_of

API = settings.API_V1_STR
REAUTHENTICATE = f"{API}/users/me/reauthenticate"


@dataclass(frozen=True)
class SensitiveChange:
    method: str
    path: str
    body: dict[str, Any]


SENSITIVE_CHANGES = {
    "email": SensitiveChange(
        "PATCH",
        "/users/me",
        {"email": "new-address@example.com", "current_password": DEFAULT_PASSWORD},
    ),
    "password": SensitiveChange(
        "PATCH",
        "/users/me/password",
        {"current_password": DEFAULT_PASSWORD, "new_password": "another-good-passphrase"},
    ),
    # region capability: passkeys
    "adding a passkey": SensitiveChange("POST", "/users/me/passkeys/registration-options", {}),
    # endregion capability: passkeys
    "account deletion": SensitiveChange(
        "DELETE", "/users/me", {"current_password": DEFAULT_PASSWORD}
    ),
}


async def attempt(client: AsyncClient, change: SensitiveChange, headers: dict[str, str]) -> Any:
    return await client.request(
        change.method, f"{API}{change.path}", json=change.body, headers=headers
    )


async def actions_of(db: AsyncSession, user: User) -> list[str]:
    rows = await db.exec(select(AuditLog.action).where(AuditLog.target_user_id == user.id))
    return list(rows.all())


@pytest.mark.parametrize("name", SENSITIVE_CHANGES)
async def test_a_sensitive_change_on_a_stale_session_is_refused_with_a_reason(
    client: AsyncClient, db: AsyncSession, name: str
) -> None:
    user = await create_user(db=db)
    headers = await auth_headers(db=db, user=user)
    await make_proof_stale(db, headers)

    response = await attempt(client, SENSITIVE_CHANGES[name], headers)

    assert response.status_code == 403
    assert response.json()["code"] == "reauthentication_required"
    await db.refresh(user)
    assert (user.pending_email, user.hashed_password is not None) == (None, True)
    assert await db.get(User, user.id) is not None


@pytest.mark.parametrize("name", SENSITIVE_CHANGES)
async def test_a_sensitive_change_right_after_logging_in_is_allowed(
    client: AsyncClient, db: AsyncSession, name: str
) -> None:
    user = await create_user(db=db)
    headers = await auth_headers(db=db, user=user)
    change = SENSITIVE_CHANGES[name]
    if name == "email":
        change = SensitiveChange(
            change.method, change.path, {**change.body, "email": random_email()}
        )

    response = await attempt(client, change, headers)

    assert response.status_code == 200, response.text


@pytest.mark.parametrize("name", SENSITIVE_CHANGES)
async def test_reauthenticating_allows_the_refused_change(
    client: AsyncClient, db: AsyncSession, name: str
) -> None:
    user = await create_user(db=db)
    headers = await auth_headers(db=db, user=user)
    await make_proof_stale(db, headers)
    change = SENSITIVE_CHANGES[name]
    if name == "email":
        change = SensitiveChange(
            change.method, change.path, {**change.body, "email": random_email()}
        )

    proved = await client.post(REAUTHENTICATE, json={"password": DEFAULT_PASSWORD}, headers=headers)
    assert proved.status_code == 200, proved.text
    assert "valid_until" in proved.json()

    assert (await attempt(client, change, headers)).status_code == 200


async def test_changing_only_the_name_needs_no_fresh_proof(
    client: AsyncClient, db: AsyncSession
) -> None:
    user = await create_user(db=db)
    headers = await auth_headers(db=db, user=user)
    await make_proof_stale(db, headers)

    response = await client.patch(f"{API}/users/me", json={"full_name": "Renamed"}, headers=headers)

    assert response.status_code == 200
    assert response.json()["full_name"] == "Renamed"


async def test_a_proof_renews_only_the_session_that_gave_it(
    client: AsyncClient, db: AsyncSession
) -> None:
    user = await create_user(db=db)
    proving = await auth_headers(db=db, user=user)
    other = await auth_headers(db=db, user=user)
    await make_proof_stale(db, proving)
    await make_proof_stale(db, other)

    await client.post(REAUTHENTICATE, json={"password": DEFAULT_PASSWORD}, headers=proving)

    change = SENSITIVE_CHANGES["password"]
    assert (await attempt(client, change, other)).status_code == 403
    assert (await attempt(client, change, proving)).status_code == 200


async def test_a_wrong_password_is_refused_audited_and_leaves_the_session_stale(
    client: AsyncClient, db: AsyncSession
) -> None:
    user = await create_user(db=db)
    headers = await auth_headers(db=db, user=user)
    await make_proof_stale(db, headers)
    stored = await db.get(AuthSession, session_id_of(headers))
    assert stored is not None
    stale_since = stored.proven_at

    response = await client.post(
        REAUTHENTICATE, json={"password": "not-my-password"}, headers=headers
    )

    assert response.status_code == 400
    assert response.json()["detail"] == INCORRECT_PROOF
    await db.refresh(stored)
    assert stored.proven_at == stale_since
    assert await actions_of(db, user) == ["reauthentication_failed"]


async def test_a_successful_proof_is_audited(client: AsyncClient, db: AsyncSession) -> None:
    user = await create_user(db=db)
    headers = await auth_headers(db=db, user=user)

    await client.post(REAUTHENTICATE, json={"password": DEFAULT_PASSWORD}, headers=headers)

    assert await actions_of(db, user) == ["reauthenticated"]


async def test_guessing_the_password_through_reauthentication_is_rate_limited(
    client: AsyncClient, db: AsyncSession
) -> None:
    user = await create_user(db=db)
    headers = await auth_headers(db=db, user=user)
    for _ in range(settings.LOGIN_FAILURES_PER_ACCOUNT):
        await client.post(REAUTHENTICATE, json={"password": "wrong-guess"}, headers=headers)

    response = await client.post(
        REAUTHENTICATE, json={"password": DEFAULT_PASSWORD}, headers=headers
    )

    assert response.status_code == 429
    assert "retry-after" in response.headers


async def test_a_proof_needs_a_password(client: AsyncClient, db: AsyncSession) -> None:
    user = await create_user(db=db)
    headers = await auth_headers(db=db, user=user)

    response = await client.post(REAUTHENTICATE, json={}, headers=headers)

    assert response.status_code == 400


async def test_reauthenticating_needs_a_session(client: AsyncClient) -> None:
    response = await client.post(REAUTHENTICATE, json={"password": DEFAULT_PASSWORD})
    assert response.status_code == 401
