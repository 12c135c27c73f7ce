"""Whether the database admin panel is served, and where a superuser opens
it: the dashboard links to it from its admin pages."""

from fastapi import APIRouter
from sqlmodel import SQLModel

from app.admin_db.access import HANDOFF_PATH
from app.api.deps import SuperuserDep
from app.api.responses import errors
from app.core.config import settings

router = APIRouter(prefix="/admin-panel", tags=["admin-panel"])


class AdminPanelPublic(SQLModel):
    """`path` is under the API's address; opening it in the browser hands the
    dashboard's session to the panel (see app/admin_db/access.py)."""

    enabled: bool
    path: str | None


@router.get("/", responses=errors(401, 403))
async def read_admin_panel(_superuser: SuperuserDep) -> AdminPanelPublic:
    enabled = settings.admin_db_enabled
    return AdminPanelPublic(enabled=enabled, path=HANDOFF_PATH if enabled else None)
