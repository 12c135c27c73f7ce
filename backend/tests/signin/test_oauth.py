"""Signing in through an OpenID Connect provider (and GitHub), against a
real provider on loopback: the code flow with PKCE, state and nonce, ID
tokens checked against its JWKS, sign-up only with a verified email,
connecting only from a signed-in session, disconnecting never the last way in."""

from collections.abc import AsyncIterator, Iterator
from urllib.parse import parse_qs, unquote, urlparse

import httpx
import pytest
from httpx import AsyncClient, Response
from sqlmodel import func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from app.core.config import settings
from app.models import AuditLog, User
from app.signin.oauth_models import OAuthAccount
from tests.factories import auth_headers, bearer, create_user, random_email
from tests.signin.helpers import make_proof_stale
from tests.signin.oidc_provider import Login, OidcProvider

# region capability: two_factor
from tests.signin.two_factor_helpers import enable_two_factor

# endregion capability: two_factor
from tests.smtp import SmtpServer

API = settings.API_V1_STR
START = f"{API}/login/oauth/oidc/authorize"
MINE = f"{API}/users/me/connected-accounts"
DASHBOARD = settings.FRONTEND_HOST.rstrip("/")


@pytest.fixture
def provider(monkeypatch: pytest.MonkeyPatch) -> Iterator[OidcProvider]:
    started = OidcProvider().start()
    monkeypatch.setattr(settings, "OIDC_DISCOVERY_URL", started.discovery_url)
    try:
        yield started
    finally:
        started.stop()


@pytest.fixture
async def browser() -> AsyncIterator[AsyncClient]:
    """What carries the person to the provider and back: a plain HTTP client."""
    async with httpx.AsyncClient() as client:
        yield client


async def through_provider(
    client: AsyncClient, browser: AsyncClient, authorization_url: str, *, tamper_state: bool = False
) -> Response:
    """Follow the provider's redirect back to our callback, as a browser would."""
    at_provider = await browser.get(authorization_url)
    assert at_provider.status_code == 302, at_provider.text
    back = urlparse(at_provider.headers["location"])
    query = back.query.replace("state=", "state=x") if tamper_state else back.query
    return await client.get(f"{back.path}?{query}")


async def sign_in(client: AsyncClient, browser: AsyncClient, **kwargs: bool) -> Response:
    start = await client.get(START)
    assert start.status_code == 307, start.text
    return await through_provider(client, browser, start.headers["location"], **kwargs)


def outcome(response: Response) -> tuple[str, dict[str, str]]:
    """Where the callback sent the browser on the dashboard, and what it said."""
    assert response.status_code == 303, response.text
    target = response.headers["location"]
    path, _, fragment = target.removeprefix(DASHBOARD).partition("#")
    return path, {k: unquote(v[0]) for k, v in parse_qs(fragment).items()}


async def signed_in_email(client: AsyncClient) -> str:
    refreshed = await client.post(f"{API}/login/refresh")
    assert refreshed.status_code == 200, refreshed.text
    me = await client.get(f"{API}/users/me", headers=bearer(refreshed.json()["access_token"]))
    return str(me.json()["email"])


async def count(db: AsyncSession, model: type[User] | type[OAuthAccount]) -> int:
    return (await db.exec(select(func.count()).select_from(model))).one()


