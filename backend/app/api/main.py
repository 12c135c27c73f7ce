from fastapi import APIRouter

from app.api.routes import (
    audit_log,
    # region capability: organizations
    invitations,
    # endregion capability: organizations
    # region capability: items
    items,
    # endregion capability: items
    login,
    # region capability: organizations
    members,
    organizations,
    # endregion capability: organizations
    private,
    reauthentication,
    # region capability: organizations
    roles,
    # endregion capability: organizations
    sessions,
    users,
    utils,
)

# region capability: admin_panel
from app.api.routes.admin_panel import router as admin_panel_router

# endregion capability: admin_panel
# region capability: file_storage
from app.api.routes.attachments import router as attachments_router
from app.api.routes.avatars import router as avatars_router
from app.api.routes.files import router as files_router

# endregion capability: file_storage
# region capability: background_jobs
from app.api.routes.jobs import router as jobs_router

# endregion capability: background_jobs
# region capability: magic_links
from app.api.routes.magic_link import router as magic_link_router

# endregion capability: magic_links
# region capability: oauth
from app.api.routes.oauth import router as oauth_router

# endregion capability: oauth
# region capability: passkeys
from app.api.routes.passkeys import router as passkeys_router

# region capability: two_factor
from app.api.routes.passkeys import second_factor_router as passkey_second_factor_router

# endregion capability: two_factor
# endregion capability: passkeys
# region capability: two_factor
from app.api.routes.two_factor import router as two_factor_router

# endregion capability: two_factor
from app.core.config import settings

# region capability: oauth
from app.signin.oauth import configured_providers

# endregion capability: oauth

api_router = APIRouter()
api_router.include_router(login.router)
api_router.include_router(sessions.router)
api_router.include_router(reauthentication.router)
# region capability: two_factor
if settings.TWO_FACTOR_ENABLED:
    api_router.include_router(two_factor_router)
# endregion capability: two_factor
# region capability: magic_links
if settings.MAGIC_LINK_ENABLED:
    api_router.include_router(magic_link_router)
# endregion capability: magic_links
# region capability: passkeys
if settings.PASSKEYS_ENABLED:
    api_router.include_router(passkeys_router)
    # region capability: two_factor
    if settings.TWO_FACTOR_ENABLED:
        api_router.include_router(passkey_second_factor_router)
    # endregion capability: two_factor
# endregion capability: passkeys
# region capability: oauth
if configured_providers():
    api_router.include_router(oauth_router)
# endregion capability: oauth
api_router.include_router(users.router)
# region capability: organizations
api_router.include_router(organizations.router)
# region capability: items
api_router.include_router(items.router)
# endregion capability: items
if settings.ORGANIZATIONS_ENABLED:
    api_router.include_router(organizations.management)
    api_router.include_router(members.router)
    api_router.include_router(roles.router)
    api_router.include_router(invitations.router)
    api_router.include_router(invitations.accepting)
# endregion capability: organizations
api_router.include_router(utils.router)
api_router.include_router(audit_log.router)
# region capability: admin_panel
api_router.include_router(admin_panel_router)
# endregion capability: admin_panel
# region capability: file_storage
if settings.FILES_ENABLED:
    api_router.include_router(avatars_router)
    api_router.include_router(attachments_router)
    api_router.include_router(files_router)
# endregion capability: file_storage
# region capability: background_jobs
if settings.JOBS_ENABLED:
    api_router.include_router(jobs_router)
# endregion capability: background_jobs

if settings.ENVIRONMENT == "local":
    api_router.include_router(private.router)
