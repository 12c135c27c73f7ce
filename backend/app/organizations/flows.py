"""What changes an organization, its members, roles and invitations: each
flow checks its rules, makes the change and records it in the audit log.
Permissions to call them are checked by the routes (require_permission);
the rules here are those no permission expresses (the last Owner, who may
grant what)."""

import uuid
from datetime import timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from app import crud as app_crud
from app import notifications
from app.api.mailer import Mailer
from app.core.config import settings
from app.core.errors import BadRequest, Conflict, NotFound, NotPermitted
from app.core.ratelimit import Limit, RateLimiter
from app.models import AuditAction, AuditChange, User, utcnow
from app.organizations import crud
from app.organizations.access import Access, has_permission
from app.organizations.models import (
    Invitation,
    InvitationPreview,
    Organization,
    OrganizationRole,
    role_key,
)
from app.organizations.permissions import (
    BUILT_IN_NAMES,
    BUILT_IN_PERMISSIONS,
    GRANTABLE,
    BuiltInRole,
    Permission,
    granted,
)
from app.utils import EmailData

LAST_OWNER = (
    "This is the organization's last Owner: hand over ownership to an Admin first, "
    "so that someone can still manage it"
)
PERSONAL = "A personal organization goes with its account: it cannot be deleted or left"
MEMBER_NOT_FOUND = "This person is not a member of the organization"
INVITATION_NOT_FOUND = "Invitation not found"
INVITATION_INVALID = (
    "This invitation is not valid any more: it was used, revoked, replaced by a newer "
    "email, or it expired. Ask for a new one"
)
INVITATION_FOR_SOMEONE_ELSE = (
    "This invitation was sent to another email address: sign in with that address to accept it"
)
INVITATION_NEEDS_VERIFIED_EMAIL = "Confirm your email address first, then accept the invitation"
ALREADY_INVITED = "This address has a pending invitation already: resend it instead"
ROLE_IN_USE = "Members or pending invitations have this role: give them another role first"
TRANSFER_TO_ADMIN = "Ownership can only go to an Admin of the organization"
INVITATIONS_PER_ORGANIZATION = Limit(
    "invitations-organization",
    settings.INVITATIONS_PER_ORGANIZATION,
    settings.INVITATION_WINDOW_SECONDS,
)


async def audit(
    session: AsyncSession,
    access: Access,
    action: AuditAction,
    *,
    ip: str | None,
    target_user_id: uuid.UUID | None = None,
    detail: str | None = None,
    changes: list[AuditChange] | None = None,
) -> None:
    await app_crud.record_audit(
        session=session,
        action=action,
        actor=access.user,
        target_user_id=target_user_id,
        ip_address=ip,
        detail=detail[:255] if detail else None,
        changes=changes or (),
        organization_id=access.organization_id,
    )


# ---------------------------------------------------------------- organizations
async def create_organization(
    *, session: AsyncSession, user: User, name: str, slug: str | None, ip: str | None
) -> Organization:
    organization = await crud.create_organization(session=session, owner=user, name=name, slug=slug)
    await app_crud.record_audit(
        session=session,
        action="organization_created",
        actor=user,
        ip_address=ip,
        detail=organization.name,
        organization_id=organization.id,
    )
    return organization


async def update_organization(
    *, session: AsyncSession, access: Access, name: str | None, slug: str | None, ip: str | None
) -> Organization:
    organization = access.organization
    changes = [
        AuditChange(field=field, old=getattr(organization, field), new=value)
        for field, value in (("name", name), ("slug", slug))
        if value is not None and getattr(organization, field) != value
    ]
    await crud.update_organization(session=session, organization=organization, name=name, slug=slug)
    if changes:
        await audit(session, access, "organization_updated", ip=ip, changes=changes)
    return organization


async def delete_organization(
    *, session: AsyncSession, access: Access, confirmation: str, ip: str | None
) -> None:
    organization = access.organization
    if organization.personal_for_id is not None:
        raise Conflict(PERSONAL)
    if confirmation.strip() != organization.slug:
        raise BadRequest("Type the organization's address (its slug) exactly as shown to confirm")
    await audit(session, access, "organization_deleted", ip=ip, detail=organization.name)
    await crud.delete_organization(session=session, organization=organization)


