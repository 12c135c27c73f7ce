from typing import Annotated, Any

from fastapi import APIRouter, Body, Cookie, Depends, Query, Response
from fastapi.responses import HTMLResponse
from fastapi.security import OAuth2PasswordRequestForm
from pydantic import EmailStr

from app import accounts, auth, crud, notifications
from app.api.cookies import REFRESH_COOKIE, clear_refresh_cookie, set_refresh_cookie
from app.api.deps import (
    AuthDep,
    ClientDep,
    CurrentUser,
    HasherDep,
    RateLimiterDep,
    SessionDep,
    SuperuserDep,
)
from app.api.mailer import MailerDep
from app.api.responses import errors
from app.core.config import settings
from app.core.errors import BadRequest, NotAuthenticated, NotFound
from app.models import (
    EmailRequest,
    Message,
    NewPassword,
    RefreshRequest,
    SignInOptions,
    Token,
    UserPublic,
)

# region capability: two_factor
from app.signin import two_factor

# endregion capability: two_factor
# region capability: oauth
from app.signin.oauth import offered as offered_providers

# endregion capability: oauth
# region capability: two_factor
from app.signin.two_factor_models import TwoFactorChallenge

# endregion capability: two_factor

router = APIRouter(tags=["login"])
# What a correct password answers: tokens, or a challenge for the second step
# of an account that has one.
LOGIN_ANSWER: Any = Token
# region capability: two_factor
if settings.TWO_FACTOR_ENABLED:
    LOGIN_ANSWER = Token | TwoFactorChallenge
# endregion capability: two_factor
RECOVERY_SENT = "If that account exists, a password recovery email has been sent"


REFRESH_COOKIE_DOC = {
    "Set-Cookie": {
        "description": "The refresh token: `refresh_token=...; HttpOnly; SameSite=Lax; "
        "Path=/api/v1/login` (Secure outside local development)",
        "schema": {"type": "string"},
    }
}


@router.get("/login/options")
async def read_sign_in_options() -> SignInOptions:
    """The ways to sign in that this server offers."""
    return SignInOptions(
        # region capability: two_factor
        two_factor=settings.TWO_FACTOR_ENABLED,
        two_factor_required_for_superusers=settings.TWO_FACTOR_ENABLED
        and settings.TWO_FACTOR_REQUIRED_FOR_SUPERUSERS,
        # endregion capability: two_factor
        # region capability: oauth
        providers=offered_providers(),
        # endregion capability: oauth
        # region capability: magic_links
        magic_link=settings.MAGIC_LINK_ENABLED,
        # endregion capability: magic_links
        # region capability: passkeys
        passkeys=settings.PASSKEYS_ENABLED,
        # endregion capability: passkeys
    )


@router.post(
    "/login/access-token",
    response_model=LOGIN_ANSWER,
    responses={200: {"headers": REFRESH_COOKIE_DOC}, **errors(400, 429)},
)
async def login_access_token(
    hasher: HasherDep,
    session: SessionDep,
    limiter: RateLimiterDep,
    client: ClientDep,
    response: Response,
    form_data: Annotated[OAuth2PasswordRequestForm, Depends()],
    include_refresh_token: Annotated[
        bool, Query(description="Also return the refresh token in the body (non-browser clients)")
    ] = False,
) -> (
    Token
    # region capability: two_factor
    | TwoFactorChallenge
    # endregion capability: two_factor
):
    """OAuth2 password login. Sets the refresh token as an HttpOnly cookie.
    For an account with a second step, answers the challenge to take it
    with instead (no tokens, no cookie)."""
    user = await auth.authenticate(
        session=session,
        limiter=limiter,
        hasher=hasher,
        email=form_data.username,
        password=form_data.password,
        ip=client.ip,
    )
    if not user.is_active:
        raise BadRequest("Inactive user")
    if settings.email_verification_required and not user.is_verified:
        raise BadRequest(
            "Email address not verified: follow the link we sent, or ask for a new one"
        )
    # region capability: two_factor
    if settings.TWO_FACTOR_ENABLED:
        challenge = await two_factor.challenge_for(session=session, user=user)
        if challenge is not None:
            return challenge
    # endregion capability: two_factor
    tokens = await auth.start_session(
        session=session, user=user, ip=client.ip, user_agent=client.user_agent
    )
    set_refresh_cookie(response, tokens.refresh_token)
    return Token(
        access_token=tokens.access_token,
        expires_in=tokens.expires_in,
        refresh_token=tokens.refresh_token if include_refresh_token else None,
    )


