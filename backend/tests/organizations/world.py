"""Two organizations and a caller in every position, for the organization tests.

Alpha has an Owner, an Admin, a Member and a Viewer, a custom role, a
pending invitation and, of each resource an organization holds, a row of its
Owner's. Bravo belongs to someone else entirely; its names are markers that
must never show in an answer about Alpha, and Alpha's must never show to
Bravo's owner."""

import secrets
import uuid
from dataclasses import dataclass
from datetime import timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from app import crud
from app.models import User
from app.organizations import crud as organizations
from app.organizations.models import Invitation, Organization, OrganizationRole
from app.organizations.permissions import BuiltInRole
from tests.factories import (
    auth_headers,
    # region capability: items
    create_item,
    # endregion capability: items
    create_organization,
    create_user,
)

CALLERS = ("owner", "admin", "member", "viewer", "outsider", "nobody", "superuser")


@dataclass
class World:
    alpha: Organization
    bravo: Organization
    users: dict[str, User]
    role: OrganizationRole
    invitation: Invitation
    # What each `{name}` of a route's path stands for.
    ids: dict[str, uuid.UUID]
    alpha_markers: tuple[str, ...]
    bravo_markers: tuple[str, ...]

    async def headers(self, db: AsyncSession, caller: str) -> dict[str, str]:
        return await auth_headers(db=db, user=self.users[caller])


async def build_world(db: AsyncSession) -> World:
    tag = secrets.token_hex(4)
    users = {
        caller: await create_user(
            db=db, email=f"{caller}-{tag}@example.com", is_superuser=caller == "superuser"
        )
        for caller in CALLERS
    }
    alpha = await create_organization(
        db=db,
        owner=users["owner"],
        name=f"Alpha secret {tag}",
        members={
            BuiltInRole.ADMIN: [users["admin"]],
            BuiltInRole.MEMBER: [users["member"]],
            BuiltInRole.VIEWER: [users["viewer"]],
        },
    )
    bravo = await create_organization(db=db, owner=users["outsider"], name=f"Bravo secret {tag}")
    role = await organizations.create_role(
        session=db, organization_id=alpha.id, name="Auditors", permissions=["audit:read"]
    )
    invitation, _token = await organizations.create_invitation(
        session=db,
        organization_id=alpha.id,
        email=f"invited-{tag}@example.com",
        role=BuiltInRole.MEMBER,
        custom=None,
        inviter=users["owner"],
        lifetime=timedelta(days=7),
    )
    await crud.record_audit(
        session=db,
        action="organization_updated",
        actor=users["outsider"],
        detail=f"bravo audit {tag}",
        organization_id=bravo.id,
    )
    ids = {
        "user_id": users["member"].id,
        "role_id": role.id,
        "invitation_id": invitation.id,
    }
    alpha_markers = [alpha.name, alpha.slug, str(alpha.id)]
    bravo_markers = [
        bravo.name,
        bravo.slug,
        str(bravo.id),
        f"bravo audit {tag}",
        users["outsider"].email,
    ]
    # region capability: items
    alpha_item = await create_item(
        db=db, owner=users["owner"], organization=alpha, title=f"alpha {tag}"
    )
    bravo_item = await create_item(
        db=db, owner=users["outsider"], organization=bravo, title=f"bravo item {tag}"
    )
    ids["item_id"] = alpha_item.id
    alpha_markers += [alpha_item.title, str(alpha_item.id)]
    bravo_markers += [bravo_item.title, str(bravo_item.id)]
    # endregion capability: items
    await db.commit()
    return World(
        alpha=alpha,
        bravo=bravo,
        users=users,
        role=role,
        invitation=invitation,
        ids=ids,
        alpha_markers=tuple(alpha_markers),
        bravo_markers=tuple(bravo_markers),
    )
