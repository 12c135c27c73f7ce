"""An organization's members: who they are, their roles, removing them,
and leaving."""

import uuid
from typing import Annotated

from fastapi import APIRouter

from app.api.deps import ClientDep, SessionDep
from app.api.pagination import Limit, Skip
from app.api.responses import errors
from app.models import Message
from app.organizations import crud, flows, public
from app.organizations.access import Access, require_permission
from app.organizations.models import MemberPublic, MembersPublic, MemberUpdate

router = APIRouter(prefix="/orgs/{org_id}/members", tags=["members"])


@router.get("/", responses=errors(401, 403, 404))
async def read_members(
    session: SessionDep,
    access: Annotated[Access, require_permission("members:read")],
    skip: Skip = 0,
    limit: Limit = 100,
) -> MembersPublic:
    """The organization's members, longest-standing first, with their roles."""
    rows, count = await crud.list_members(
        session=session, organization_id=access.organization_id, skip=skip, limit=limit
    )
    return MembersPublic(data=[public.member_public(*row) for row in rows], count=count)


@router.delete("/me", responses=errors(401, 403, 404, 409))
async def leave_organization(
    session: SessionDep,
    client: ClientDep,
    access: Annotated[Access, require_permission("organization:read")],
) -> Message:
    """Leave the organization. Its last Owner cannot, nor can anyone leave
    their personal organization."""
    await flows.remove_member(session=session, access=access, user_id=access.user.id, ip=client.ip)
    return Message(message="You left the organization")


@router.patch("/{user_id}", responses=errors(400, 401, 403, 404, 409))
async def update_member(
    session: SessionDep,
    client: ClientDep,
    access: Annotated[Access, require_permission("members:write")],
    user_id: uuid.UUID,
    body: MemberUpdate,
) -> MemberPublic:
    """Give a member another role. Only an Owner makes or unmakes Owners,
    and the last Owner keeps the role."""
    row = await flows.change_member_role(
        session=session, access=access, user_id=user_id, role_ref=body.role, ip=client.ip
    )
    return public.member_public(*row)


@router.delete("/{user_id}", responses=errors(401, 403, 404, 409))
async def remove_member(
    session: SessionDep,
    client: ClientDep,
    access: Annotated[Access, require_permission("members:write")],
    user_id: uuid.UUID,
) -> Message:
    """Remove a member: they lose access to the organization at once; what
    they created stays."""
    await flows.remove_member(session=session, access=access, user_id=user_id, ip=client.ip)
    return Message(message="Member removed")
