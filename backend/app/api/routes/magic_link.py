from typing import Any

from fastapi import APIRouter, Response

from app import auth
from app.api.cookies import set_refresh_cookie
from app.api.deps import ClientDep, RateLimiterDep, SessionDep
from app.api.mailer import MailerDep
from app.api.responses import errors

# region capability: two_factor
from app.core.config import settings

# endregion capability: two_factor
from app.models import EmailRequest, Message, Token, TokenRequest
from app.signin import (
    magic_link,
    # region capability: two_factor
    two_factor,
    # endregion capability: two_factor
)

# region capability: two_factor
from app.signin.two_factor_models import TwoFactorChallenge

# endregion capability: two_factor

router = APIRouter(prefix="/login/magic-link", tags=["magic_link"])
# Like a password's: tokens, or a challenge for the second step of an account that has one.
ANSWER: Any = Token
# region capability: two_factor
if settings.TWO_FACTOR_ENABLED:
    ANSWER = Token | TwoFactorChallenge
# endregion capability: two_factor


@router.post("", responses=errors(422, 429))
async def send_magic_link(
    session: SessionDep,
    limiter: RateLimiterDep,
    mailer: MailerDep,
    client: ClientDep,
    body: EmailRequest,
) -> Message:
    """Email a single-use sign-in link; answers the same for every address."""
    await magic_link.send(
        session=session, limiter=limiter, mailer=mailer, email=body.email, ip=client.ip
    )
    return Message(message=magic_link.SENT)


@router.post("/sign-in", response_model=ANSWER, responses=errors(400))
async def sign_in_with_magic_link(
    session: SessionDep, client: ClientDep, response: Response, body: TokenRequest
) -> (
    Token
    # region capability: two_factor
    | TwoFactorChallenge
    # endregion capability: two_factor
):
    """Sign in with the emailed link's token; for an account with a second
    step, answers the challenge to take it with instead."""
    user = await magic_link.follow(session=session, token=body.token)
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
    return Token(access_token=tokens.access_token, expires_in=tokens.expires_in)
