"""Invitations to join an organization: sent, listed, resent and revoked by
its admins; looked at and accepted by whoever holds the emailed link."""

import uuid
from typing import Annotated

from fastapi import APIRouter

from app.api.deps import ClientDep, CurrentUser, RateLimiterDep, SessionDep
from app.api.mailer import MailerDep
from app.api.pagination import Limit, Skip
from app.api.responses import errors
from app.models import Message
from app.organizations import crud, flows, public
from app.organizations.access import Access, get_access, require_permission
from app.organizations.models import (
    InvitationCreate,
    InvitationPreview,
    InvitationPublic,
    InvitationsPublic,
    InvitationToken,
    OrganizationPublic,
)

router = APIRouter(prefix="/orgs/{org_id}/invitations", tags=["invitations"])
# Outside the organization's prefix: whoever accepts is not a member yet.
accepting = APIRouter(prefix="/invitations", tags=["invitations"])


@router.get("/", responses=errors(401, 403, 404))
async def read_invitations(
    session: SessionDep,
    access: Annotated[Access, require_permission("invitations:read")],
    skip: Skip = 0,
    limit: Limit = 100,
) -> InvitationsPublic:
    """Invitations neither accepted, revoked nor expired, newest first."""
    rows, count = await crud.list_pending_invitations(
        session=session, organization_id=access.organization_id, skip=skip, limit=limit
    )
    return InvitationsPublic(data=[public.invitation_public(*row) for row in rows], count=count)


@router.post("/", responses=errors(400, 401, 403, 404, 409, 429))
async def create_invitation(
    session: SessionDep,
    limiter: RateLimiterDep,
    mailer: MailerDep,
    client: ClientDep,
    access: Annotated[Access, require_permission("invitations:write")],
    body: InvitationCreate,
) -> InvitationPublic:
    """Invite an address with a role; the link is emailed and works once."""
    invitation, custom_name = await flows.invite(
        session=session,
        limiter=limiter,
        mailer=mailer,
        access=access,
        email=body.email,
        role_ref=body.role,
        ip=client.ip,
    )
    return public.invitation_public(invitation, custom_name, access.user.email)


@router.post("/{invitation_id}/resend", responses=errors(401, 403, 404, 429))
async def resend_invitation(
    session: SessionDep,
    limiter: RateLimiterDep,
    mailer: MailerDep,
    client: ClientDep,
    access: Annotated[Access, require_permission("invitations:write")],
    invitation_id: uuid.UUID,
) -> InvitationPublic:
    """Email a pending invitation again with a new link; the old one stops working."""
    invitation, custom_name = await flows.resend_invitation(
        session=session,
        limiter=limiter,
        mailer=mailer,
        access=access,
        invitation_id=invitation_id,
        ip=client.ip,
    )
    return public.invitation_public(invitation, custom_name, access.user.email)


@router.delete("/{invitation_id}", responses=errors(401, 403, 404))
async def revoke_invitation(
    session: SessionDep,
    client: ClientDep,
    access: Annotated[Access, require_permission("invitations:write")],
    invitation_id: uuid.UUID,
) -> Message:
    """Revoke a pending invitation: its link stops working."""
    await flows.revoke_invitation(
        session=session, access=access, invitation_id=invitation_id, ip=client.ip
    )
    return Message(message="Invitation revoked")


@accepting.post("/preview", responses=errors(400))
async def preview_invitation(session: SessionDep, body: InvitationToken) -> InvitationPreview:
    """What a pending invitation's link offers, for the page that accepts it."""
    return await flows.preview_invitation(session=session, token=body.token)


@accepting.post("/accept", responses=errors(400, 401, 403, 409))
async def accept_invitation(
    session: SessionDep, client: ClientDep, user: CurrentUser, body: InvitationToken
) -> OrganizationPublic:
    """Join the organization: the signed-in account must have the invited,
    confirmed address."""
    organization = await flows.accept_invitation(
        session=session, user=user, token=body.token, ip=client.ip
    )
    access = await get_access(session=session, user=user, organization_id=organization.id)
    assert access is not None  # a member now
    return public.organization_of(access)