# ---------------------------------------------------------------- roles
def check_grantable(access: Access, permissions: list[Permission]) -> list[str]:
    """A custom role holds no Owner-only permission, and nothing its maker
    does not hold: an Admin cannot make a role stronger than theirs."""
    wanted = set(permissions)
    if wanted - GRANTABLE:
        reserved = ", ".join(sorted(wanted - GRANTABLE))
        raise BadRequest(f"Only Owners hold these permissions: {reserved}")
    if not access.user.is_superuser and wanted - access.permissions:
        missing = ", ".join(sorted(wanted - access.permissions))
        raise NotPermitted(f"A role cannot grant what your own role does not: {missing}")
    return sorted(wanted)


async def create_role(
    *,
    session: AsyncSession,
    access: Access,
    name: str,
    permissions: list[Permission],
    ip: str | None,
) -> OrganizationRole:
    if name.lower() in {n.lower() for n in BUILT_IN_NAMES.values()}:
        raise Conflict(crud.ROLE_NAME_TAKEN)
    role = await crud.create_role(
        session=session,
        organization_id=access.organization_id,
        name=name,
        permissions=check_grantable(access, permissions),
    )
    await audit(session, access, "role_created", ip=ip, detail=name)
    return role


async def found_role(session: AsyncSession, access: Access, role_id: uuid.UUID) -> OrganizationRole:
    role = await crud.get_custom_role(
        session=session, organization_id=access.organization_id, role_id=role_id
    )
    if role is None:
        raise NotFound("Role not found")
    return role


async def update_role(
    *,
    session: AsyncSession,
    access: Access,
    role: OrganizationRole,
    name: str | None,
    permissions: list[Permission] | None,
    ip: str | None,
) -> OrganizationRole:
    if name is not None and name.lower() in {n.lower() for n in BUILT_IN_NAMES.values()}:
        raise Conflict(crud.ROLE_NAME_TAKEN)
    granted = check_grantable(access, permissions) if permissions is not None else None
    changes = []
    if name is not None and name != role.name:
        changes.append(AuditChange(field="name", old=role.name, new=name))
    if granted is not None and granted != sorted(role.permissions):
        old = ", ".join(sorted(role.permissions))
        changes.append(AuditChange(field="permissions", old=old, new=", ".join(granted)))
    await crud.update_role(session=session, role=role, name=name, permissions=granted)
    if changes:
        await audit(session, access, "role_updated", ip=ip, detail=role.name, changes=changes)
    return role


async def delete_role(
    *, session: AsyncSession, access: Access, role: OrganizationRole, ip: str | None
) -> None:
    if await crud.role_in_use(session=session, role_id=role.id):
        raise Conflict(ROLE_IN_USE)
    await audit(session, access, "role_deleted", ip=ip, detail=role.name)
    await crud.delete_role(session=session, role=role)


# ---------------------------------------------------------------- members
async def found_member(session: AsyncSession, access: Access, user_id: uuid.UUID) -> crud.MemberRow:
    found = await crud.get_member(
        session=session, organization_id=access.organization_id, user_id=user_id
    )
    if found is None:
        raise NotFound(MEMBER_NOT_FOUND)
    return found


async def keep_an_owner(
    session: AsyncSession, organization_id: uuid.UUID, losing: uuid.UUID
) -> None:
    owners = await crud.lock_owners(session=session, organization_id=organization_id)
    if set(owners) == {losing}:
        raise Conflict(LAST_OWNER)


def check_may_grant(
    access: Access, role: BuiltInRole | None, custom: OrganizationRole | None
) -> None:
    """Making someone an Owner, or giving a role stronger than one's own,
    needs more than members:write."""
    granted = BUILT_IN_PERMISSIONS[role] if role is not None else granted_by(custom)
    stronger = role == BuiltInRole.OWNER or not granted <= access.permissions
    if stronger and not has_permission(access, Permission.ORGANIZATION_ADMIN):
        raise NotPermitted("Only an Owner can give a role stronger than their own")


def granted_by(custom: OrganizationRole | None) -> frozenset[Permission]:
    return granted(custom.permissions if custom else None)


