"""Who may do what inside an organization: `require_permission` on routes,
`has_permission` below them.

The check costs no query of its own: it is joined onto the token check's
query (the caller's live session and active user), which then also reads the
organization, the caller's membership and a custom role, each by its key. It
reads the database on every request: no process keeps a copy, so a removed
member or a changed role takes effect on the next request, on every process.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from fastapi import Depends
from sqlalchemy import and_, bindparam
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import Select

from app import crud
from app.api.deps import SessionDep, TokenDep, authenticated_by, verified_claims
from app.core.errors import NotAuthenticated, NotFound, NotPermitted
from app.models import User, utcnow
from app.organizations.models import Membership, Organization, OrganizationRole
from app.organizations.permissions import (
    BUILT_IN_NAMES,
    BUILT_IN_PERMISSIONS,
    BuiltInRole,
    Permission,
    granted,
)

ORGANIZATION_NOT_FOUND = "Organization not found"


@dataclass(frozen=True, slots=True)
class Access:
    """The caller inside one organization: their role (None for a superuser
    who is not a member) and what it allows."""

    organization: Organization
    user: User
    role: BuiltInRole | uuid.UUID | None
    role_name: str | None
    permissions: frozenset[Permission]

    @property
    def organization_id(self) -> uuid.UUID:
        return self.organization.id

    @property
    def is_owner(self) -> bool:
        return self.role == BuiltInRole.OWNER


# Built once, like the token check's query: every request inside an
# organization runs one of them.
ACCESS = (
    select(Organization, Membership, OrganizationRole)
    .outerjoin(
        Membership,
        and_(
            col(Membership.organization_id) == col(Organization.id),
            col(Membership.user_id) == bindparam("user_id"),
        ),
    )
    .outerjoin(OrganizationRole, col(OrganizationRole.id) == col(Membership.role_id))
    .where(col(Organization.id) == bindparam("organization_id"))
)
# The token check's row with the same three joined on: the organization is
# NULL when it doesn't exist, the membership when the caller has none.
# (`add_columns` is typed as returning SQLAlchemy's Select; what it returns is
# a copy of SQLModel's, which the cast names with its columns.)
AccessRow = Select[
    User, datetime, datetime, Organization | None, Membership | None, OrganizationRole | None
]
AUTHENTICATED_ACCESS = cast(
    AccessRow,
    crud.AUTHENTICATED_USER.add_columns(Organization, Membership, OrganizationRole)
    .outerjoin(Organization, col(Organization.id) == bindparam("organization_id"))
    .outerjoin(
        Membership,
        and_(
            col(Membership.organization_id) == col(Organization.id),
            col(Membership.user_id) == col(User.id),
        ),
    )
    .outerjoin(OrganizationRole, col(OrganizationRole.id) == col(Membership.role_id)),
)


def access_from(
    user: User,
    organization: Organization | None,
    membership: Membership | None,
    custom: OrganizationRole | None,
) -> Access | None:
    """What the caller's membership (or superuser flag) allows, or None when
    they may not know the organization exists."""
    if organization is None:
        return None
    if membership is not None and membership.role is not None:
        built_in = BuiltInRole(membership.role)
        name = BUILT_IN_NAMES[built_in]
        return Access(organization, user, built_in, name, BUILT_IN_PERMISSIONS[built_in])
    if membership is not None and custom is not None:
        # Every member sees the organization they belong to, whatever their role.
        permissions = granted(custom.permissions) | {Permission.ORGANIZATION_READ}
        return Access(organization, user, custom.id, custom.name, permissions)
    if user.is_superuser:
        return Access(organization, user, None, None, frozenset(Permission))
    return None


async def get_access(
    *, session: AsyncSession, user: User, organization_id: uuid.UUID
) -> Access | None:
    """The caller's access to the organization, or None when they may not
    know it exists (it doesn't, or they are neither member nor superuser)."""
    result = await session.exec(
        ACCESS, params={"user_id": user.id, "organization_id": organization_id}
    )
    row = result.first()
    return None if row is None else access_from(user, *row)


def has_permission(access: Access, permission: Permission | str) -> bool:
    """Whether the caller may; superusers always may."""
    return access.user.is_superuser or Permission(permission) in access.permissions


def check_permission(access: Access, permission: Permission | str) -> None:
    if not has_permission(access, permission):
        raise NotPermitted(f"Your role in this organization does not allow this ({permission})")


def check_own_or_permitted(
    access: Access, owner_id: uuid.UUID | None, permission: Permission | str
) -> None:
    """A row the caller created, or anybody's when they hold `permission`
    (a resource's `:admin`): how members change their own rows only. A row
    whose creator's account is gone (`None`) needs the permission."""
    if owner_id != access.user.id:
        check_permission(access, permission)


def require_permission(permission: Permission | str) -> Any:
    """The dependency of a route under `/orgs/{org_id}/`: the caller's access
    when they hold `permission`; 404 for non-members, 403 for members
    without it. `access: Annotated[Access, require_permission("members:read")]`."""
    needed = Permission(permission)

    async def access_with_permission(
        org_id: uuid.UUID, session: SessionDep, token: TokenDep
    ) -> Access:
        claims = verified_claims(token)
        result = await session.exec(
            AUTHENTICATED_ACCESS,
            params={
                "session_id": claims.session_id,
                "user_id": claims.user_id,
                "now": utcnow(),
                "organization_id": org_id,
            },
        )
        row = result.first()
        if row is None:
            raise NotAuthenticated()
        user, last_used_at, proven_at, organization, membership, custom = row
        await authenticated_by(session, claims, (user, last_used_at, proven_at))
        access = access_from(user, organization, membership, custom)
        if access is None:
            raise NotFound(ORGANIZATION_NOT_FOUND)
        check_permission(access, needed)
        return access

    return Depends(access_with_permission)
