"""Sign-in and connected accounts through Google, GitHub and OpenID Connect
providers (app/signin/oauth.py). The browser goes to the provider and comes
back to the callback here, which ends on the dashboard: signed in (the
refresh cookie set, as a password login does), or with a message."""

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Cookie, Query, Response
from fastapi.responses import RedirectResponse

from app import auth
from app.api.cookies import set_refresh_cookie
from app.api.deps import ClientDep, CurrentUser, RecentlyProvenDep, SessionDep
from app.api.mailer import MailerDep
from app.api.responses import errors
from app.core.config import settings
from app.core.errors import ServiceUnavailable
from app.models import Message
from app.notifications import signin_method_changed
from app.signin import (
    oauth,
    oauth_crud,
    # region capability: two_factor
    two_factor,
    # endregion capability: two_factor
)
from app.signin.oauth_models import AuthorizationUrl, ConnectedAccountPublic, ConnectedAccounts

router = APIRouter(tags=["oauth"])
BROWSER_COOKIE = "oauth_browser"
BROWSER_COOKIE_PATH = f"{settings.API_V1_STR}/login/oauth"
MY_ACCOUNTS = "/users/me/connected-accounts"


def bind_browser(response: Response) -> str:
    """A cookie that ties the attempt to this browser: a callback URL opened
    in another browser (a login CSRF) finds no attempt to finish."""
    secret = oauth.new_browser_secret()
    response.set_cookie(
        BROWSER_COOKIE,
        secret,
        max_age=int(oauth.ATTEMPT_LIFETIME.total_seconds()),
        path=BROWSER_COOKIE_PATH,
        httponly=True,
        secure=settings.ENVIRONMENT != "local",
        samesite="lax",
    )
    return secret


def to_dashboard(path: str, fragment: str) -> RedirectResponse:
    # In the fragment, the outcome never reaches a server's access log.
    return RedirectResponse(
        f"{settings.FRONTEND_HOST.rstrip('/')}{path}#{fragment}", status_code=303
    )


@router.get("/login/oauth/{provider}/authorize", status_code=307, responses=errors(404))
async def authorize(session: SessionDep, provider: str) -> RedirectResponse:
    """Send the browser to the provider to sign in (or sign up)."""
    chosen = oauth.provider_named(provider)
    redirect = RedirectResponse("", status_code=307)
    try:
        url = await oauth.start(
            session=session, provider=chosen, browser_secret=bind_browser(redirect), user=None
        )
    except oauth.OAuthRefused as refused:
        return to_dashboard("/login", f"oauth_error={quote(str(refused))}")
    redirect.headers["location"] = url
    return redirect


@router.get("/login/oauth/{provider}/callback", status_code=303, responses=errors(404))
async def callback(
    session: SessionDep,
    mailer: MailerDep,
    client: ClientDep,
    provider: str,
    code: Annotated[str | None, Query(max_length=2048)] = None,
    state: Annotated[str | None, Query(max_length=512)] = None,
    error: Annotated[str | None, Query(max_length=512)] = None,
    browser: Annotated[str | None, Cookie(alias=BROWSER_COOKIE)] = None,
) -> RedirectResponse:
    """Where the provider sends the browser back; ends on the dashboard."""
    chosen = oauth.provider_named(provider)
    try:
        if error or not code or not state:
            raise oauth.OAuthRefused(f"Signing in with {chosen.label} was cancelled")
        finished = await oauth.finish(
            session=session,
            provider=chosen,
            state=state,
            code=code,
            browser_secret=browser,
            ip=client.ip,
        )
    except oauth.OAuthRefused as refused:
        return to_dashboard("/login", f"oauth_error={quote(str(refused))}")
    if finished.connected:
        mailer.send(
            signin_method_changed(
                settings, email=finished.user.email, method=chosen.label, change="connected"
            )
        )
        return to_dashboard("/settings?tab=security", f"connected={chosen.name}")
    # region capability: two_factor
    if settings.TWO_FACTOR_ENABLED:
        challenge = await two_factor.challenge_for(session=session, user=finished.user)
        if challenge is not None:
            return to_dashboard("/login", f"two_factor={challenge.challenge}")
    # endregion capability: two_factor
    tokens = await auth.start_session(
        session=session, user=finished.user, ip=client.ip, user_agent=client.user_agent
    )
    redirect = to_dashboard("/login", "signed_in=1")
    set_refresh_cookie(redirect, tokens.refresh_token)
    return redirect


@router.get(MY_ACCOUNTS, responses=errors(401))
async def read_connected_accounts(
    session: SessionDep, current_user: CurrentUser
) -> ConnectedAccounts:
    """The providers connected to one's account and the ones that could be."""
    accounts = await oauth_crud.list_oauth_accounts(session=session, user_id=current_user.id)
    return ConnectedAccounts(
        data=[
            ConnectedAccountPublic(
                provider=a.provider,
                label=oauth.label_of(a.provider),
                email=a.email,
                created_at=a.created_at,
            )
            for a in accounts
        ],
        providers=oauth.offered(),
        can_disconnect=await oauth.can_disconnect(
            # region capability: passkeys
            session=session,
            # endregion capability: passkeys
            user=current_user,
            connected=len(accounts),
        ),
    )


@router.post(f"{MY_ACCOUNTS}/{{provider}}", responses=errors(401, 403, 404, 503))
async def connect_account(
    session: SessionDep, response: Response, authenticated: RecentlyProvenDep, provider: str
) -> AuthorizationUrl:
    """Start connecting a provider to one's account (needs a recent proof of
    identity); send the browser to the answered URL."""
    chosen = oauth.provider_named(provider)
    try:
        url = await oauth.start(
            session=session,
            provider=chosen,
            browser_secret=bind_browser(response),
            user=authenticated.user,
        )
    except oauth.OAuthRefused as refused:
        raise ServiceUnavailable(str(refused)) from refused
    return AuthorizationUrl(authorization_url=url)


@router.delete(f"{MY_ACCOUNTS}/{{provider}}", responses=errors(401, 403, 404, 409))
async def disconnect_account(
    session: SessionDep,
    mailer: MailerDep,
    client: ClientDep,
    authenticated: RecentlyProvenDep,
    provider: str,
) -> Message:
    """Disconnect a provider (needs a recent proof of identity); refused when
    it is the last way to sign in."""
    label = await oauth.disconnect(
        session=session, user=authenticated.user, provider_name=provider, ip=client.ip
    )
    mailer.send(
        signin_method_changed(
            settings, email=authenticated.user.email, method=label, change="disconnected"
        )
    )
    return Message(message=f"{label} is no longer connected")
