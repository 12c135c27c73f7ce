"""A user deleted in the panel goes as the API deletes one, not as a bare
row: what is only the account's goes with it, and the deletion is refused,
with the reason on the page, while others depend on the account."""

from httpx import AsyncClient, Response
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from app.models import (
    AuthSession,
    # region capability: items
    Item,
    # endregion capability: items
    User,
)

# region capability: organizations
from app.organizations.models import Membership, Organization
from app.organizations.permissions import BuiltInRole

# endregion capability: organizations
from tests.admin_db.browser import dashboard_session, superuser_in_panel
from tests.factories import (
    # region capability: items
    create_item,
    # endregion capability: items
    # region capability: organizations
    create_organization,
    # endregion capability: organizations
    create_user,
)


async def delete_in_panel(panel: AsyncClient, user: User) -> Response:
    """Delete `user` as a person does in the panel; the answer is the page
    the browser goes to next (the list, with any error)."""
    answer = await panel.delete("/admin-db/user/delete", params={"pks": str(user.id)})
    assert answer.status_code == 200, answer.text
    return await panel.get(answer.text)


async def test_a_deleted_user_is_gone_from_the_list_with_their_sessions(
    panel: AsyncClient, db: AsyncSession
) -> None:
    await superuser_in_panel(panel, db)
    user = await create_user(db=db)
    await dashboard_session(db, user)

    page = await delete_in_panel(panel, user)

    assert user.email not in page.text
    assert await db.get(User, user.id, populate_existing=True) is None
    sessions = await db.exec(select(AuthSession).where(col(AuthSession.user_id) == user.id))
    assert sessions.all() == []


# region capability: organizations
# An organization nobody else uses goes with the account; the only Owner of
# one others use is not deleted (the bare row's cascade would leave it
# ownerless).
async def members_of(db: AsyncSession, organization: Organization) -> set[tuple[str, str | None]]:
    rows = await db.exec(
        select(User.email, Membership.role)
        .join(Membership, col(Membership.user_id) == col(User.id))
        .where(Membership.organization_id == organization.id)
    )
    return set(rows.all())


async def test_the_only_owner_of_an_organization_others_use_is_not_deleted(
    panel: AsyncClient, db: AsyncSession
) -> None:
    await superuser_in_panel(panel, db)
    owner = await create_user(db=db)
    colleague = await create_user(db=db)
    organization = await create_organization(
        db=db, owner=owner, name="Shared Co", members={BuiltInRole.MEMBER: [colleague]}
    )
    # region capability: items
    item = await create_item(db=db, owner=colleague, organization=organization)
    # endregion capability: items

    page = await delete_in_panel(panel, owner)

    assert "only Owner of “Shared Co”" in page.text
    assert await db.get(User, owner.id, populate_existing=True) is not None
    assert await members_of(db, organization) == {
        (owner.email, BuiltInRole.OWNER.value),
        (colleague.email, BuiltInRole.MEMBER.value),
    }
    # region capability: items
    assert await db.get(Item, item.id, populate_existing=True) is not None
    # endregion capability: items


async def test_the_organizations_only_the_account_uses_go_with_it(
    panel: AsyncClient, db: AsyncSession
) -> None:
    await superuser_in_panel(panel, db)
    user = await create_user(db=db)
    solo = await create_organization(db=db, owner=user, name="Solo Ltd")
    # region capability: items
    item = await create_item(db=db, owner=user, organization=solo)
    # endregion capability: items

    page = await delete_in_panel(panel, user)

    assert "only Owner" not in page.text
    assert await db.get(User, user.id, populate_existing=True) is None
    assert await db.get(Organization, solo.id, populate_existing=True) is None
    # region capability: items
    assert await db.get(Item, item.id, populate_existing=True) is None
    # endregion capability: items


# endregion capability: organizations
