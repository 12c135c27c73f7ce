"""Signing in with Google, GitHub or any OpenID Connect issuer.

httpx-oauth runs the authorization code flow (PKCE with S256, the state and
the nonce as parameters): it is small, async on httpx like the rest of the
app, and typed. It does not check ID tokens, so that is done here with PyJWT,
which already signs our own tokens, against the issuer's JWKS: signature,
`iss`, `aud`, `exp`, `iat` and the nonce. Authlib does all of this too, but
brings its own JOSE implementation (now being replaced by joserfc) beside
PyJWT, for a client we use one flow of.

Rules: a sign-up through a provider needs an email the provider says is
verified; an account is connected to a provider only from a signed-in session
(Settings), never because the emails match; disconnecting is refused when it
would leave no way to sign in.
"""

import base64
import hashlib
import secrets
import time
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Literal

import httpx
import jwt
from httpx_oauth.oauth2 import OAuth2, OAuth2Error
from sqlmodel.ext.asyncio.session import AsyncSession

from app import crud
from app.core.config import settings
from app.core.errors import Conflict, NotFound
from app.core.security import hash_opaque_token
from app.models import SignInProvider, User, utcnow
from app.signin import (
    oauth_crud,
    # region capability: passkeys
    passkeys,
    # endregion capability: passkeys
)
from app.signin.oauth_models import OAuthAccount, OAuthAttempt

GOOGLE_DISCOVERY_URL = "https://accounts.google.com/.well-known/openid-configuration"
ATTEMPT_LIFETIME = timedelta(minutes=10)
DISCOVERY_CACHE_SECONDS = 3600
ID_TOKEN_ALGORITHMS = ["RS256", "ES256", "PS256"]
HTTP_TIMEOUT = httpx.Timeout(10.0)

LAST_WAY_IN = (
    "This is your only way to sign in: set a password (Forgot password on the login page) "
    "or connect another account"
    # region capability: passkeys
    " or add a passkey"
    # endregion capability: passkeys
    " first"
)


class OAuthRefused(Exception):
    """The sign-in through the provider cannot go on; the message is for the person."""


@dataclass(frozen=True, slots=True)
class Provider:
    name: str
    label: str
    client_id: str
    client_secret: str
    # OpenID Connect issuers are found by discovery; GitHub is plain OAuth 2.
    discovery_url: str | None = None


@dataclass(frozen=True, slots=True)
class Identity:
    subject: str
    email: str | None
    email_verified: bool
    name: str | None


def configured_providers() -> list[Provider]:
    """Every provider whose client id and secret are set, in a fixed order."""
    found = []
    if settings.OAUTH_GOOGLE_CLIENT_ID and settings.OAUTH_GOOGLE_CLIENT_SECRET:
        found.append(
            Provider(
                "google",
                "Google",
                settings.OAUTH_GOOGLE_CLIENT_ID,
                settings.OAUTH_GOOGLE_CLIENT_SECRET,
                GOOGLE_DISCOVERY_URL,
            )
        )
    if settings.OAUTH_GITHUB_CLIENT_ID and settings.OAUTH_GITHUB_CLIENT_SECRET:
        found.append(
            Provider(
                "github",
                "GitHub",
                settings.OAUTH_GITHUB_CLIENT_ID,
                settings.OAUTH_GITHUB_CLIENT_SECRET,
            )
        )
    if settings.OIDC_CLIENT_ID and settings.OIDC_CLIENT_SECRET and settings.OIDC_DISCOVERY_URL:
        found.append(
            Provider(
                "oidc",
                settings.OIDC_NAME,
                settings.OIDC_CLIENT_ID,
                settings.OIDC_CLIENT_SECRET,
                settings.OIDC_DISCOVERY_URL,
            )
        )
    return found


def offered() -> list[SignInProvider]:
    return [SignInProvider(name=p.name, label=p.label) for p in configured_providers()]


def provider_named(name: str) -> Provider:
    for provider in configured_providers():
        if provider.name == name:
            return provider
    raise NotFound("No such sign-in provider")


def redirect_uri(provider: Provider) -> str:
    base = f"{settings.BACKEND_HOST.rstrip('/')}{settings.API_V1_STR}"
    return f"{base}/login/oauth/{provider.name}/callback"


# ---------------------------------------------------------------- provider calls
_discovered: dict[str, tuple[float, dict[str, Any]]] = {}


async def _get_json(url: str, *, headers: dict[str, str] | None = None) -> Any:
    try:
        async with httpx.AsyncClient(timeout=HTTP_TIMEOUT) as client:
            response = await client.get(url, headers=headers)
            response.raise_for_status()
            return response.json()
    except (httpx.HTTPError, ValueError) as error:
        raise OAuthRefused("The sign-in provider could not be reached: try again later") from error


