"""The organization's overview counts what is its own (its members, pending
invitations and the resources it holds), and nothing of another organization's."""

from datetime import timedelta

from httpx import AsyncClient
from sqlmodel.ext.asyncio.session import AsyncSession

from app.core.config import settings
from app.models import User
from app.organizations import crud as organizations
from app.organizations.models import Invitation, Organization
from app.organizations.permissions import BuiltInRole
from tests.factories import (
    auth_headers,
    # region capability: items
    create_item,
    # endregion capability: items
    create_organization,
    create_user,
    random_email,
)

API = settings.API_V1_STR


async def invite(
    db: AsyncSession,
    organization: Organization,
    inviter: User,
    lifetime: timedelta = timedelta(days=7),
) -> Invitation:
    invitation, _token = await organizations.create_invitation(
        session=db,
        organization_id=organization.id,
        email=random_email(),
        role=BuiltInRole.MEMBER,
        custom=None,
        inviter=inviter,
        lifetime=lifetime,
    )
    await db.commit()
    return invitation


async def read_summary(
    client: AsyncClient, db: AsyncSession, organization: Organization, user: User
) -> dict[str, int]:
    response = await client.get(
        f"{API}/orgs/{organization.id}/summary", headers=await auth_headers(db=db, user=user)
    )
    assert response.status_code == 200, response.text
    counts: dict[str, int] = response.json()
    return counts


async def test_it_counts_what_is_its_own(client: AsyncClient, db: AsyncSession) -> None:
    owner, member, viewer = [await create_user(db=db) for _ in range(3)]
    ours = await create_organization(
        db=db,
        owner=owner,
        members={BuiltInRole.MEMBER: [member], BuiltInRole.VIEWER: [viewer]},
    )
    # region capability: items
    for creator in (owner, member):
        await create_item(db=db, owner=creator, organization=ours)
    # endregion capability: items
    for _pending in range(2):
        await invite(db, ours, owner)
    await organizations.revoke_invitation(session=db, invitation=await invite(db, ours, owner))
    await invite(db, ours, owner, lifetime=-timedelta(minutes=1))
    await db.commit()

    stranger = await create_user(db=db)
    theirs = await create_organization(db=db, owner=stranger, members={BuiltInRole.MEMBER: [owner]})
    # region capability: items
    for _item in range(5):
        await create_item(db=db, owner=stranger, organization=theirs)
    # endregion capability: items
    for _pending in range(4):
        await invite(db, theirs, stranger)

    expected = {
        "members": 3,
        # region capability: items
        "items": 2,
        # endregion capability: items
        "pending_invitations": 2,
    }
    assert await read_summary(client, db, ours, viewer) == expected
    assert await read_summary(client, db, ours, owner) == expected
    assert await read_summary(client, db, theirs, stranger) == {
        "members": 2,
        # region capability: items
        "items": 5,
        # endregion capability: items
        "pending_invitations": 4,
    }