async def change_member_role(
    *,
    session: AsyncSession,
    access: Access,
    user_id: uuid.UUID,
    role_ref: str,
    ip: str | None,
) -> crud.MemberRow:
    membership, member, old_custom_name = await found_member(session, access, user_id)
    role, custom = await crud.resolve_role(
        session=session, organization_id=access.organization_id, ref=role_ref
    )
    check_may_grant(access, role, custom)
    if membership.role == BuiltInRole.OWNER and not has_permission(
        access, Permission.ORGANIZATION_ADMIN
    ):
        raise NotPermitted("Only an Owner can change an Owner's role")
    if membership.role == BuiltInRole.OWNER and role != BuiltInRole.OWNER:
        await keep_an_owner(session, access.organization_id, membership.user_id)
    old_key, old = role_key(membership), crud.role_name(membership.role, old_custom_name)
    await crud.set_member_role(session=session, membership=membership, role=role, custom=custom)
    new = crud.role_name(membership.role, custom.name if custom else None)
    if role_key(membership) != old_key:
        await audit(
            session,
            access,
            "member_role_changed",
            ip=ip,
            target_user_id=member.id,
            changes=[AuditChange(field="role", old=old, new=new)],
        )
    return membership, member, custom.name if custom else None


async def remove_member(
    *, session: AsyncSession, access: Access, user_id: uuid.UUID, ip: str | None
) -> None:
    """Take away one member's access to this organization, and nothing else:
    what they created stays, with them as creator."""
    membership, member, _ = await found_member(session, access, user_id)
    if access.organization.personal_for_id == user_id:
        raise Conflict(PERSONAL)
    if membership.role == BuiltInRole.OWNER:
        if not has_permission(access, Permission.ORGANIZATION_ADMIN):
            raise NotPermitted("Only an Owner can remove an Owner")
        await keep_an_owner(session, access.organization_id, user_id)
    action: AuditAction = "member_left" if user_id == access.user.id else "member_removed"
    await audit(session, access, action, ip=ip, target_user_id=member.id)
    await crud.remove_member(session=session, membership=membership)


async def transfer_ownership(
    *, session: AsyncSession, access: Access, user_id: uuid.UUID, ip: str | None
) -> None:
    """The recipient, an Admin, becomes an Owner; the caller (if a member)
    becomes an Admin."""
    membership, member, _ = await found_member(session, access, user_id)
    if membership.role != BuiltInRole.ADMIN:
        raise Conflict(TRANSFER_TO_ADMIN)
    await crud.set_member_role(
        session=session, membership=membership, role=BuiltInRole.OWNER, custom=None
    )
    mine = await crud.get_member(
        session=session, organization_id=access.organization_id, user_id=access.user.id
    )
    if mine is not None and mine[0].role == BuiltInRole.OWNER:
        await crud.set_member_role(
            session=session, membership=mine[0], role=BuiltInRole.ADMIN, custom=None
        )
    await audit(session, access, "ownership_transferred", ip=ip, target_user_id=member.id)


# ---------------------------------------------------------------- invitations
def invitation_email(
    *, organization: Organization, inviter: User, invitation: Invitation, role_name: str, token: str
) -> EmailData:
    return notifications.invitation(
        settings,
        email=invitation.email,
        inviter=inviter.full_name or inviter.email,
        organization_name=organization.name,
        role_name=role_name,
        token=token,
    )


async def invite(
    *,
    session: AsyncSession,
    limiter: RateLimiter,
    mailer: Mailer,
    access: Access,
    email: str,
    role_ref: str,
    ip: str | None,
) -> tuple[Invitation, str | None]:
    """Invite an address; the mail goes through the queue. Returns the
    invitation and its custom role's name."""
    role, custom = await crud.resolve_role(
        session=session, organization_id=access.organization_id, ref=role_ref
    )
    check_may_grant(access, role, custom)
    existing = await app_crud.get_user_by_email(session=session, email=email)
    if existing is not None and await crud.get_member(
        session=session, organization_id=access.organization_id, user_id=existing.id
    ):
        raise Conflict(crud.ALREADY_A_MEMBER)
    if await crud.find_pending_invitation(
        session=session, organization_id=access.organization_id, email=email
    ):
        raise Conflict(ALREADY_INVITED)
    await limiter.check(session, INVITATIONS_PER_ORGANIZATION, str(access.organization_id))
    await limiter.hit(session, INVITATIONS_PER_ORGANIZATION, str(access.organization_id))
    invitation, token = await crud.create_invitation(
        session=session,
        organization_id=access.organization_id,
        email=email,
        role=role,
        custom=custom,
        inviter=access.user,
        lifetime=timedelta(days=settings.INVITATION_EXPIRE_DAYS),
    )
    name = crud.role_name(invitation.role, custom.name if custom else None)
    mailer.send(
        invitation_email(
            organization=access.organization,
            inviter=access.user,
            invitation=invitation,
            role_name=name,
            token=token,
        )
    )
    await audit(session, access, "invitation_created", ip=ip, detail=f"{email} as {name}")
    return invitation, custom.name if custom else None


