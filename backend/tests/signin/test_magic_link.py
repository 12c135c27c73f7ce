"""Magic links: asked for with an address, answered the same for every
address, single-use, 15 minutes, and the password step only."""

from datetime import timedelta

import pytest
from httpx import AsyncClient
from sqlalchemy import update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from app.core.config import settings
from app.models import ActionToken, utcnow
from app.signin.magic_link import REFUSED, SENT
from tests.factories import (
    # region capability: two_factor
    auth_headers,
    # endregion capability: two_factor
    bearer,
    create_user,
    random_email,
)

# region capability: two_factor
from tests.signin.two_factor_helpers import code_at, enable_two_factor

# endregion capability: two_factor
from tests.smtp import SmtpServer

API = settings.API_V1_STR
ASK = f"{API}/login/magic-link"
SIGN_IN = f"{API}/login/magic-link/sign-in"


def token_in(html: str) -> str:
    marker = "/login?magic="
    start = html.index(marker) + len(marker)
    return html[start : html.index('"', start)]


async def emailed_token(client: AsyncClient, smtp_server: SmtpServer, email: str) -> str:
    assert (await client.post(ASK, json={"email": email})).status_code == 200
    return token_in(smtp_server.to(email)[-1].html)


async def test_known_and_unknown_addresses_get_the_same_answer_and_only_one_mail(
    client: AsyncClient, db: AsyncSession, smtp_server: SmtpServer
) -> None:
    user = await create_user(db=db)
    unknown = random_email()

    known_answer = await client.post(ASK, json={"email": user.email})
    unknown_answer = await client.post(ASK, json={"email": unknown})

    assert known_answer.status_code == unknown_answer.status_code == 200
    assert known_answer.json() == unknown_answer.json() == {"message": SENT}
    assert len(smtp_server.to(user.email)) == 1
    assert smtp_server.to(unknown) == []


async def test_the_link_signs_in_with_tokens_and_cookie(
    client: AsyncClient, db: AsyncSession, smtp_server: SmtpServer
) -> None:
    user = await create_user(db=db)
    token = await emailed_token(client, smtp_server, user.email)

    response = await client.post(SIGN_IN, json={"token": token})

    assert response.status_code == 200, response.text
    assert "refresh_token=" in response.headers["set-cookie"]
    me = await client.get(f"{API}/users/me", headers=bearer(response.json()["access_token"]))
    assert me.json()["email"] == user.email


async def test_a_link_works_once(
    client: AsyncClient, db: AsyncSession, smtp_server: SmtpServer
) -> None:
    user = await create_user(db=db)
    token = await emailed_token(client, smtp_server, user.email)
    assert (await client.post(SIGN_IN, json={"token": token})).status_code == 200

    again = await client.post(SIGN_IN, json={"token": token})

    assert again.status_code == 400
    assert again.json()["detail"] == REFUSED


async def test_a_link_older_than_fifteen_minutes_is_refused(
    client: AsyncClient, db: AsyncSession, smtp_server: SmtpServer
) -> None:
    user = await create_user(db=db)
    token = await emailed_token(client, smtp_server, user.email)
    await db.exec(
        update(ActionToken)
        .where(col(ActionToken.user_id) == user.id)
        .values(expires_at=utcnow() - timedelta(seconds=1))
    )
    await db.commit()

    assert (await client.post(SIGN_IN, json={"token": token})).status_code == 400


async def test_only_a_hash_of_the_link_is_stored_and_it_lasts_fifteen_minutes(
    client: AsyncClient, db: AsyncSession, smtp_server: SmtpServer
) -> None:
    user = await create_user(db=db)
    token = await emailed_token(client, smtp_server, user.email)

    stored = (await db.exec(select(ActionToken).where(ActionToken.user_id == user.id))).one()

    assert token not in str(stored.model_dump())
    lifetime = stored.expires_at - stored.created_at
    assert abs(lifetime - timedelta(minutes=15)) < timedelta(seconds=5)


async def test_only_the_newest_link_works(
    client: AsyncClient, db: AsyncSession, smtp_server: SmtpServer
) -> None:
    user = await create_user(db=db)
    first = await emailed_token(client, smtp_server, user.email)
    await emailed_token(client, smtp_server, user.email)

    assert (await client.post(SIGN_IN, json={"token": first})).status_code == 400


@pytest.mark.parametrize("token", ["not-a-token", "x" * 43])
async def test_a_made_up_link_is_refused(client: AsyncClient, token: str) -> None:
    assert (await client.post(SIGN_IN, json={"token": token})).status_code == 400


async def test_asking_is_rate_limited_per_address(
    client: AsyncClient, db: AsyncSession, smtp_server: SmtpServer
) -> None:
    user = await create_user(db=db)
    for _ in range(settings.EMAILS_PER_ADDRESS):
        await client.post(ASK, json={"email": user.email})

    response = await client.post(ASK, json={"email": user.email})

    assert response.status_code == 429
    assert len(smtp_server.to(user.email)) == settings.EMAILS_PER_ADDRESS


# region capability: two_factor
async def test_with_two_factor_the_link_is_only_the_first_step(
    client: AsyncClient, db: AsyncSession, smtp_server: SmtpServer
) -> None:
    user = await create_user(db=db)
    secret, _codes = await enable_two_factor(client, await auth_headers(db=db, user=user))
    token = await emailed_token(client, smtp_server, user.email)

    first = await client.post(SIGN_IN, json={"token": token})
    assert first.status_code == 200
    assert "access_token" not in first.json()
    second = await client.post(
        f"{API}/login/two-factor",
        json={"challenge": first.json()["challenge"], "code": code_at(secret, 1)},
    )

    assert second.status_code == 200
    assert "access_token" in second.json()


# endregion capability: two_factor
