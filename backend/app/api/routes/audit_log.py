from typing import Annotated

from fastapi import APIRouter, Query

from app import crud
from app.api.deps import SessionDep, SuperuserDep
from app.api.pagination import Limit, Skip
from app.api.responses import errors
from app.models import AuditEmailsPublic, AuditLogFilter, AuditLogsPublic

router = APIRouter(prefix="/audit-log", tags=["audit-log"])


@router.get("/", responses=errors(401, 403))
async def read_audit_log(
    session: SessionDep,
    _superuser: SuperuserDep,
    filters: Annotated[AuditLogFilter, Query()],
    skip: Skip = 0,
    limit: Limit = 100,
) -> AuditLogsPublic:
    """Security events, newest first, narrowed by the filters given."""
    rows, count = await crud.list_audit_log(
        session=session, filters=filters, skip=skip, limit=limit
    )
    return AuditLogsPublic.model_validate({"data": rows, "count": count})


@router.get("/emails", responses=errors(401, 403))
async def read_audit_log_emails(session: SessionDep, _superuser: SuperuserDep) -> AuditEmailsPublic:
    """Every address the log names, deleted users' included: what the log can
    be filtered by."""
    return AuditEmailsPublic(data=await crud.list_audit_emails(session=session))
