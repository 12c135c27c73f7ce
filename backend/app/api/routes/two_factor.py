import uuid

from fastapi import APIRouter, Response

from app import auth
from app.api.cookies import set_refresh_cookie
from app.api.deps import (
    ClientDep,
    CurrentUser,
    HasherDep,
    RateLimiterDep,
    RecentlyProvenDep,
    SessionDep,
    SuperuserDep,
)
from app.api.mailer import MailerDep
from app.api.responses import errors
from app.models import Message, Token
from app.signin import two_factor
from app.signin.two_factor_models import (
    RecoveryCodes,
    TwoFactorCode,
    TwoFactorDisable,
    TwoFactorLogin,
    TwoFactorSetup,
    TwoFactorStatus,
)

router = APIRouter(tags=["two_factor"])
ME = "/users/me/two-factor"


@router.post("/login/two-factor", responses=errors(400, 401, 429))
async def log_in_with_code(
    session: SessionDep,
    limiter: RateLimiterDep,
    client: ClientDep,
    response: Response,
    body: TwoFactorLogin,
) -> Token:
    """The second step of a login: the challenge the password step answered,
    and a code from the authenticator app or a recovery code."""
    user = await two_factor.second_step(
        session=session, limiter=limiter, challenge=body.challenge, code=body.code, ip=client.ip
    )
    tokens = await auth.start_session(
        session=session, user=user, ip=client.ip, user_agent=client.user_agent
    )
    set_refresh_cookie(response, tokens.refresh_token)
    return Token(access_token=tokens.access_token, expires_in=tokens.expires_in)


@router.get(ME, responses=errors(401))
async def read_two_factor(session: SessionDep, current_user: CurrentUser) -> TwoFactorStatus:
    """Whether two-factor authentication is on, and how many recovery codes are left."""
    return await two_factor.status(session=session, user=current_user)


@router.post(f"{ME}/setup", responses=errors(401, 403, 409))
async def start_two_factor_setup(
    session: SessionDep, authenticated: RecentlyProvenDep
) -> TwoFactorSetup:
    """A new secret for the authenticator app; two-factor authentication is
    on only once a code from it is confirmed."""
    return await two_factor.start_setup(session=session, user=authenticated.user)


@router.post(f"{ME}/confirm", responses=errors(400, 401, 403, 409))
async def confirm_two_factor_setup(
    session: SessionDep,
    mailer: MailerDep,
    client: ClientDep,
    authenticated: RecentlyProvenDep,
    body: TwoFactorCode,
) -> RecoveryCodes:
    """Turn two-factor authentication on with a code from the app; answers
    the recovery codes, which are shown this once."""
    return await two_factor.confirm_setup(
        session=session, mailer=mailer, user=authenticated.user, code=body.code, ip=client.ip
    )


@router.post(f"{ME}/recovery-codes", responses=errors(401, 403, 409))
async def regenerate_recovery_codes(
    session: SessionDep, client: ClientDep, authenticated: RecentlyProvenDep
) -> RecoveryCodes:
    """Ten new recovery codes; the earlier ones stop working."""
    return await two_factor.regenerate_recovery_codes(
        session=session, user=authenticated.user, ip=client.ip
    )


@router.delete(ME, responses=errors(400, 401, 403, 409, 429))
async def disable_two_factor(
    hasher: HasherDep,
    session: SessionDep,
    limiter: RateLimiterDep,
    mailer: MailerDep,
    client: ClientDep,
    authenticated: RecentlyProvenDep,
    body: TwoFactorDisable,
) -> Message:
    """Turn two-factor authentication off: needs the password and a code."""
    await two_factor.disable(
        session=session,
        limiter=limiter,
        hasher=hasher,
        mailer=mailer,
        user=authenticated.user,
        current_password=body.current_password,
        code=body.code,
        ip=client.ip,
    )
    return Message(message="Two-factor authentication is off")


@router.delete("/users/{user_id}/two-factor", responses=errors(401, 403, 404, 409))
async def reset_two_factor(
    session: SessionDep,
    mailer: MailerDep,
    client: ClientDep,
    superuser: SuperuserDep,
    user_id: uuid.UUID,
) -> Message:
    """Turn a user's two-factor authentication off (superusers only), for
    someone who lost both the app and the recovery codes; they are told by
    email."""
    await two_factor.reset_by_superuser(
        session=session, mailer=mailer, superuser=superuser, user_id=user_id, ip=client.ip
    )
    return Message(message="Two-factor authentication is off for this user")
