"""What an account's deletion does to its organizations.

Nothing someone else still uses goes with an account: an organization with
other members stays (the account's personal one too, which then becomes an
ordinary organization), and the deletion is refused while the account is
the only Owner of such an organization. Organizations nobody else belongs
to are deleted with everything in them (files through the files job)."""

import uuid

from sqlalchemy import case, func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from app.core.errors import Conflict
from app.models import User
from app.organizations import crud
from app.organizations.models import (
    AccountDeletionPublic,
    Membership,
    Organization,
    OrganizationRef,
)
from app.organizations.permissions import BuiltInRole


def names(organizations: list[OrganizationRef]) -> str:
    listed = [f"“{o.name}”" for o in organizations]
    return listed[0] if len(listed) == 1 else f"{', '.join(listed[:-1])} and {listed[-1]}"


def refusal(blocking: list[OrganizationRef]) -> str:
    return (
        f"This account is the only Owner of {names(blocking)}, where others are members: "
        "transfer ownership to an Admin, or remove the other members or the organization, first"
    )


async def plan_account_deletion(
    *, session: AsyncSession, user_id: uuid.UUID, lock: bool = False
) -> tuple[AccountDeletionPublic, list[Organization]]:
    """The account's organizations sorted by fate, and the rows of those to
    delete. With `lock`, every membership of them is locked until the
    transaction ends, so that no co-Owner leaves between the check and the
    deletion. (SQLite takes its write lock at BEGIN, which serialises
    whole transactions.)"""
    mine = select(Membership.organization_id).where(Membership.user_id == user_id)
    if lock:
        await session.exec(
            select(Membership.user_id)
            .where(col(Membership.organization_id).in_(mine))
            .with_for_update()
        )
    is_owner = case((col(Membership.role) == BuiltInRole.OWNER.value, 1), else_=0)
    counts = (
        select(
            col(Membership.organization_id).label("organization_id"),
            func.count().label("members"),
            func.sum(is_owner).label("owners"),
        )
        .where(col(Membership.organization_id).in_(mine))
        .group_by(col(Membership.organization_id))
        .subquery()
    )
    rows = await session.exec(
        select(Organization, Membership.role, counts.c.members, counts.c.owners)
        .join(Membership, col(Membership.organization_id) == col(Organization.id))
        .join(counts, counts.c.organization_id == col(Organization.id))
        .where(Membership.user_id == user_id)
        .order_by(col(Organization.name), col(Organization.id))
    )
    plan = AccountDeletionPublic(deleted=[], blocking=[], left=[])
    doomed: list[Organization] = []
    for organization, role, members, owners in rows.all():
        ref = OrganizationRef(
            id=organization.id,
            name=organization.name,
            personal=organization.personal_for_id == user_id,
        )
        if members == 1:
            plan.deleted.append(ref)
            doomed.append(organization)
        elif role == BuiltInRole.OWNER.value and owners == 1:
            plan.blocking.append(ref)
        else:
            plan.left.append(ref)
    return plan, doomed


async def release_organizations_of(*, session: AsyncSession, user: User) -> None:
    """Before an account goes: refuse (409) while it is the only Owner of an
    organization others belong to; delete those nobody else belongs to; hand
    its personal organization on to its other members as an ordinary one.
    Its memberships go with the account (`ON DELETE CASCADE`)."""
    plan, doomed = await plan_account_deletion(session=session, user_id=user.id, lock=True)
    if plan.blocking:
        raise Conflict(refusal(plan.blocking))
    for organization in doomed:
        await crud.delete_organization(session=session, organization=organization)
    for ref in plan.left:
        if ref.personal:
            organization = await session.get_one(Organization, ref.id)
            organization.personal_for_id = None
            session.add(organization)
    await session.flush()
