"""Items, kept by an organization: its members read them all, change and
delete their own, and whoever holds items:admin changes anybody's."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from app import crud
from app.api.deps import SessionDep
from app.api.pagination import Limit, Skip
from app.api.responses import errors
from app.core.errors import NotFound
from app.models import Item, ItemCreate, ItemPublic, ItemsPublic, ItemUpdate, Message
from app.organizations.access import Access, check_own_or_permitted, require_permission
from app.organizations.permissions import Permission

router = APIRouter(prefix="/orgs/{org_id}/items", tags=["items"])

Mine = Annotated[bool, Query(description="Only the caller's own items.")]


async def found_item(
    session: SessionDep, access: Access, item_id: uuid.UUID
) -> tuple[Item, str | None]:
    """The organization's item and its creator's email (None once their account is gone)."""
    found = await crud.get_item(
        session=session, organization_id=access.organization_id, item_id=item_id
    )
    if found is None:
        raise NotFound("Item not found")
    return found


def check_own_or_admin(access: Access, item: Item) -> None:
    """One's own item, or anybody's with items:admin."""
    check_own_or_permitted(access, item.owner_id, Permission.ITEMS_ADMIN)


def item_public(item: Item, owner_email: str | None) -> ItemPublic:
    return ItemPublic.model_validate(item, update={"owner_email": owner_email})


@router.get("/", responses=errors(401, 403, 404))
async def read_items(
    session: SessionDep,
    access: Annotated[Access, require_permission("items:read")],
    skip: Skip = 0,
    limit: Limit = 100,
    mine: Mine = False,
) -> ItemsPublic:
    """The organization's items, newest first, with who created each."""
    items, count = await crud.list_items(
        session=session,
        organization_id=access.organization_id,
        owner_id=access.user.id if mine else None,
        skip=skip,
        limit=limit,
    )
    return ItemsPublic(data=[item_public(item, email) for item, email in items], count=count)


@router.post("/", responses=errors(400, 401, 403, 404))
async def create_item(
    session: SessionDep,
    access: Annotated[Access, require_permission("items:write")],
    body: ItemCreate,
) -> ItemPublic:
    """Add an item to the organization, created by the caller."""
    item = await crud.create_item(
        session=session, organization_id=access.organization_id, owner_id=access.user.id, body=body
    )
    return item_public(item, access.user.email)


@router.get("/{item_id}", responses=errors(401, 403, 404))
async def read_item(
    session: SessionDep,
    access: Annotated[Access, require_permission("items:read")],
    item_id: uuid.UUID,
) -> ItemPublic:
    """One of the organization's items."""
    return item_public(*await found_item(session, access, item_id))


@router.put("/{item_id}", responses=errors(400, 401, 403, 404))
async def update_item(
    session: SessionDep,
    access: Annotated[Access, require_permission("items:write")],
    item_id: uuid.UUID,
    body: ItemUpdate,
) -> ItemPublic:
    """Change an item's title or description: one's own, or any with items:admin."""
    item, owner_email = await found_item(session, access, item_id)
    check_own_or_admin(access, item)
    item = await crud.update_item(session=session, item=item, body=body)
    return item_public(item, owner_email)


@router.delete("/{item_id}", responses=errors(401, 403, 404))
async def delete_item(
    session: SessionDep,
    access: Annotated[Access, require_permission("items:delete")],
    item_id: uuid.UUID,
) -> Message:
    """Delete an item: one's own, or any with items:admin."""
    item, _ = await found_item(session, access, item_id)
    check_own_or_admin(access, item)
    await crud.delete_item(session=session, item=item)
    return Message(message="Item deleted successfully")