@router.post("/login/refresh", responses={200: {"headers": REFRESH_COOKIE_DOC}, **errors(400, 401)})
async def refresh_token(
    session: SessionDep,
    response: Response,
    body: Annotated[RefreshRequest | None, Body()] = None,
    cookie_token: Annotated[str | None, Cookie(alias=REFRESH_COOKIE)] = None,
) -> Token:
    """Exchange the refresh token (cookie, or `refresh_token` in the body)
    for a new access token; the refresh token is rotated."""
    from_body = body is not None and body.refresh_token is not None
    presented = body.refresh_token if body and body.refresh_token else cookie_token
    if not presented:
        raise NotAuthenticated("Missing refresh token")
    try:
        tokens = await auth.refresh(session=session, refresh_token=presented)
    except NotAuthenticated:
        if not from_body:
            clear_refresh_cookie(response)
        raise
    if not from_body:
        set_refresh_cookie(response, tokens.refresh_token)
    return Token(
        access_token=tokens.access_token,
        expires_in=tokens.expires_in,
        refresh_token=tokens.refresh_token if from_body else None,
    )


@router.post("/login/logout", responses=errors(401))
async def logout(
    session: SessionDep, authenticated: AuthDep, client: ClientDep, response: Response
) -> Message:
    """Revoke the current session: its tokens stop working at once."""
    await auth.logout(
        session=session,
        user=authenticated.user,
        session_id=authenticated.session_id,
        ip=client.ip,
    )
    clear_refresh_cookie(response)
    return Message(message="Logged out")


@router.post("/login/test-token", responses=errors(401))
async def test_token(current_user: CurrentUser) -> UserPublic:
    """Check an access token."""
    return UserPublic.model_validate(current_user)


@router.post("/password-recovery", responses=errors(400, 422, 429))
async def recover_password(
    session: SessionDep,
    limiter: RateLimiterDep,
    mailer: MailerDep,
    client: ClientDep,
    body: EmailRequest,
) -> Message:
    """Email a password reset link; answers the same whether or not the
    account exists."""
    await accounts.request_password_recovery(
        session=session, limiter=limiter, mailer=mailer, email=body.email, ip=client.ip
    )
    return Message(message=RECOVERY_SENT)


@router.post("/password-recovery/{email}", deprecated=True, responses=errors(422, 429))
async def recover_password_by_path(
    session: SessionDep,
    limiter: RateLimiterDep,
    mailer: MailerDep,
    client: ClientDep,
    email: EmailStr,
) -> Message:
    """Deprecated: puts the address in access logs. Use POST /password-recovery."""
    await accounts.request_password_recovery(
        session=session, limiter=limiter, mailer=mailer, email=email.strip().lower(), ip=client.ip
    )
    return Message(message=RECOVERY_SENT)


@router.post("/reset-password/", responses=errors(400))
async def reset_password(
    hasher: HasherDep,
    session: SessionDep,
    limiter: RateLimiterDep,
    mailer: MailerDep,
    client: ClientDep,
    body: NewPassword,
) -> Message:
    """Set a new password with a single-use emailed token."""
    await accounts.reset_password(
        session=session,
        hasher=hasher,
        limiter=limiter,
        mailer=mailer,
        token=body.token,
        new_password=body.new_password,
        ip=client.ip,
    )
    return Message(message="Password updated successfully")


@router.post(
    "/password-recovery-html-content/{email}",
    response_class=HTMLResponse,
    responses=errors(401, 403, 404),
)
async def recover_password_html_content(
    session: SessionDep, _superuser: SuperuserDep, email: str
) -> HTMLResponse:
    """Preview the password reset email (with a token that is not stored)."""
    user = await crud.get_user_by_email(session=session, email=email)
    if user is None:
        raise NotFound("The user with this email does not exist in the system")
    email_data = notifications.reset_password(settings, email=user.email, token="preview-token")
    return HTMLResponse(content=email_data.html, headers={"subject": email_data.subject})
