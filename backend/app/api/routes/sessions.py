import uuid

from fastapi import APIRouter

from app import crud
from app.api.deps import AuthDep, SessionDep
from app.api.responses import errors
from app.core.errors import NotFound
from app.models import Message, SessionPublic, SessionsPublic

router = APIRouter(prefix="/users/me/sessions", tags=["sessions"])


@router.get("", responses=errors(401))
async def read_sessions(session: SessionDep, authenticated: AuthDep) -> SessionsPublic:
    """One's active sessions, most recently used first."""
    active = await crud.list_active_sessions(session=session, user_id=authenticated.user.id)
    data = [
        SessionPublic.model_validate(s, update={"current": s.id == authenticated.session_id})
        for s in active
    ]
    return SessionsPublic(data=data, count=len(data))


@router.delete("", responses=errors(401))
async def revoke_other_sessions(session: SessionDep, authenticated: AuthDep) -> Message:
    """Log out everywhere else."""
    count = await crud.revoke_sessions(
        session=session, user_id=authenticated.user.id, keep=authenticated.session_id
    )
    return Message(message=f"{count} other session(s) revoked")


@router.delete("/{session_id}", responses=errors(401, 404))
async def revoke_session(
    session: SessionDep, authenticated: AuthDep, session_id: uuid.UUID
) -> Message:
    """Revoke one of one's sessions (the current one logs out)."""
    revoked = await crud.revoke_sessions(
        session=session, user_id=authenticated.user.id, only=session_id
    )
    if not revoked:
        raise NotFound("Session not found")
    return Message(message="Session revoked")