async def discovery(provider: Provider) -> dict[str, Any]:
    assert provider.discovery_url is not None
    cached = _discovered.get(provider.discovery_url)
    if cached and time.monotonic() - cached[0] < DISCOVERY_CACHE_SECONDS:
        return cached[1]
    document = await _get_json(provider.discovery_url)
    if (
        not isinstance(document, dict)
        or not {
            "issuer",
            "authorization_endpoint",
            "token_endpoint",
            "jwks_uri",
        }
        <= document.keys()
    ):
        raise OAuthRefused("The sign-in provider is misconfigured: tell your administrator")
    _discovered[provider.discovery_url] = (time.monotonic(), document)
    return document


async def client_for(provider: Provider) -> OAuth2:
    if provider.discovery_url is None:
        base = settings.OAUTH_GITHUB_URL.rstrip("/")
        authorize, token = f"{base}/login/oauth/authorize", f"{base}/login/oauth/access_token"
    else:
        document = await discovery(provider)
        authorize, token = document["authorization_endpoint"], document["token_endpoint"]
    return OAuth2(provider.client_id, provider.client_secret, authorize, token, name=provider.name)


def code_challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


async def verified_id_token(provider: Provider, id_token: str, nonce: str) -> dict[str, Any]:
    """The claims of an ID token whose signature (by the issuer's JWKS),
    issuer, audience, expiry and nonce are right; OAuthRefused otherwise."""
    document = await discovery(provider)
    keys = await _get_json(document["jwks_uri"])
    try:
        key_id = jwt.get_unverified_header(id_token).get("kid")
        key_set = jwt.PyJWKSet.from_dict(keys)
        key = next(k for k in key_set.keys if key_id is None or k.key_id == key_id)
        claims: dict[str, Any] = jwt.decode(
            id_token,
            key.key,
            algorithms=ID_TOKEN_ALGORITHMS,
            audience=provider.client_id,
            issuer=document["issuer"],
            options={"require": ["exp", "iat", "iss", "aud", "sub"]},
        )
    except (jwt.PyJWTError, StopIteration, ValueError, TypeError) as error:
        raise OAuthRefused(f"{provider.label} sent a sign-in we cannot trust: try again") from error
    if not secrets.compare_digest(str(claims.get("nonce", "")), nonce):
        raise OAuthRefused(f"{provider.label} sent a sign-in we cannot trust: try again")
    return claims


async def github_identity(token: str) -> Identity:
    base = settings.OAUTH_GITHUB_API_URL.rstrip("/")
    headers = {"Authorization": f"Bearer {token}", "Accept": "application/vnd.github+json"}
    profile = await _get_json(f"{base}/user", headers=headers)
    emails = await _get_json(f"{base}/user/emails", headers=headers)
    primary = next((e for e in emails if isinstance(e, dict) and e.get("primary")), None)
    return Identity(
        subject=str(profile["id"]),
        email=primary["email"] if primary else None,
        email_verified=bool(primary and primary.get("verified")),
        name=profile.get("name"),
    )


async def identity_from(provider: Provider, attempt: OAuthAttempt, code: str) -> Identity:
    client = await client_for(provider)
    try:
        token = await client.get_access_token(code, redirect_uri(provider), attempt.code_verifier)
    except OAuth2Error as error:
        raise OAuthRefused(f"{provider.label} did not accept the sign-in: try again") from error
    if provider.discovery_url is None:
        return await github_identity(str(token["access_token"]))
    id_token = token.get("id_token")
    if not isinstance(id_token, str):
        raise OAuthRefused(f"{provider.label} sent no ID token: tell your administrator")
    claims = await verified_id_token(provider, id_token, attempt.nonce)
    email = claims.get("email")
    return Identity(
        subject=str(claims["sub"]),
        email=email.strip().lower() if isinstance(email, str) else None,
        email_verified=claims.get("email_verified") is True,
        name=claims.get("name") if isinstance(claims.get("name"), str) else None,
    )


# ---------------------------------------------------------------- flows
async def start(
    *, session: AsyncSession, provider: Provider, browser_secret: str, user: User | None
) -> str:
    """The provider's authorization URL for a new attempt; `user` set means
    connecting the provider to that signed-in account."""
    state, verifier, nonce = (secrets.token_urlsafe(32) for _ in range(3))
    now = utcnow()
    await oauth_crud.start_oauth_attempt(
        session=session,
        attempt=OAuthAttempt(
            state_hash=hash_opaque_token(state),
            provider=provider.name,
            browser_hash=hash_opaque_token(browser_secret),
            code_verifier=verifier,
            nonce=nonce,
            user_id=user.id if user else None,
            created_at=now,
            expires_at=now + ATTEMPT_LIFETIME,
        ),
    )
    client = await client_for(provider)
    scope = (
        ["read:user", "user:email"]
        if provider.discovery_url is None
        else ["openid", "email", "profile"]
    )
    return await client.get_authorization_url(
        redirect_uri(provider),
        state=state,
        scope=scope,
        code_challenge=code_challenge(verifier),
        code_challenge_method="S256",
        extras_params={"nonce": nonce},
    )


@dataclass(frozen=True, slots=True)
class Finished:
    """How an attempt ended: the user to sign in, or the account connected."""

    user: User
    connected: bool


