"""Organizations: one's own list, creating one, and reading, renaming,
deleting and handing over an organization one belongs to."""

from typing import Annotated

from fastapi import APIRouter, Query

from app import crud as app_crud
from app.api.deps import ClientDep, CurrentUser, SessionDep, SuperuserDep
from app.api.pagination import Limit, Skip
from app.api.responses import errors
from app.core.config import settings
from app.models import AuditEmailsPublic, AuditLogFilter, AuditLogsPublic, Message
from app.organizations import crud, flows, public
from app.organizations.access import Access, require_permission
from app.organizations.models import (
    OrganizationActivity,
    OrganizationCreate,
    OrganizationDelete,
    OrganizationPublic,
    OrganizationsPublic,
    OrganizationSummary,
    OrganizationUpdate,
    OwnershipTransfer,
    PermissionPublic,
    PermissionsPublic,
)
from app.organizations.permissions import (
    BUILT_IN_NAMES,
    BUILT_IN_PERMISSIONS,
    DESCRIPTIONS,
    GRANTABLE,
    BuiltInRole,
    Permission,
)

router = APIRouter(prefix="/orgs", tags=["organizations"])


@router.get("/", responses=errors(401))
async def read_organizations(session: SessionDep, user: CurrentUser) -> OrganizationsPublic:
    """The organizations one belongs to, one's personal organization first,
    each with one's role and permissions in it."""
    rows = await crud.list_user_organizations(session=session, user_id=user.id)
    return OrganizationsPublic(
        data=[public.mine(row) for row in rows],
        count=len(rows),
        manageable=settings.ORGANIZATIONS_ENABLED,
    )


# With ORGANIZATIONS_ENABLED=false only `router` is served: its list tells the
# dashboard where the user's personal organization is.
management = APIRouter(prefix="/orgs", tags=["organizations"])


@management.post("/", responses=errors(400, 401, 409))
async def create_organization(
    session: SessionDep, user: CurrentUser, client: ClientDep, body: OrganizationCreate
) -> OrganizationPublic:
    """Create an organization with oneself as its Owner."""
    organization = await flows.create_organization(
        session=session, user=user, name=body.name, slug=body.slug, ip=client.ip
    )
    return public.organization_public(
        organization,
        role=BuiltInRole.OWNER,
        role_name=BUILT_IN_NAMES[BuiltInRole.OWNER],
        permissions=BUILT_IN_PERMISSIONS[BuiltInRole.OWNER],
    )


@management.get("/all", responses=errors(401, 403))
async def read_all_organizations(
    session: SessionDep, _superuser: SuperuserDep, skip: Skip = 0, limit: Limit = 100
) -> OrganizationsPublic:
    """Every organization, by name (superusers only, who may act in any)."""
    organizations, count = await crud.list_organizations(session=session, skip=skip, limit=limit)
    every = frozenset(Permission)
    return OrganizationsPublic(
        data=[
            public.organization_public(o, role=None, role_name=None, permissions=every)
            for o in organizations
        ],
        count=count,
    )


@management.get("/permissions", responses=errors(401))
async def read_permissions(_user: CurrentUser) -> PermissionsPublic:
    """Every permission a role can hold, with what it allows."""
    return PermissionsPublic(
        data=[
            PermissionPublic(id=p, description=DESCRIPTIONS[p], grantable=p in GRANTABLE)
            for p in Permission
        ]
    )


@management.get("/{org_id}", responses=errors(401, 403, 404))
async def read_organization(
    access: Annotated[Access, require_permission("organization:read")],
) -> OrganizationPublic:
    """An organization, with one's role and permissions in it."""
    return public.organization_of(access)


@management.get("/{org_id}/summary", responses=errors(401, 403, 404))
async def read_organization_summary(
    session: SessionDep, access: Annotated[Access, require_permission("organization:read")]
) -> OrganizationSummary:
    """What the organization holds, counted: members, pending invitations, resources."""
    return await crud.summarize_organization(
        session=session, organization_id=access.organization_id
    )


ACTIVITY_DAYS = 30


@management.get("/{org_id}/activity", responses=errors(401, 403, 404))
async def read_organization_activity(
    session: SessionDep, access: Annotated[Access, require_permission("audit:read")]
) -> OrganizationActivity:
    """How many audit log entries the organization had on each of the last
    30 days (UTC), for the dashboard's chart; readable by whoever reads the log."""
    days = await crud.count_activity_by_day(
        session=session, organization_id=access.organization_id, days=ACTIVITY_DAYS
    )
    return OrganizationActivity(data=days)


@management.patch("/{org_id}", responses=errors(400, 401, 403, 404, 409))
async def update_organization(
    session: SessionDep,
    client: ClientDep,
    access: Annotated[Access, require_permission("organization:write")],
    body: OrganizationUpdate,
) -> OrganizationPublic:
    """Rename an organization or change its slug."""
    await flows.update_organization(
        session=session, access=access, name=body.name, slug=body.slug, ip=client.ip
    )
    return public.organization_of(access)


@management.delete("/{org_id}", responses=errors(400, 401, 403, 404, 409))
async def delete_organization(
    session: SessionDep,
    client: ClientDep,
    access: Annotated[Access, require_permission("organization:delete")],
    body: OrganizationDelete,
) -> Message:
    """Delete an organization and everything in it; `confirmation` is its slug typed
    out. A personal organization goes only with its account."""
    await flows.delete_organization(
        session=session, access=access, confirmation=body.confirmation, ip=client.ip
    )
    return Message(message="Organization deleted")


@management.post("/{org_id}/transfer-ownership", responses=errors(400, 401, 403, 404, 409))
async def transfer_ownership(
    session: SessionDep,
    client: ClientDep,
    access: Annotated[Access, require_permission("organization:admin")],
    body: OwnershipTransfer,
) -> Message:
    """Make an Admin the Owner; the Owner handing over becomes an Admin."""
    await flows.transfer_ownership(
        session=session, access=access, user_id=body.user_id, ip=client.ip
    )
    return Message(message="Ownership transferred")


@management.get("/{org_id}/audit-log", responses=errors(401, 403, 404))
async def read_organization_audit_log(
    session: SessionDep,
    access: Annotated[Access, require_permission("audit:read")],
    filters: Annotated[AuditLogFilter, Query()],
    skip: Skip = 0,
    limit: Limit = 100,
) -> AuditLogsPublic:
    """What happened in the organization, newest first."""
    rows, count = await app_crud.list_audit_log(
        session=session,
        filters=filters,
        skip=skip,
        limit=limit,
        organization_id=access.organization_id,
    )
    return AuditLogsPublic.model_validate({"data": rows, "count": count})


@management.get("/{org_id}/audit-log/emails", responses=errors(401, 403, 404))
async def read_organization_audit_log_emails(
    session: SessionDep, access: Annotated[Access, require_permission("audit:read")]
) -> AuditEmailsPublic:
    """Every address the organization's entries name: what its log can be
    filtered by."""
    emails = await app_crud.list_audit_emails(
        session=session, organization_id=access.organization_id
    )
    return AuditEmailsPublic(data=emails)
