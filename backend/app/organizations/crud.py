"""Every query and write of organizations, memberships, roles and
invitations. Functions flush, never commit."""

import re
import secrets
import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, case, func, update
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import Select, SelectOfScalar

from app import crud as app_crud
from app.core.errors import BadRequest
from app.core.security import hash_opaque_token, new_opaque_token

# region capability: file_storage
from app.files import jobs as files

# endregion capability: file_storage
from app.models import (
    AuditLog,
    # region capability: items
    Item,
    # endregion capability: items
    User,
    utcnow,
)
from app.organizations.models import (
    ActivityDay,
    Invitation,
    Membership,
    Organization,
    OrganizationRole,
    OrganizationSummary,
)
from app.organizations.permissions import (
    BUILT_IN_NAMES,
    BUILT_IN_PERMISSIONS,
    BuiltInRole,
    Permission,
    granted,
)

SLUG_TAKEN = "This address is taken by another organization: choose another"
ROLE_NAME_TAKEN = "This organization already has a role by that name"
UNKNOWN_ROLE = "There is no such role in this organization"


# ---------------------------------------------------------------- organizations
def slug_from(name: str) -> str:
    """A slug for `name` with a random tail, so that two organizations of the
    same name never collide."""
    base = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:50].strip("-") or "org"
    return f"{base}-{secrets.token_hex(3)}"


async def create_organization(
    *,
    session: AsyncSession,
    owner: User,
    name: str,
    slug: str | None = None,
    personal: bool = False,
) -> Organization:
    """An organization with `owner` as its Owner."""
    organization = Organization(
        name=name,
        slug=slug or slug_from(name),
        personal_for_id=owner.id if personal else None,
    )
    session.add(organization)
    await app_crud.flush_unique(session, SLUG_TAKEN)
    session.add(
        Membership(organization_id=organization.id, user_id=owner.id, role=BuiltInRole.OWNER)
    )
    await session.flush()
    return organization


async def create_personal_organization(*, session: AsyncSession, user: User) -> Organization:
    """Every user's own organization, made with their account."""
    who = user.full_name or user.email.split("@")[0]
    return await create_organization(
        session=session, owner=user, name=f"{who[:230]}'s organization", personal=True
    )


async def get_personal_organization(
    *, session: AsyncSession, user_id: uuid.UUID
) -> Organization | None:
    result = await session.exec(select(Organization).where(Organization.personal_for_id == user_id))
    return result.first()


MyOrganization = tuple[Organization, Membership, OrganizationRole | None]


async def list_user_organizations(
    *, session: AsyncSession, user_id: uuid.UUID
) -> Sequence[MyOrganization]:
    """The user's organizations with their membership (and custom role) in
    each, the personal one first, then by name."""
    result = await session.exec(
        select(Organization, Membership, OrganizationRole)
        .join(Membership, col(Membership.organization_id) == col(Organization.id))
        .outerjoin(OrganizationRole, col(OrganizationRole.id) == col(Membership.role_id))
        .where(col(Membership.user_id) == user_id)
        .order_by(
            case((col(Organization.personal_for_id) == user_id, 0), else_=1),
            func.lower(col(Organization.name)),
            col(Organization.id),
        )
    )
    return result.all()


async def list_organizations(
    *, session: AsyncSession, skip: int, limit: int
) -> tuple[Sequence[Organization], int]:
    total = await count(session, select(Organization))
    result = await session.exec(
        select(Organization)
        .order_by(func.lower(col(Organization.name)), col(Organization.id))
        .offset(skip)
        .limit(limit)
    )
    return result.all(), total


async def update_organization(
    *, session: AsyncSession, organization: Organization, name: str | None, slug: str | None
) -> Organization:
    if name is not None:
        organization.name = name
    if slug is not None:
        organization.slug = slug
    session.add(organization)
    await app_crud.flush_unique(session, SLUG_TAKEN)
    return organization


async def delete_organization(*, session: AsyncSession, organization: Organization) -> None:
    # region capability: file_storage
    await files.delete_files_of_organization(session=session, organization_id=organization.id)
    # endregion capability: file_storage
    await session.delete(organization)
    await session.flush()


