"""In an organization shared with others, a Member changes and deletes the
items they created, and only those: a colleague's item needs `items:admin`."""

from httpx import AsyncClient
from sqlmodel.ext.asyncio.session import AsyncSession

from app.core.config import settings
from app.models import Item, User
from app.organizations.models import Organization
from app.organizations.permissions import BuiltInRole
from tests.factories import auth_headers, create_item, create_organization, create_user

API = settings.API_V1_STR


async def shared_organization(db: AsyncSession) -> tuple[Organization, User, User]:
    """An organization of someone else's, with two Members in it."""
    member, colleague = await create_user(db=db), await create_user(db=db)
    organization = await create_organization(
        db=db,
        owner=await create_user(db=db),
        name="Shared workshop",
        members={BuiltInRole.MEMBER: [member, colleague]},
    )
    return organization, member, colleague


def item_url(organization: Organization, item: Item) -> str:
    return f"{API}/orgs/{organization.id}/items/{item.id}"


async def test_a_member_changes_and_deletes_their_own_item_in_a_shared_organization(
    client: AsyncClient, db: AsyncSession
) -> None:
    organization, member, _colleague = await shared_organization(db)
    item = await create_item(db=db, owner=member, organization=organization, title="Mine")
    headers = await auth_headers(db=db, user=member)

    changed = await client.put(
        item_url(organization, item), headers=headers, json={"title": "Mine, renamed"}
    )
    assert changed.status_code == 200, changed.text
    assert (changed.json()["title"], changed.json()["owner_id"]) == (
        "Mine, renamed",
        str(member.id),
    )

    deleted = await client.delete(item_url(organization, item), headers=headers)
    assert deleted.status_code == 200, deleted.text
    assert await db.get(Item, item.id, populate_existing=True) is None


async def test_a_member_can_neither_change_nor_delete_a_colleagues_item(
    client: AsyncClient, db: AsyncSession
) -> None:
    organization, member, colleague = await shared_organization(db)
    item = await create_item(db=db, owner=colleague, organization=organization, title="Theirs")
    headers = await auth_headers(db=db, user=member)

    changed = await client.put(
        item_url(organization, item), headers=headers, json={"title": "Not mine"}
    )
    deleted = await client.delete(item_url(organization, item), headers=headers)
    assert [changed.status_code, deleted.status_code] == [403, 403]
    kept = await db.get(Item, item.id, populate_existing=True)
    assert kept is not None
    assert (kept.title, kept.owner_id) == ("Theirs", colleague.id)
