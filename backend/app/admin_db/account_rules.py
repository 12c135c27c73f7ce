"""The panel keeps the API's rules for accounts, by calling the API's own
functions in the transaction of the panel's write:

- the last active superuser is neither demoted, deactivated nor deleted, or
  nobody could manage the app (`accounts.keep_an_active_superuser`, which
  locks the active superusers' rows: two requests cannot each remove one of
  the last two);
- a deleted user goes as the API deletes one (`crud.release_what_goes_with`):
  what is only its own goes with it, the deletion is refused while others
  depend on it, its files are let go.

A refusal is raised from SQLAdmin's hooks, before the change is applied to
the row. SQLAdmin shows its message above the edit form, or above the list
after a delete, and the panel's transaction rolls back: nothing is written,
and no audit entry with it."""

import logging
from typing import Any

from sqladmin import ModelView
from sqlalchemy.ext.asyncio import AsyncSession, async_object_session
from starlette.requests import Request

from app import accounts, crud
from app.admin_db.sessions import app_session_within
from app.core.errors import AppError
from app.models import User


def panel_session_of(row: User) -> AsyncSession:
    panel_session = async_object_session(row)
    if panel_session is None:
        raise RuntimeError("The panel's row is not in a session: its change cannot be checked")
    return panel_session


async def keep_an_active_superuser(losing: User) -> None:
    async with app_session_within(panel_session_of(losing)) as session:
        await accounts.keep_an_active_superuser(session=session, losing=losing)


async def release_what_goes_with(deleted: User) -> None:
    """A user deleted here goes as the API deletes one (what is only its own
    released, or the deletion refused), not as a bare row."""
    async with app_session_within(panel_session_of(deleted)) as session:
        await crud.release_what_goes_with(session=session, user=deleted)


class AccountRules(ModelView):
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
            await release_what_goes_with(model)


class RefusalsAreNotErrors(logging.Filter):
    """SQLAdmin logs whatever a hook raises as an error, with its traceback;
    a refusal of ours is the rule working, not a fault: it is logged as one
    line at INFO, so that an operator's error alerts stay meaningful."""

    def filter(self, record: logging.LogRecord) -> bool:
        refusal = record.exc_info[1] if record.exc_info else None
        if isinstance(refusal, AppError):
            record.levelno, record.levelname = logging.INFO, "INFO"
            record.msg, record.args = "refused in the panel: %s", (refusal.detail,)
            record.exc_info = record.exc_text = None
        return True


def log_refusals_as_such() -> None:
    logger = logging.getLogger("sqladmin.application")
    if not any(isinstance(kept, RefusalsAreNotErrors) for kept in logger.filters):
        logger.addFilter(RefusalsAreNotErrors())