async def summarize_organization(
    *, session: AsyncSession, organization_id: uuid.UUID
) -> OrganizationSummary:
    members = select(Membership).where(Membership.organization_id == organization_id)
    # region capability: items
    items = select(Item).where(Item.organization_id == organization_id)
    # endregion capability: items
    return OrganizationSummary(
        members=await count(session, members),
        # region capability: items
        items=await count(session, items),
        # endregion capability: items
        pending_invitations=await count(session, pending_invitations(organization_id)),
    )


class utc_day(FunctionElement[date]):  # noqa: N801 - named like the SQL functions it stands for
    """A timestamp's calendar day in UTC. PostgreSQL's own `date()` would use
    the connection's time zone; SQLite stores UTC already."""

    inherit_cache = True
    name = "utc_day"


@compiles(utc_day)
def _utc_day(element: utc_day, compiler: SQLCompiler, **kw: Any) -> str:
    return f"date({compiler.process(element.clauses, **kw)})"


@compiles(utc_day, "postgresql")
def _utc_day_postgresql(element: utc_day, compiler: SQLCompiler, **kw: Any) -> str:
    return f"date(timezone('UTC', {compiler.process(element.clauses, **kw)}))"


async def count_activity_by_day(
    *, session: AsyncSession, organization_id: uuid.UUID, days: int
) -> list[ActivityDay]:
    """The organization's audit entries per UTC day over the last `days` days,
    today included, one grouped query (the log's organization and time are
    indexed); days without entries count 0."""
    today = utcnow().date()
    first = today - timedelta(days=days - 1)
    start = datetime.combine(first, datetime.min.time(), tzinfo=UTC)
    day = utc_day(col(AuditLog.created_at))
    rows = await session.exec(
        select(day, func.count())
        .where(AuditLog.organization_id == organization_id, col(AuditLog.created_at) >= start)
        .group_by(day)
    )
    # SQLite answers the day as text, PostgreSQL as a date.
    counts = {date.fromisoformat(str(when)): int(events) for when, events in rows.all()}
    return [
        ActivityDay(day=first + timedelta(days=n), events=counts.get(first + timedelta(days=n), 0))
        for n in range(days)
    ]


async def count(session: AsyncSession, query: SelectOfScalar[Any] | Select[Any]) -> int:
    total = select(func.count()).select_from(query.subquery())
    return (await session.exec(total)).one()


# ---------------------------------------------------------------- roles
async def list_custom_roles(
    *, session: AsyncSession, organization_id: uuid.UUID
) -> Sequence[OrganizationRole]:
    result = await session.exec(
        select(OrganizationRole)
        .where(OrganizationRole.organization_id == organization_id)
        .order_by(func.lower(col(OrganizationRole.name)), col(OrganizationRole.id))
    )
    return result.all()


async def get_custom_role(
    *, session: AsyncSession, organization_id: uuid.UUID, role_id: uuid.UUID
) -> OrganizationRole | None:
    role = await session.get(OrganizationRole, role_id)
    return role if role is not None and role.organization_id == organization_id else None


async def create_role(
    *, session: AsyncSession, organization_id: uuid.UUID, name: str, permissions: list[str]
) -> OrganizationRole:
    role = OrganizationRole(organization_id=organization_id, name=name, permissions=permissions)
    session.add(role)
    await app_crud.flush_unique(session, ROLE_NAME_TAKEN)
    return role


async def update_role(
    *,
    session: AsyncSession,
    role: OrganizationRole,
    name: str | None,
    permissions: list[str] | None,
) -> OrganizationRole:
    if name is not None:
        role.name = name
    if permissions is not None:
        role.permissions = permissions
    session.add(role)
    await app_crud.flush_unique(session, ROLE_NAME_TAKEN)
    return role


async def role_in_use(*, session: AsyncSession, role_id: uuid.UUID) -> bool:
    members = await count(session, select(Membership).where(Membership.role_id == role_id))
    invited = await count(
        session,
        select(Invitation).where(
            Invitation.role_id == role_id,
            col(Invitation.accepted_at).is_(None),
            col(Invitation.revoked_at).is_(None),
        ),
    )
    return members + invited > 0


