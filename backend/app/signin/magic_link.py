"""Magic links: "Email me a sign-in link". A link is single-use, valid for
15 minutes and stored hashed, like a password reset link (the same
action_token table); asking answers the same for known and unknown addresses
and counts against the same per-address and per-IP email limits. Following
it counts as the password step only: a second step the account has still
follows."""

from datetime import timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from app import accounts, crud, notifications
from app.api.mailer import Mailer
from app.core.config import settings
from app.core.errors import BadRequest
from app.core.ratelimit import RateLimiter
from app.models import TokenPurpose, User

LIFETIME = timedelta(minutes=15)
SENT = "If that account exists, a sign-in link is on its way: it works once, for 15 minutes"
REFUSED = (
    "This sign-in link is not valid any more: links work once, for 15 minutes. Ask for a new one"
)


async def send(
    *, session: AsyncSession, limiter: RateLimiter, mailer: Mailer, email: str, ip: str | None
) -> None:
    """Does the same work whether or not the account exists, so that neither
    the answer nor its timing says which addresses are known."""
    await accounts.email_allowance(session=session, limiter=limiter, email=email, ip=ip)
    user = await crud.get_user_by_email(session=session, email=email)
    if user is None or not user.is_active:
        return
    token = await crud.issue_action_token(
        session=session, user_id=user.id, purpose=TokenPurpose.MAGIC_LINK, lifetime=LIFETIME
    )
    mailer.send(notifications.magic_link(settings, email=user.email, token=token))


async def follow(*, session: AsyncSession, token: str) -> User:
    """The user the link signs in; reaching the inbox also proves the address."""
    used = await crud.consume_action_token(
        session=session, token=token, purposes=[TokenPurpose.MAGIC_LINK]
    )
    user = await crud.get_user(session=session, user_id=used.user_id) if used else None
    if user is None or not user.is_active:
        raise BadRequest(REFUSED)
    user.is_verified = True
    session.add(user)
    return user