async def found_pending_invitation(
    session: AsyncSession, access: Access, invitation_id: uuid.UUID
) -> Invitation:
    invitation = await crud.get_invitation(
        session=session, organization_id=access.organization_id, invitation_id=invitation_id
    )
    if invitation is None or not crud.is_pending(invitation, utcnow()):
        raise NotFound(INVITATION_NOT_FOUND)
    return invitation


async def custom_role_name(session: AsyncSession, invitation: Invitation) -> str | None:
    if invitation.role_id is None:
        return None
    role = await session.get(OrganizationRole, invitation.role_id)
    return role.name if role else None


async def resend_invitation(
    *,
    session: AsyncSession,
    limiter: RateLimiter,
    mailer: Mailer,
    access: Access,
    invitation_id: uuid.UUID,
    ip: str | None,
) -> tuple[Invitation, str | None]:
    """A new link, valid for the full time again; the earlier one stops working."""
    invitation = await found_pending_invitation(session, access, invitation_id)
    await limiter.check(session, INVITATIONS_PER_ORGANIZATION, str(access.organization_id))
    await limiter.hit(session, INVITATIONS_PER_ORGANIZATION, str(access.organization_id))
    token = await crud.renew_invitation(
        session=session,
        invitation=invitation,
        lifetime=timedelta(days=settings.INVITATION_EXPIRE_DAYS),
    )
    custom = await custom_role_name(session, invitation)
    name = crud.role_name(invitation.role, custom)
    mailer.send(
        invitation_email(
            organization=access.organization,
            inviter=access.user,
            invitation=invitation,
            role_name=name,
            token=token,
        )
    )
    await audit(session, access, "invitation_resent", ip=ip, detail=invitation.email)
    return invitation, custom


async def revoke_invitation(
    *, session: AsyncSession, access: Access, invitation_id: uuid.UUID, ip: str | None
) -> None:
    invitation = await found_pending_invitation(session, access, invitation_id)
    await crud.revoke_invitation(session=session, invitation=invitation)
    await audit(session, access, "invitation_revoked", ip=ip, detail=invitation.email)


async def pending_by_token(session: AsyncSession, token: str) -> Invitation:
    invitation = await crud.find_invitation_by_token(session=session, token=token)
    if invitation is None or not crud.is_pending(invitation, utcnow()):
        raise BadRequest(INVITATION_INVALID)
    return invitation


async def preview_invitation(*, session: AsyncSession, token: str) -> InvitationPreview:
    invitation = await pending_by_token(session, token)
    organization = await session.get(Organization, invitation.organization_id)
    inviter = await session.get(User, invitation.inviter_id) if invitation.inviter_id else None
    assert organization is not None  # the invitation's reference is enforced
    return InvitationPreview(
        organization_name=organization.name,
        email=invitation.email,
        role_name=crud.role_name(invitation.role, await custom_role_name(session, invitation)),
        inviter_email=inviter.email if inviter else None,
        expires_at=invitation.expires_at,
    )


async def accept_invitation(
    *, session: AsyncSession, user: User, token: str, ip: str | None
) -> Organization:
    """Join the organization with the invited role: the signed-in account
    must have the invited address, confirmed."""
    invitation = await pending_by_token(session, token)
    if invitation.email != user.email:
        raise NotPermitted(INVITATION_FOR_SOMEONE_ELSE)
    if not user.is_verified:
        raise NotPermitted(INVITATION_NEEDS_VERIFIED_EMAIL)
    if await crud.get_member(
        session=session, organization_id=invitation.organization_id, user_id=user.id
    ):
        raise Conflict(crud.ALREADY_A_MEMBER)
    if await crud.consume_invitation(session=session, token=token) is None:
        raise BadRequest(INVITATION_INVALID)
    await crud.add_member(
        session=session,
        organization_id=invitation.organization_id,
        user_id=user.id,
        role=invitation.role,
        role_id=invitation.role_id,
    )
    organization = await session.get(Organization, invitation.organization_id)
    assert organization is not None  # the invitation's reference is enforced
    custom = await custom_role_name(session, invitation)
    await app_crud.record_audit(
        session=session,
        action="member_joined",
        actor=user,
        target_user_id=user.id,
        ip_address=ip,
        detail=f"as {crud.role_name(invitation.role, custom)}",
        organization_id=organization.id,
    )
    return organization