async def finish(
    *,
    session: AsyncSession,
    provider: Provider,
    state: str,
    code: str,
    browser_secret: str | None,
    ip: str | None,
) -> Finished:
    attempt = await oauth_crud.consume_oauth_attempt(
        session=session, state_hash=hash_opaque_token(state), provider=provider.name
    )
    if (
        attempt is None
        or browser_secret is None
        or not secrets.compare_digest(attempt.browser_hash, hash_opaque_token(browser_secret))
    ):
        raise OAuthRefused("This sign-in link expired or was opened elsewhere: start again")
    identity = await identity_from(provider, attempt, code)
    known = await oauth_crud.get_oauth_account(
        session=session, provider=provider.name, subject=identity.subject
    )
    if attempt.user_id is not None:
        return Finished(
            await connect(
                session=session,
                provider=provider,
                attempt=attempt,
                identity=identity,
                known=known,
                ip=ip,
            ),
            True,
        )
    if known is not None:
        user = await crud.get_user(session=session, user_id=known.user_id)
        if user is None or not user.is_active:
            raise OAuthRefused("This account is disabled")
        return Finished(user, False)
    return Finished(
        await sign_up(session=session, provider=provider, identity=identity, ip=ip), False
    )


async def sign_up(
    *, session: AsyncSession, provider: Provider, identity: Identity, ip: str | None
) -> User:
    if not identity.email or not identity.email_verified:
        raise OAuthRefused(
            f"{provider.label} did not confirm that your email address is verified: "
            "verify it there, or sign up with a password"
        )
    if await crud.get_user_by_email(session=session, email=identity.email):
        # Never connect by matching emails: whoever controls the address at
        # the provider is not necessarily the owner of this account.
        raise OAuthRefused(
            f"An account with {identity.email} exists: log in with your password, "
            f"then connect {provider.label} in your settings"
        )
    user = await crud.create_user(
        session=session,
        email=identity.email,
        hashed_password=None,
        full_name=identity.name,
        is_verified=True,
    )
    await _link(session, user, provider, identity, action="signup", ip=ip)
    return user


async def connect(
    *,
    session: AsyncSession,
    provider: Provider,
    attempt: OAuthAttempt,
    identity: Identity,
    known: OAuthAccount | None,
    ip: str | None,
) -> User:
    assert attempt.user_id is not None
    user = await crud.get_user(session=session, user_id=attempt.user_id)
    if user is None or not user.is_active:
        raise OAuthRefused("This account is disabled")
    if known is not None:
        if known.user_id == user.id:
            return user
        raise OAuthRefused(f"This {provider.label} account is connected to another account")
    mine = await oauth_crud.list_oauth_accounts(session=session, user_id=user.id)
    if any(account.provider == provider.name for account in mine):
        raise OAuthRefused(
            f"Another {provider.label} account is connected already: disconnect it first"
        )
    await _link(session, user, provider, identity, action="account_connected", ip=ip)
    return user


async def _link(
    session: AsyncSession,
    user: User,
    provider: Provider,
    identity: Identity,
    *,
    action: Literal["signup", "account_connected"],
    ip: str | None,
) -> None:
    """Record the provider's account as a way into `user`'s, and audit it."""
    await oauth_crud.add_oauth_account(
        session=session,
        account=OAuthAccount(
            user_id=user.id, provider=provider.name, subject=identity.subject, email=identity.email
        ),
    )
    await crud.record_audit(
        session=session,
        action=action,
        actor=user,
        target_user_id=user.id,
        ip_address=ip,
        detail=provider.label,
    )


async def disconnect(
    *, session: AsyncSession, user: User, provider_name: str, ip: str | None
) -> str:
    """Remove a connection; refused when it is the last way to sign in.
    Returns the provider's label."""
    accounts = await oauth_crud.list_oauth_accounts(session=session, user_id=user.id)
    account = next((a for a in accounts if a.provider == provider_name), None)
    if account is None:
        raise NotFound("This provider is not connected to your account")
    if not await can_disconnect(
        # region capability: passkeys
        session=session,
        # endregion capability: passkeys
        user=user,
        connected=len(accounts),
    ):
        raise Conflict(LAST_WAY_IN)
    await oauth_crud.delete_oauth_account(session=session, account=account)
    label = label_of(provider_name)
    await crud.record_audit(
        session=session,
        action="account_disconnected",
        actor=user,
        target_user_id=user.id,
        ip_address=ip,
        detail=label,
    )
    return label


async def can_disconnect(
    *,
    # region capability: passkeys
    session: AsyncSession,
    # endregion capability: passkeys
    user: User,
    connected: int,
) -> bool:
    """Whether one of the `connected` providers can go and leave a way to sign in."""
    ways_in = [bool(user.hashed_password), connected > 1]
    # region capability: passkeys
    ways_in.append(await passkeys.signs_in(session=session, user_id=user.id))
    # endregion capability: passkeys
    return any(ways_in)


def label_of(provider_name: str) -> str:
    labels = {"google": "Google", "github": "GitHub", "oidc": settings.OIDC_NAME}
    return labels.get(provider_name, provider_name)


def new_browser_secret() -> str:
    return secrets.token_urlsafe(32)