async def delete_role(*, session: AsyncSession, role: OrganizationRole) -> None:
    await session.delete(role)
    await session.flush()


async def resolve_role(
    *, session: AsyncSession, organization_id: uuid.UUID, ref: str
) -> tuple[BuiltInRole | None, OrganizationRole | None]:
    """A role as the API names it: a built-in key, or a custom role's id."""
    if ref in {role.value for role in BuiltInRole}:
        return BuiltInRole(ref), None
    try:
        role_id = uuid.UUID(ref)
    except ValueError:
        raise BadRequest(UNKNOWN_ROLE) from None
    custom = await get_custom_role(
        session=session, organization_id=organization_id, role_id=role_id
    )
    if custom is None:
        raise BadRequest(UNKNOWN_ROLE)
    return None, custom


def role_name(role: str | None, custom_name: str | None) -> str:
    if role is not None:
        return BUILT_IN_NAMES[BuiltInRole(role)]
    return custom_name or "Deleted role"


def role_permissions(role: str | None, custom: list[str] | None) -> frozenset[Permission]:
    if role is not None:
        return BUILT_IN_PERMISSIONS[BuiltInRole(role)]
    return granted(custom) | {Permission.ORGANIZATION_READ}


# ---------------------------------------------------------------- members
MemberRow = tuple[Membership, User, str | None]


def members_query(organization_id: uuid.UUID) -> Select[Membership, User, str | None]:
    return (
        select(Membership, User, OrganizationRole.name)
        .join(User, col(User.id) == col(Membership.user_id))
        .outerjoin(OrganizationRole, col(OrganizationRole.id) == col(Membership.role_id))
        .where(col(Membership.organization_id) == organization_id)
    )


async def list_members(
    *, session: AsyncSession, organization_id: uuid.UUID, skip: int, limit: int
) -> tuple[Sequence[MemberRow], int]:
    total = await count(
        session, select(Membership).where(Membership.organization_id == organization_id)
    )
    result = await session.exec(
        members_query(organization_id)
        .order_by(col(Membership.created_at), col(User.email))
        .offset(skip)
        .limit(limit)
    )
    return result.all(), total


async def get_member(
    *, session: AsyncSession, organization_id: uuid.UUID, user_id: uuid.UUID
) -> MemberRow | None:
    result = await session.exec(
        members_query(organization_id).where(col(Membership.user_id) == user_id)
    )
    return result.first()


async def lock_owners(*, session: AsyncSession, organization_id: uuid.UUID) -> Sequence[uuid.UUID]:
    """The Owners' ids, their rows locked until the transaction ends, so that
    two requests cannot each take away one of the last two."""
    result = await session.exec(
        select(Membership.user_id)
        .where(
            Membership.organization_id == organization_id,
            Membership.role == BuiltInRole.OWNER.value,
        )
        .order_by(col(Membership.user_id))
        .with_for_update()
    )
    return result.all()


async def set_member_role(
    *,
    session: AsyncSession,
    membership: Membership,
    role: BuiltInRole | None,
    custom: OrganizationRole | None,
) -> Membership:
    membership.role = role.value if role is not None else None
    membership.role_id = custom.id if custom is not None else None
    session.add(membership)
    await session.flush()
    return membership


async def add_member(
    *,
    session: AsyncSession,
    organization_id: uuid.UUID,
    user_id: uuid.UUID,
    role: str | None,
    role_id: uuid.UUID | None,
) -> Membership:
    membership = Membership(
        organization_id=organization_id, user_id=user_id, role=role, role_id=role_id
    )
    session.add(membership)
    await app_crud.flush_unique(session, ALREADY_A_MEMBER)
    return membership


ALREADY_A_MEMBER = "This person is already a member of the organization"


async def remove_member(*, session: AsyncSession, membership: Membership) -> None:
    await session.delete(membership)
    await session.flush()


# ---------------------------------------------------------------- invitations
def pending(organization_id: uuid.UUID) -> list[ColumnElement[bool]]:
    """What makes an invitation of the organization pending."""
    return [
        col(Invitation.organization_id) == organization_id,
        col(Invitation.accepted_at).is_(None),
        col(Invitation.revoked_at).is_(None),
        col(Invitation.expires_at) > utcnow(),
    ]


