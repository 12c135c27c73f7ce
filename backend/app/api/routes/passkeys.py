"""Passkeys (app/signin/passkeys.py): each ceremony is two requests, the
options for the browser's WebAuthn call and then its answer."""

import uuid

from fastapi import APIRouter, Response

from app import auth
from app.api.cookies import set_refresh_cookie
from app.api.deps import (
    AuthDep,
    ClientDep,
    CurrentUser,
    RateLimiterDep,
    RecentlyProvenDep,
    SessionDep,
)
from app.api.mailer import MailerDep
from app.api.responses import errors
from app.models import Message, Reauthenticated, Token, User
from app.signin import passkey_sign_in, passkeys
from app.signin.passkey_models import (
    PasskeyAssertion,
    PasskeyOptions,
    PasskeyPublic,
    PasskeyRegistration,
    PasskeyRename,
    # region capability: two_factor
    PasskeySecondFactor,
    PasskeySecondStep,
    # endregion capability: two_factor
    PasskeysPublic,
)

router = APIRouter(tags=["passkeys"])
# region capability: two_factor
# The second step of a login exists only with two-factor authentication on.
second_factor_router = APIRouter(tags=["passkeys"])
# endregion capability: two_factor
MINE = "/users/me/passkeys"


async def signed_in(
    session: SessionDep, client: ClientDep, response: Response, user: User
) -> Token:
    """The same session as a password login: tokens and the refresh cookie."""
    tokens = await auth.start_session(
        session=session, user=user, ip=client.ip, user_agent=client.user_agent
    )
    set_refresh_cookie(response, tokens.refresh_token)
    return Token(access_token=tokens.access_token, expires_in=tokens.expires_in)


@router.post("/login/passkey/options")
async def sign_in_options(session: SessionDep) -> PasskeyOptions:
    """Options for signing in with any passkey of this site (no email asked)."""
    return await passkeys.authentication_options(session=session, purpose="sign_in", user=None)


@router.post("/login/passkey", responses=errors(400, 401, 429))
async def sign_in(
    session: SessionDep,
    limiter: RateLimiterDep,
    client: ClientDep,
    response: Response,
    body: PasskeyAssertion,
) -> Token:
    """Sign in with a passkey: answers the same tokens and refresh cookie as
    a password login. The passkey (with its PIN or biometric) is both
    factors, so no second step follows."""
    user = await passkey_sign_in.sign_in(
        session=session, limiter=limiter, credential=body.credential, ip=client.ip
    )
    return await signed_in(session, client, response, user)


# region capability: two_factor
@second_factor_router.post("/login/two-factor/passkey/options", responses=errors(400, 401))
async def second_factor_options(session: SessionDep, body: PasskeySecondStep) -> PasskeyOptions:
    """Options for using one of the account's passkeys as the second step."""
    user = await passkey_sign_in.challenged_user(session=session, challenge=body.challenge)
    return await passkeys.authentication_options(
        session=session, purpose="second_factor", user=user
    )


@second_factor_router.post("/login/two-factor/passkey", responses=errors(400, 401, 429))
async def second_factor(
    session: SessionDep,
    limiter: RateLimiterDep,
    client: ClientDep,
    response: Response,
    body: PasskeySecondFactor,
) -> Token:
    """The second step of a login with a passkey instead of a code."""
    user = await passkey_sign_in.second_factor(
        session=session,
        limiter=limiter,
        challenge=body.challenge,
        credential=body.credential,
        ip=client.ip,
    )
    return await signed_in(session, client, response, user)


# endregion capability: two_factor


@router.post("/users/me/reauthenticate/passkey/options", responses=errors(400, 401))
async def reauthentication_options(
    session: SessionDep, current_user: CurrentUser
) -> PasskeyOptions:
    """Options for proving who you are again with one of your passkeys."""
    return await passkeys.authentication_options(
        session=session, purpose="reauthenticate", user=current_user
    )


@router.post("/users/me/reauthenticate/passkey", responses=errors(400, 401, 429))
async def reauthenticate(
    session: SessionDep,
    limiter: RateLimiterDep,
    client: ClientDep,
    authenticated: AuthDep,
    body: PasskeyAssertion,
) -> Reauthenticated:
    """Prove again who you are with a passkey: sensitive changes answered 403
    `reauthentication_required` may then be retried."""
    valid_until = await passkey_sign_in.reauthenticate(
        session=session,
        limiter=limiter,
        user=authenticated.user,
        session_id=authenticated.session_id,
        credential=body.credential,
        ip=client.ip,
    )
    return Reauthenticated(valid_until=valid_until)


@router.get(MINE, responses=errors(401))
async def read_passkeys(session: SessionDep, current_user: CurrentUser) -> PasskeysPublic:
    """One's passkeys, oldest first."""
    return await passkeys.listed(session=session, user=current_user)


@router.post(f"{MINE}/registration-options", responses=errors(401, 403))
async def registration_options(
    session: SessionDep, authenticated: RecentlyProvenDep
) -> PasskeyOptions:
    """Options for adding a passkey (needs a recent proof of identity)."""
    return await passkeys.registration_options(session=session, user=authenticated.user)


@router.post(MINE, responses=errors(400, 401, 403, 409))
async def add_passkey(
    session: SessionDep,
    mailer: MailerDep,
    client: ClientDep,
    authenticated: RecentlyProvenDep,
    body: PasskeyRegistration,
) -> PasskeyPublic:
    """Add a passkey with the browser's answer to the registration options."""
    passkey = await passkeys.register(
        session=session,
        mailer=mailer,
        user=authenticated.user,
        name=body.name,
        credential=body.credential,
        ip=client.ip,
    )
    return passkeys.public(passkey)


@router.patch(f"{MINE}/{{passkey_id}}", responses=errors(400, 401, 404))
async def rename_passkey(
    session: SessionDep, current_user: CurrentUser, passkey_id: uuid.UUID, body: PasskeyRename
) -> PasskeyPublic:
    """Rename a passkey."""
    passkey = await passkeys.rename(
        session=session, user=current_user, passkey_id=passkey_id, name=body.name
    )
    return passkeys.public(passkey)


@router.delete(f"{MINE}/{{passkey_id}}", responses=errors(401, 403, 404, 409))
async def delete_passkey(
    session: SessionDep,
    mailer: MailerDep,
    client: ClientDep,
    authenticated: RecentlyProvenDep,
    passkey_id: uuid.UUID,
) -> Message:
    """Remove a passkey (needs a recent proof of identity); refused when it
    is the last way to sign in."""
    await passkeys.delete(
        session=session, mailer=mailer, user=authenticated.user, passkey_id=passkey_id, ip=client.ip
    )
    return Message(message="The passkey is removed")
