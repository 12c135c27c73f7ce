from fastapi import APIRouter

from app.api.deps import AuthDep, ClientDep, HasherDep, RateLimiterDep, SessionDep
from app.api.responses import errors
from app.models import Reauthenticate, Reauthenticated
from app.signin import reauthentication

router = APIRouter(prefix="/users/me/reauthenticate", tags=["reauthentication"])


@router.post("", responses=errors(400, 401, 429))
async def reauthenticate(
    hasher: HasherDep,
    session: SessionDep,
    limiter: RateLimiterDep,
    client: ClientDep,
    authenticated: AuthDep,
    body: Reauthenticate,
) -> Reauthenticated:
    """Prove again who you are: sensitive changes answered 403
    `reauthentication_required` may then be retried."""
    valid_until = await reauthentication.reauthenticate(
        session=session,
        limiter=limiter,
        hasher=hasher,
        user=authenticated.user,
        session_id=authenticated.session_id,
        password=body.password,
        # region capability: two_factor
        code=body.code,
        # endregion capability: two_factor
        ip=client.ip,
    )
    return Reauthenticated(valid_until=valid_until)
