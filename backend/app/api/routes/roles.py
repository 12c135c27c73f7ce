"""An organization's roles: the built-in ones, read-only, and its custom
roles made from the permission list."""

import uuid
from typing import Annotated

from fastapi import APIRouter

from app.api.deps import ClientDep, SessionDep
from app.api.responses import errors
from app.models import Message
from app.organizations import crud, flows, public
from app.organizations.access import Access, require_permission
from app.organizations.models import RoleCreate, RolePublic, RolesPublic, RoleUpdate

router = APIRouter(prefix="/orgs/{org_id}/roles", tags=["roles"])


@router.get("/", responses=errors(401, 403, 404))
async def read_roles(
    session: SessionDep, access: Annotated[Access, require_permission("roles:read")]
) -> RolesPublic:
    """The built-in roles, then the organization's custom roles by name."""
    custom = await crud.list_custom_roles(session=session, organization_id=access.organization_id)
    roles = public.built_in_roles() + [public.custom_role_public(role) for role in custom]
    return RolesPublic(data=roles, count=len(roles))


@router.post("/", responses=errors(400, 401, 403, 404, 409))
async def create_role(
    session: SessionDep,
    client: ClientDep,
    access: Annotated[Access, require_permission("roles:write")],
    body: RoleCreate,
) -> RolePublic:
    """Create a custom role. It holds no more than its maker's own role."""
    role = await flows.create_role(
        session=session, access=access, name=body.name, permissions=body.permissions, ip=client.ip
    )
    return public.custom_role_public(role)


@router.patch("/{role_id}", responses=errors(400, 401, 403, 404, 409))
async def update_role(
    session: SessionDep,
    client: ClientDep,
    access: Annotated[Access, require_permission("roles:write")],
    role_id: uuid.UUID,
    body: RoleUpdate,
) -> RolePublic:
    """Rename a custom role or change its permissions; its members have the
    new permissions from their next request."""
    role = await flows.found_role(session, access, role_id)
    await flows.update_role(
        session=session,
        access=access,
        role=role,
        name=body.name,
        permissions=body.permissions,
        ip=client.ip,
    )
    return public.custom_role_public(role)


@router.delete("/{role_id}", responses=errors(401, 403, 404, 409))
async def delete_role(
    session: SessionDep,
    client: ClientDep,
    access: Annotated[Access, require_permission("roles:write")],
    role_id: uuid.UUID,
) -> Message:
    """Delete a custom role that nobody has and no pending invitation offers."""
    role = await flows.found_role(session, access, role_id)
    await flows.delete_role(session=session, access=access, role=role, ip=client.ip)
    return Message(message="Role deleted")