class TestSignIn:
    async def test_a_verified_email_signs_up_and_starts_our_session(
        self, client: AsyncClient, db: AsyncSession, provider: OidcProvider, browser: AsyncClient
    ) -> None:
        email = random_email()
        provider.next_login = Login(email=email)

        response = await sign_in(client, browser)

        assert outcome(response) == ("/login", {"signed_in": "1"})
        assert "refresh_token=" in response.headers["set-cookie"]
        assert await signed_in_email(client) == email
        user = (await db.exec(select(User).where(User.email == email))).one()
        assert (user.is_verified, user.hashed_password, user.full_name) == (
            True,
            None,
            "Pat Provider",
        )

    async def test_the_request_carries_pkce_state_and_nonce(
        self, client: AsyncClient, provider: OidcProvider, browser: AsyncClient
    ) -> None:
        provider.next_login = Login(email=random_email())
        await sign_in(client, browser)
        [sent] = provider.authorize_requests
        assert sent["code_challenge_method"] == "S256"
        assert len(sent["code_challenge"]) == 43
        assert len(sent["state"]) >= 32
        assert len(sent["nonce"]) >= 32
        assert "openid" in sent["scope"].split()

    async def test_signing_in_again_finds_the_same_account(
        self, client: AsyncClient, db: AsyncSession, provider: OidcProvider, browser: AsyncClient
    ) -> None:
        login = Login(email=random_email())
        provider.next_login = login
        await sign_in(client, browser)
        users = await count(db, User)

        provider.next_login = Login(subject=login.subject, email=random_email())
        again = await sign_in(client, browser)

        assert outcome(again) == ("/login", {"signed_in": "1"})
        assert await count(db, User) == users
        assert await signed_in_email(client) == login.email

    @pytest.mark.parametrize(
        "login",
        [
            Login(nonce="not-the-nonce-we-sent"),
            Login(expires_in=-60),
            Login(foreign_key=True),
            Login(audience="another-client"),
            Login(issuer="http://127.0.0.1:1"),
        ],
        ids=[
            "wrong nonce",
            "expired",
            "signed by another key",
            "for another client",
            "other issuer",
        ],
    )
    async def test_an_id_token_we_cannot_trust_signs_nobody_in(
        self,
        client: AsyncClient,
        db: AsyncSession,
        provider: OidcProvider,
        browser: AsyncClient,
        login: Login,
    ) -> None:
        login.email = random_email()
        provider.next_login = login
        users = await count(db, User)

        response = await sign_in(client, browser)

        path, said = outcome(response)
        assert (path, "cannot trust" in said["oauth_error"]) == ("/login", True)
        assert "refresh_token=" not in response.headers.get("set-cookie", "")
        assert await count(db, User) == users

    async def test_a_wrong_state_is_refused(
        self, client: AsyncClient, db: AsyncSession, provider: OidcProvider, browser: AsyncClient
    ) -> None:
        provider.next_login = Login(email=random_email())
        users = await count(db, User)

        response = await sign_in(client, browser, tamper_state=True)

        assert "expired or was opened elsewhere" in outcome(response)[1]["oauth_error"]
        assert await count(db, User) == users

    async def test_a_callback_opened_in_another_browser_is_refused(
        self, client: AsyncClient, provider: OidcProvider, browser: AsyncClient
    ) -> None:
        provider.next_login = Login(email=random_email())
        start = await client.get(START)
        client.cookies.clear()

        response = await through_provider(client, browser, start.headers["location"])

        assert "opened elsewhere" in outcome(response)[1]["oauth_error"]

    async def test_a_callback_is_good_once(
        self, client: AsyncClient, provider: OidcProvider, browser: AsyncClient
    ) -> None:
        provider.next_login = Login(email=random_email())
        start = await client.get(START)
        at_provider = await browser.get(start.headers["location"])
        back = urlparse(at_provider.headers["location"])
        first = await client.get(f"{back.path}?{back.query}")

        replayed = await client.get(f"{back.path}?{back.query}")

        assert outcome(first)[1] == {"signed_in": "1"}
        assert "oauth_error" in outcome(replayed)[1]

    async def test_an_unverified_email_signs_nobody_up(
        self, client: AsyncClient, db: AsyncSession, provider: OidcProvider, browser: AsyncClient
    ) -> None:
        email = random_email()
        provider.next_login = Login(email=email, email_verified=False)

        response = await sign_in(client, browser)

        assert "verified" in outcome(response)[1]["oauth_error"]
        assert (await db.exec(select(User).where(User.email == email))).first() is None

    async def test_a_matching_email_is_never_connected_silently(
        self, client: AsyncClient, db: AsyncSession, provider: OidcProvider, browser: AsyncClient
    ) -> None:
        existing = await create_user(db=db)
        provider.next_login = Login(email=existing.email)

        response = await sign_in(client, browser)

        assert "log in with your password" in outcome(response)[1]["oauth_error"]
        assert await count(db, OAuthAccount) == 0

    @pytest.mark.usefixtures("provider")
    async def test_the_person_declining_at_the_provider_is_told(self, client: AsyncClient) -> None:
        response = await client.get(f"{API}/login/oauth/oidc/callback?error=access_denied")
        assert "cancelled" in outcome(response)[1]["oauth_error"]

    async def test_an_unreachable_provider_is_a_message_not_an_error(
        self, client: AsyncClient, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(
            settings, "OIDC_DISCOVERY_URL", "http://127.0.0.1:9/.well-known/openid-configuration"
        )
        response = await client.get(START)
        assert "could not be reached" in outcome(response)[1]["oauth_error"]

    async def test_an_unknown_provider_is_404(self, client: AsyncClient) -> None:
        assert (await client.get(f"{API}/login/oauth/myspace/authorize")).status_code == 404

    # region capability: two_factor
    async def test_an_account_with_two_factor_still_needs_its_code(
        self, client: AsyncClient, db: AsyncSession, provider: OidcProvider, browser: AsyncClient
    ) -> None:
        login = Login(email=random_email())
        provider.next_login = login
        await sign_in(client, browser)
        user = (await db.exec(select(User).where(User.email == login.email))).one()
        await enable_two_factor(client, await auth_headers(db=db, user=user))
        client.cookies.clear()

        provider.next_login = Login(subject=login.subject, email=login.email)
        response = await sign_in(client, browser)

        assert set(outcome(response)[1]) == {"two_factor"}
        assert "refresh_token=" not in response.headers.get("set-cookie", "")

    # endregion capability: two_factor

    async def test_github_signs_up_with_its_primary_verified_email(
        self,
        client: AsyncClient,
        provider: OidcProvider,
        browser: AsyncClient,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        monkeypatch.setattr(settings, "OAUTH_GITHUB_CLIENT_ID", "test-client")
        monkeypatch.setattr(settings, "OAUTH_GITHUB_CLIENT_SECRET", "test-client-secret")
        monkeypatch.setattr(settings, "OAUTH_GITHUB_URL", provider.url)
        monkeypatch.setattr(settings, "OAUTH_GITHUB_API_URL", provider.url)
        email = random_email()
        provider.next_login = Login(email=email)

        start = await client.get(f"{API}/login/oauth/github/authorize")
        response = await through_provider(client, browser, start.headers["location"])

        assert outcome(response) == ("/login", {"signed_in": "1"})
        assert await signed_in_email(client) == email


class TestConnectedAccounts:
    async def connect(
        self, client: AsyncClient, browser: AsyncClient, headers: dict[str, str]
    ) -> Response:
        started = await client.post(f"{MINE}/oidc", headers=headers)
        assert started.status_code == 200, started.text
        return await through_provider(client, browser, started.json()["authorization_url"])

    async def test_connecting_from_a_session_lets_the_provider_sign_in_to_that_account(
        self,
        client: AsyncClient,
        db: AsyncSession,
        provider: OidcProvider,
        browser: AsyncClient,
        smtp_server: SmtpServer,
    ) -> None:
        user = await create_user(db=db)
        headers = await auth_headers(db=db, user=user)
        login = Login(email=random_email())
        provider.next_login = login

        connected = await self.connect(client, browser, headers)

        assert outcome(connected) == ("/settings?tab=security", {"connected": "oidc"})
        listed = (await client.get(MINE, headers=headers)).json()
        assert [a["provider"] for a in listed["data"]] == ["oidc"]
        assert "connected" in smtp_server.to(user.email)[-1].html
        provider.next_login = Login(subject=login.subject, email=login.email)
        client.cookies.clear()
        await sign_in(client, browser)
        assert await signed_in_email(client) == user.email
        actions = (
            await db.exec(select(AuditLog.action).where(AuditLog.target_user_id == user.id))
        ).all()
        assert "account_connected" in actions

    @pytest.mark.usefixtures("provider")
    async def test_connecting_needs_a_fresh_proof(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        headers = await auth_headers(db=db, user=await create_user(db=db))
        await make_proof_stale(db, headers)
        response = await client.post(f"{MINE}/oidc", headers=headers)
        assert response.status_code == 403
        assert response.json()["code"] == "reauthentication_required"

    async def test_a_provider_account_of_someone_else_cannot_be_connected(
        self, client: AsyncClient, db: AsyncSession, provider: OidcProvider, browser: AsyncClient
    ) -> None:
        login = Login(email=random_email())
        provider.next_login = login
        await sign_in(client, browser)
        client.cookies.clear()
        other = await create_user(db=db)
        provider.next_login = Login(subject=login.subject, email=login.email)

        response = await self.connect(client, browser, await auth_headers(db=db, user=other))

        assert "connected to another account" in outcome(response)[1]["oauth_error"]

    async def test_disconnecting_is_audited_and_emailed(
        self,
        client: AsyncClient,
        db: AsyncSession,
        provider: OidcProvider,
        browser: AsyncClient,
        smtp_server: SmtpServer,
    ) -> None:
        user = await create_user(db=db)
        headers = await auth_headers(db=db, user=user)
        provider.next_login = Login(email=random_email())
        await self.connect(client, browser, headers)

        response = await client.delete(f"{MINE}/oidc", headers=headers)

        assert response.status_code == 200
        assert (await client.get(MINE, headers=headers)).json()["data"] == []
        assert "disconnected" in smtp_server.to(user.email)[-1].html
        entries = {
            entry.action: entry
            for entry in (
                await db.exec(select(AuditLog).where(AuditLog.target_user_id == user.id))
            ).all()
        }
        connected, disconnected = entries["account_connected"], entries["account_disconnected"]
        assert disconnected.actor_id == user.id
        assert disconnected.actor_email == user.email
        assert disconnected.detail == connected.detail == settings.OIDC_NAME

    async def test_the_last_way_in_cannot_be_disconnected(
        self, client: AsyncClient, db: AsyncSession, provider: OidcProvider, browser: AsyncClient
    ) -> None:
        email = random_email()
        provider.next_login = Login(email=email)
        await sign_in(client, browser)
        user = (await db.exec(select(User).where(User.email == email))).one()
        headers = await auth_headers(db=db, user=user)

        assert (await client.get(MINE, headers=headers)).json()["can_disconnect"] is False
        response = await client.delete(f"{MINE}/oidc", headers=headers)

        assert response.status_code == 409
        assert await count(db, OAuthAccount) == 1

    async def test_disconnecting_needs_a_fresh_proof(
        self, client: AsyncClient, db: AsyncSession, provider: OidcProvider, browser: AsyncClient
    ) -> None:
        user = await create_user(db=db)
        headers = await auth_headers(db=db, user=user)
        provider.next_login = Login(email=random_email())
        await self.connect(client, browser, headers)
        await make_proof_stale(db, headers)

        response = await client.delete(f"{MINE}/oidc", headers=headers)

        assert response.status_code == 403
        assert await count(db, OAuthAccount) == 1


async def test_the_login_page_learns_which_providers_are_configured(
    client: AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(settings, "OAUTH_GOOGLE_CLIENT_ID", "a-client")
    monkeypatch.setattr(settings, "OAUTH_GOOGLE_CLIENT_SECRET", "a-secret")
    monkeypatch.setattr(settings, "OAUTH_GITHUB_CLIENT_ID", "a-client")
    monkeypatch.setattr(settings, "OAUTH_GITHUB_CLIENT_SECRET", "a-secret")
    monkeypatch.setattr(settings, "OIDC_NAME", "Acme SSO")
    options = (await client.get(f"{settings.API_V1_STR}/login/options")).json()
    assert options["providers"] == [
        {"name": "google", "label": "Google"},
        {"name": "github", "label": "GitHub"},
        {"name": "oidc", "label": "Acme SSO"},
    ]
