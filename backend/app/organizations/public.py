"""The API's view of organizations, members, roles and invitations, built
from rows and the caller's access."""

from app.models import User
from app.organizations import crud
from app.organizations.access import Access
from app.organizations.models import (
    Invitation,
    InvitationPublic,
    MemberPublic,
    Membership,
    Organization,
    OrganizationPublic,
    OrganizationRole,
    RolePublic,
    role_key,
)
from app.organizations.permissions import (
    BUILT_IN_NAMES,
    BUILT_IN_PERMISSIONS,
    Permission,
    granted,
)


def organization_public(
    organization: Organization,
    *,
    role: str | None,
    role_name: str | None,
    permissions: frozenset[Permission],
) -> OrganizationPublic:
    return OrganizationPublic.model_validate(
        organization,
        update={
            "personal": organization.personal_for_id is not None,
            "role": role,
            "role_name": role_name,
            "permissions": sorted(permissions),
        },
    )


def organization_of(access: Access) -> OrganizationPublic:
    role = None if access.role is None else str(access.role)
    return organization_public(
        access.organization, role=role, role_name=access.role_name, permissions=access.permissions
    )


def mine(row: crud.MyOrganization) -> OrganizationPublic:
    organization, membership, custom = row
    return organization_public(
        organization,
        role=role_key(membership),
        role_name=crud.role_name(membership.role, custom.name if custom else None),
        permissions=crud.role_permissions(membership.role, custom.permissions if custom else None),
    )


def member_public(membership: Membership, user: User, custom_name: str | None) -> MemberPublic:
    return MemberPublic(
        user_id=user.id,
        email=user.email,
        full_name=user.full_name,
        # region capability: file_storage
        avatar_id=user.avatar_id,
        # endregion capability: file_storage
        role=role_key(membership),
        role_name=crud.role_name(membership.role, custom_name),
        created_at=membership.created_at,
    )


def invitation_public(
    invitation: Invitation, custom_name: str | None, inviter_email: str | None
) -> InvitationPublic:
    return InvitationPublic(
        id=invitation.id,
        email=invitation.email,
        role=role_key(invitation),
        role_name=crud.role_name(invitation.role, custom_name),
        inviter_email=inviter_email,
        created_at=invitation.created_at,
        expires_at=invitation.expires_at,
    )


def built_in_roles() -> list[RolePublic]:
    return [
        RolePublic(
            id=key.value,
            name=BUILT_IN_NAMES[key],
            built_in=True,
            permissions=sorted(BUILT_IN_PERMISSIONS[key]),
        )
        for key in BUILT_IN_NAMES
    ]


def custom_role_public(role: OrganizationRole) -> RolePublic:
    return RolePublic(
        id=str(role.id),
        name=role.name,
        built_in=False,
        permissions=sorted(granted(role.permissions)),
    )
