import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from app import crud
from app.api.deps import CurrentUser, SessionDep
from app.api.pagination import Limit, Skip
from app.api.responses import errors
from app.core.errors import NotFound, NotPermitted
from app.models import Item, ItemCreate, ItemPublic, ItemsPublic, ItemUpdate, Message, User

router = APIRouter(prefix="/items", tags=["items"])

Mine = Annotated[
    bool,
    Query(description="Only the caller's own items. Superusers otherwise see everybody's."),
]


async def owned_item(session: SessionDep, user: User, item_id: uuid.UUID) -> tuple[Item, str]:
    """The item and its owner's email, if `user` may see and change it: its
    owner or a superuser."""
    found = await crud.get_item(session=session, item_id=item_id)
    if found is None:
        raise NotFound("Item not found")
    if not user.is_superuser and found[0].owner_id != user.id:
        raise NotPermitted("Not enough permissions")
    return found


def item_public(item: Item, owner_email: str) -> ItemPublic:
    return ItemPublic.model_validate(item, update={"owner_email": owner_email})


@router.get("/", responses=errors(401))
async def read_items(
    session: SessionDep, user: CurrentUser, skip: Skip = 0, limit: Limit = 100, mine: Mine = False
) -> ItemsPublic:
    """One's items, newest first (everybody's for a superuser, unless `mine`)."""
    owner_id = None if user.is_superuser and not mine else user.id
    items, count = await crud.list_items(session=session, owner_id=owner_id, skip=skip, limit=limit)
    return ItemsPublic(data=[item_public(item, email) for item, email in items], count=count)


@router.post("/", responses=errors(400, 401))
async def create_item(session: SessionDep, user: CurrentUser, body: ItemCreate) -> ItemPublic:
    """Create an item owned by the current user."""
    item = await crud.create_item(session=session, owner_id=user.id, body=body)
    return item_public(item, user.email)


@router.get("/{item_id}", responses=errors(401, 403, 404))
async def read_item(session: SessionDep, user: CurrentUser, item_id: uuid.UUID) -> ItemPublic:
    """An item, for its owner or a superuser."""
    return item_public(*await owned_item(session, user, item_id))


@router.put("/{item_id}", responses=errors(400, 401, 403, 404))
async def update_item(
    session: SessionDep, user: CurrentUser, item_id: uuid.UUID, body: ItemUpdate
) -> ItemPublic:
    """Update an item's title or description."""
    item, owner_email = await owned_item(session, user, item_id)
    item = await crud.update_item(session=session, item=item, body=body)
    return item_public(item, owner_email)


@router.delete("/{item_id}", responses=errors(401, 403, 404))
async def delete_item(session: SessionDep, user: CurrentUser, item_id: uuid.UUID) -> Message:
    """Delete an item."""
    item, _ = await owned_item(session, user, item_id)
    await crud.delete_item(session=session, item=item)
    return Message(message="Item deleted successfully")
