"""A pending email change can be sent again or withdrawn by its owner."""

from httpx import AsyncClient
from sqlmodel.ext.asyncio.session import AsyncSession

from app.accounts import EMAIL_CHANGE_WITHDRAWN, LINK_REPLACED, NO_PENDING_EMAIL_CHANGE
from app.core.config import settings
from app.models import User
from tests.factories import DEFAULT_PASSWORD, auth_headers, create_user, random_email, token_in_link
from tests.smtp import SmtpServer

API = settings.API_V1_STR
RESEND = f"{API}/users/me/email-change/resend"
CANCEL = f"{API}/users/me/email-change"
VERIFY = f"{API}/users/verify-email"


async def user_with_pending_change(
    client: AsyncClient, db: AsyncSession
) -> tuple[User, dict[str, str], str]:
    """A user who asked to move to a new address; returns it too."""
    user = await create_user(db=db)
    headers = await auth_headers(db=db, user=user)
    new_email = random_email()
    response = await client.patch(
        f"{API}/users/me",
        headers=headers,
        json={"email": new_email, "current_password": DEFAULT_PASSWORD},
    )
    assert response.status_code == 200, response.text
    return user, headers, new_email


def confirmation_tokens(smtp_server: SmtpServer, new_email: str) -> list[str]:
    return [token_in_link(mail.html, "/verify-email") for mail in smtp_server.to(new_email)]


class TestResendEmailChange:
    async def test_anonymous_caller_is_unauthorized(self, client: AsyncClient) -> None:
        assert (await client.post(RESEND)).status_code == 401

    async def test_without_a_pending_change_is_a_conflict_that_says_so(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user = await create_user(db=db)
        response = await client.post(RESEND, headers=await auth_headers(db=db, user=user))
        assert response.status_code == 409
        assert response.json() == {"detail": NO_PENDING_EMAIL_CHANGE}

    async def test_sends_a_new_link_to_the_new_address_that_confirms_it(
        self, client: AsyncClient, db: AsyncSession, smtp_server: SmtpServer
    ) -> None:
        user, headers, new_email = await user_with_pending_change(client, db)
        response = await client.post(RESEND, headers=headers)
        assert response.status_code == 200
        assert new_email in response.json()["message"]
        first, second = confirmation_tokens(smtp_server, new_email)
        assert first != second
        assert len(smtp_server.to(user.email)) == 1, "the old address is told only once"
        assert (await client.post(VERIFY, json={"token": second})).status_code == 200
        me = (await client.get(f"{API}/users/me", headers=headers)).json()
        assert (me["email"], me["pending_email"]) == (new_email, None)

    async def test_the_earlier_link_stops_working(
        self, client: AsyncClient, db: AsyncSession, smtp_server: SmtpServer
    ) -> None:
        _user, headers, new_email = await user_with_pending_change(client, db)
        await client.post(RESEND, headers=headers)
        first = confirmation_tokens(smtp_server, new_email)[0]
        refused = await client.post(VERIFY, json={"token": first})
        assert refused.status_code == 400
        assert refused.json() == {"detail": LINK_REPLACED}

    async def test_is_rate_limited_with_the_other_links_to_that_address(
        self, client: AsyncClient, db: AsyncSession, smtp_server: SmtpServer
    ) -> None:
        _user, headers, new_email = await user_with_pending_change(client, db)
        statuses = [
            (await client.post(RESEND, headers=headers)).status_code
            for _ in range(settings.EMAILS_PER_ADDRESS)
        ]
        # The change request itself sent the first link to the address.
        assert statuses == [200] * (settings.EMAILS_PER_ADDRESS - 1) + [429]
        assert len(smtp_server.to(new_email)) == settings.EMAILS_PER_ADDRESS


class TestCancelEmailChange:
    async def test_anonymous_caller_is_unauthorized(self, client: AsyncClient) -> None:
        assert (await client.delete(CANCEL)).status_code == 401

    async def test_without_a_pending_change_is_a_conflict_that_says_so(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user = await create_user(db=db)
        response = await client.delete(CANCEL, headers=await auth_headers(db=db, user=user))
        assert response.status_code == 409
        assert response.json() == {"detail": NO_PENDING_EMAIL_CHANGE}

    async def test_clears_the_pending_address_and_keeps_the_current_one(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        user, headers, _new_email = await user_with_pending_change(client, db)
        response = await client.delete(CANCEL, headers=headers)
        assert response.status_code == 200
        assert (response.json()["email"], response.json()["pending_email"]) == (user.email, None)
        me = (await client.get(f"{API}/users/me", headers=headers)).json()
        assert (me["email"], me["pending_email"]) == (user.email, None)

    async def test_the_link_already_sent_stops_working(
        self, client: AsyncClient, db: AsyncSession, smtp_server: SmtpServer
    ) -> None:
        user, headers, new_email = await user_with_pending_change(client, db)
        await client.delete(CANCEL, headers=headers)
        token = confirmation_tokens(smtp_server, new_email)[0]
        refused = await client.post(VERIFY, json={"token": token})
        assert refused.status_code == 400
        assert refused.json() == {"detail": EMAIL_CHANGE_WITHDRAWN}
        me = (await client.get(f"{API}/users/me", headers=headers)).json()
        assert me["email"] == user.email

    async def test_a_cancelled_change_cannot_be_resent(
        self, client: AsyncClient, db: AsyncSession, smtp_server: SmtpServer
    ) -> None:
        _user, headers, new_email = await user_with_pending_change(client, db)
        await client.delete(CANCEL, headers=headers)
        assert (await client.post(RESEND, headers=headers)).status_code == 409
        assert len(smtp_server.to(new_email)) == 1
