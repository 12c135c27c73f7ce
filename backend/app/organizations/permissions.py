"""Every permission, and the built-in roles made of them: the one place that
says who may do what inside an organization.

A permission is `feature:action` (`members:write`). Adding a permission
means adding it here and giving it to the built-in roles that should hold it;
custom roles pick from this list.
"""

from enum import StrEnum


class Permission(StrEnum):
    ORGANIZATION_READ = "organization:read"
    ORGANIZATION_WRITE = "organization:write"
    ORGANIZATION_DELETE = "organization:delete"
    ORGANIZATION_ADMIN = "organization:admin"  # hand over ownership, grant or take Owner
    # region capability: items
    # Items use four actions: `read`, `write` (create, and change one's own),
    # `delete` (one's own) and `admin` (change and delete anybody's).
    ITEMS_READ = "items:read"
    ITEMS_WRITE = "items:write"
    ITEMS_DELETE = "items:delete"
    ITEMS_ADMIN = "items:admin"
    # endregion capability: items
    MEMBERS_READ = "members:read"
    MEMBERS_WRITE = "members:write"
    INVITATIONS_READ = "invitations:read"
    INVITATIONS_WRITE = "invitations:write"
    ROLES_READ = "roles:read"
    ROLES_WRITE = "roles:write"
    AUDIT_READ = "audit:read"


class BuiltInRole(StrEnum):
    OWNER = "owner"
    ADMIN = "admin"
    MEMBER = "member"
    VIEWER = "viewer"


P = Permission
EVERYONE = frozenset(
    [
        P.ORGANIZATION_READ,
        P.MEMBERS_READ,
        P.ROLES_READ,
        # region capability: items
        P.ITEMS_READ,
        # endregion capability: items
    ]
)
# What a Member may do: what everyone may, and add, change and delete their own.
MEMBER = EVERYONE | frozenset(
    [
        # region capability: items
        P.ITEMS_WRITE,
        P.ITEMS_DELETE,
        # endregion capability: items
    ]
)
ADMIN = MEMBER | {
    # region capability: items
    P.ITEMS_ADMIN,
    # endregion capability: items
    P.MEMBERS_WRITE,
    P.INVITATIONS_READ,
    P.INVITATIONS_WRITE,
    P.ROLES_WRITE,
    P.AUDIT_READ,
}

BUILT_IN_PERMISSIONS: dict[BuiltInRole, frozenset[Permission]] = {
    BuiltInRole.OWNER: frozenset(Permission),
    BuiltInRole.ADMIN: ADMIN,
    BuiltInRole.MEMBER: MEMBER,
    BuiltInRole.VIEWER: EVERYONE,
}

BUILT_IN_NAMES: dict[BuiltInRole, str] = {
    BuiltInRole.OWNER: "Owner",
    BuiltInRole.ADMIN: "Admin",
    BuiltInRole.MEMBER: "Member",
    BuiltInRole.VIEWER: "Viewer",
}

# Only an Owner holds these, so a custom role cannot: otherwise an Admin could
# make themselves the organization's owner in all but name.
OWNER_ONLY = frozenset({P.ORGANIZATION_DELETE, P.ORGANIZATION_ADMIN})
GRANTABLE = frozenset(Permission) - OWNER_ONLY

DESCRIPTIONS: dict[Permission, str] = {
    P.ORGANIZATION_READ: "See the organization",
    P.ORGANIZATION_WRITE: "Rename the organization and change its address",
    P.ORGANIZATION_DELETE: "Delete the organization",
    P.ORGANIZATION_ADMIN: "Hand over ownership; make members owners",
    # region capability: items
    P.ITEMS_READ: "See every item",
    P.ITEMS_WRITE: "Add items and change one's own",
    P.ITEMS_DELETE: "Delete one's own items",
    P.ITEMS_ADMIN: "Change and delete anybody's items",
    # endregion capability: items
    P.MEMBERS_READ: "See the members",
    P.MEMBERS_WRITE: "Change members' roles and remove members",
    P.INVITATIONS_READ: "See pending invitations",
    P.INVITATIONS_WRITE: "Invite people, resend and revoke invitations",
    P.ROLES_READ: "See the roles",
    P.ROLES_WRITE: "Create, change and delete custom roles",
    P.AUDIT_READ: "Read the organization's audit log",
}


def granted(stored: list[str] | None) -> frozenset[Permission]:
    """A custom role's stored permissions, leaving out any this code no
    longer defines."""
    known = {p.value for p in Permission}
    return frozenset(Permission(p) for p in stored or () if p in known)
