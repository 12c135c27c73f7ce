"""The panel keeps the rule the API and the command line keep: the last
active superuser is neither demoted, deactivated nor deleted, or nobody could
manage the app. `accounts.keep_an_active_superuser` decides, and locks the
active superusers' rows, in the transaction of the panel's write: two
requests cannot each remove one of the last two.

A refusal is raised from SQLAdmin's hooks, before the change is applied to
the row. SQLAdmin shows its message above the edit form, or above the list
after a delete, and the panel's transaction rolls back: nothing is written,
and no audit entry with it."""

from typing import Any

from sqladmin import ModelView
from sqlalchemy.ext.asyncio import async_object_session
from starlette.requests import Request

from app import accounts
from app.admin_db.sessions import app_session_within
from app.models import User


async def keep_an_active_superuser(losing: User) -> None:
    panel_session = async_object_session(losing)
    if panel_session is None:
        raise RuntimeError("The panel's row is not in a session: its change cannot be checked")
    async with app_session_within(panel_session) as session:
        await accounts.keep_an_active_superuser(session=session, losing=losing)


class KeepsAnActiveSuperuser(ModelView):
    """The User view's hooks (no model: `views.view_for` gives it one)."""

    async def on_model_change(
        self, data: dict[str, Any], model: Any, is_created: bool, _request: Request
    ) -> None:
        if is_created:
            return
        if data.get("is_superuser") is False or data.get("is_active") is False:
            await keep_an_active_superuser(model)

    async def on_model_delete(self, model: Any, _request: Request) -> None:
        if model is not None:  # gone already: SQLAdmin reports that itself
            await keep_an_active_superuser(model)
