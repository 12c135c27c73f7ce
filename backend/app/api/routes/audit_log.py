import uuid

from fastapi import APIRouter

from app import crud
from app.api.deps import SessionDep, SuperuserDep
from app.api.pagination import Limit, Skip
from app.api.responses import errors
from app.models import AuditLogsPublic

router = APIRouter(prefix="/audit-log", tags=["audit-log"])


@router.get("/", responses=errors(401, 403))
async def read_audit_log(
    session: SessionDep,
    _superuser: SuperuserDep,
    skip: Skip = 0,
    limit: Limit = 100,
    user_id: uuid.UUID | None = None,
) -> AuditLogsPublic:
    """Security events, newest first; `user_id` keeps those a user did or underwent."""
    rows, count = await crud.list_audit_log(
        session=session, user_id=user_id, skip=skip, limit=limit
    )
    return AuditLogsPublic.model_validate({"data": rows, "count": count})