def pending_invitations(organization_id: uuid.UUID) -> SelectOfScalar[Invitation]:
    return select(Invitation).where(*pending(organization_id))


InvitationRow = tuple[Invitation, str | None, str | None]


async def list_pending_invitations(
    *, session: AsyncSession, organization_id: uuid.UUID, skip: int, limit: int
) -> tuple[Sequence[InvitationRow], int]:
    """Pending invitations with their custom role's name and the inviter's
    address, newest first."""
    total = await count(session, pending_invitations(organization_id))
    result = await session.exec(
        select(Invitation, col(OrganizationRole.name), col(User.email))
        .where(*pending(organization_id))
        .outerjoin(OrganizationRole, col(OrganizationRole.id) == col(Invitation.role_id))
        .outerjoin(User, col(User.id) == col(Invitation.inviter_id))
        .order_by(col(Invitation.created_at).desc(), col(Invitation.id))
        .offset(skip)
        .limit(limit)
    )
    return result.all(), total


async def find_pending_invitation(
    *, session: AsyncSession, organization_id: uuid.UUID, email: str
) -> Invitation | None:
    result = await session.exec(
        pending_invitations(organization_id).where(col(Invitation.email) == email)
    )
    return result.first()


async def get_invitation(
    *, session: AsyncSession, organization_id: uuid.UUID, invitation_id: uuid.UUID
) -> Invitation | None:
    invitation = await session.get(Invitation, invitation_id)
    if invitation is None or invitation.organization_id != organization_id:
        return None
    return invitation


async def create_invitation(
    *,
    session: AsyncSession,
    organization_id: uuid.UUID,
    email: str,
    role: BuiltInRole | None,
    custom: OrganizationRole | None,
    inviter: User,
    lifetime: timedelta,
) -> tuple[Invitation, str]:
    """A new invitation and its link's token (returned in clear, once)."""
    token = new_opaque_token()
    now = utcnow()
    invitation = Invitation(
        organization_id=organization_id,
        email=email,
        role=role.value if role is not None else None,
        role_id=custom.id if custom is not None else None,
        inviter_id=inviter.id,
        token_hash=hash_opaque_token(token),
        created_at=now,
        expires_at=now + lifetime,
    )
    session.add(invitation)
    await session.flush()
    return invitation, token


async def renew_invitation(
    *, session: AsyncSession, invitation: Invitation, lifetime: timedelta
) -> str:
    """A new link for the invitation; the one sent before stops working."""
    token = new_opaque_token()
    invitation.token_hash = hash_opaque_token(token)
    invitation.expires_at = utcnow() + lifetime
    session.add(invitation)
    await session.flush()
    return token


async def revoke_invitation(*, session: AsyncSession, invitation: Invitation) -> None:
    invitation.revoked_at = utcnow()
    session.add(invitation)
    await session.flush()


async def find_invitation_by_token(*, session: AsyncSession, token: str) -> Invitation | None:
    result = await session.exec(
        select(Invitation)
        .where(Invitation.token_hash == hash_opaque_token(token))
        .execution_options(populate_existing=True)
    )
    return result.first()


async def consume_invitation(*, session: AsyncSession, token: str) -> Invitation | None:
    """Use an invitation's link once: the conditional update means two
    concurrent uses cannot both succeed."""
    now = utcnow()
    token_hash = hash_opaque_token(token)
    result = await session.exec(
        update(Invitation)
        .where(
            col(Invitation.token_hash) == token_hash,
            col(Invitation.accepted_at).is_(None),
            col(Invitation.revoked_at).is_(None),
            col(Invitation.expires_at) > now,
        )
        .values(accepted_at=now)
    )
    if result.rowcount != 1:
        return None
    return await find_invitation_by_token(session=session, token=token)


def is_pending(invitation: Invitation, now: datetime) -> bool:
    return (
        invitation.accepted_at is None
        and invitation.revoked_at is None
        and invitation.expires_at > now
    )
