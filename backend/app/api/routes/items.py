import uuid

from fastapi import APIRouter
from starlette.responses import Response

from app import crud
from app.api.deps import AuthDep, Authenticated, SessionDep
from app.api.pagination import Limit, Skip
from app.api.responses import errors, page_response
from app.core.errors import NotFound, NotPermitted
from app.models import Item, ItemCreate, ItemPublic, ItemsPublic, ItemUpdate, Message

router = APIRouter(prefix="/items", tags=["items"])


async def owned_item(session: SessionDep, caller: Authenticated, item_id: uuid.UUID) -> Item:
    item = await crud.get_item(session=session, item_id=item_id)
    if item is None:
        raise NotFound("Item not found")
    if not caller.is_superuser and item.owner_id != caller.user_id:
        raise NotPermitted("Not enough permissions")
    return item


@router.get("/", response_model=ItemsPublic, responses=errors(401))
async def read_items(
    session: SessionDep, caller: AuthDep, skip: Skip = 0, limit: Limit = 100
) -> Response:
    """One's items, newest first (everybody's for a superuser)."""
    owner = None if caller.is_superuser else caller.user_id
    items, count = await crud.list_items(session=session, owner_id=owner, skip=skip, limit=limit)
    return page_response(ItemPublic, items, count)


@router.post("/", responses=errors(400, 401))
async def create_item(session: SessionDep, caller: AuthDep, body: ItemCreate) -> ItemPublic:
    """Create an item owned by the current user."""
    return await crud.create_item(
        session=session, owner_id=caller.user_id, title=body.title, description=body.description
    )


@router.get("/{item_id}", responses=errors(401, 403, 404))
async def read_item(session: SessionDep, caller: AuthDep, item_id: uuid.UUID) -> ItemPublic:
    """An item, for its owner or a superuser."""
    return ItemPublic.model_validate(await owned_item(session, caller, item_id))


@router.put("/{item_id}", responses=errors(400, 401, 403, 404))
async def update_item(
    session: SessionDep, caller: AuthDep, item_id: uuid.UUID, body: ItemUpdate
) -> ItemPublic:
    """Update an item's title or description."""
    item = await owned_item(session, caller, item_id)
    changes = body.model_dump(exclude_unset=True)
    if changes.get("title") is None:
        changes.pop("title", None)
    item = await crud.update_item(session=session, item=item, changes=changes)
    return ItemPublic.model_validate(item)


@router.delete("/{item_id}", responses=errors(401, 403, 404))
async def delete_item(session: SessionDep, caller: AuthDep, item_id: uuid.UUID) -> Message:
    """Delete an item."""
    await crud.delete_item(session=session, item=await owned_item(session, caller, item_id))
    return Message(message="Item deleted successfully")
