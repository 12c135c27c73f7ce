"""Profile pictures: upload and remove one's own, and serve them."""

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import StreamingResponse

from app.api.deps import CurrentUser, SessionDep
from app.api.responses import errors
from app.core.errors import BadRequest, NotFound
from app.files import avatars
from app.files.deps import StorageDep
from app.files.images import AVATAR_SIZES, AVATAR_TYPE, CropBox
from app.files.keys import avatar_key
from app.files.sniff import IMAGE_TYPES
from app.files.storage import MISSING
from app.models import UserMe

router = APIRouter(tags=["avatars"])


def raw_body(types: frozenset[str]) -> dict[str, Any]:
    """OpenAPI for a body sent as the file's bytes, not as a form."""
    schema = {"schema": {"type": "string", "format": "binary"}}
    return {"requestBody": {"required": True, "content": dict.fromkeys(sorted(types), schema)}}


def crop_box(
    crop_x: Annotated[
        int | None, Query(ge=0, description="The square's left edge, in the picture's pixels.")
    ] = None,
    crop_y: Annotated[int | None, Query(ge=0, description="The square's top edge.")] = None,
    crop_size: Annotated[int | None, Query(gt=0, description="The square's side.")] = None,
) -> CropBox | None:
    """The square of the picture to keep, from the query, or None for its centre."""
    given = [value for value in (crop_x, crop_y, crop_size) if value is not None]
    if not given:
        return None
    if crop_x is None or crop_y is None or crop_size is None:
        raise BadRequest("Give the crop's x, y and size together, or none of them")
    return CropBox(crop_x, crop_y, crop_size)


@router.put(
    "/users/me/avatar",
    openapi_extra=raw_body(IMAGE_TYPES),
    responses=errors(400, 401, 413, 415, 503),
)
async def upload_avatar(
    session: SessionDep,
    user: CurrentUser,
    storage: StorageDep,
    request: Request,
    crop: Annotated[CropBox | None, Depends(crop_box)],
) -> UserMe:
    """Set one's profile picture: the request's body is the image (PNG,
    JPEG, GIF or WebP), stored square at 256 and 64 pixels without its
    metadata. The square is `crop_x`, `crop_y`, `crop_size` when given (400
    when it does not fit inside the picture), else the largest at its centre."""
    await avatars.replace_avatar(
        session=session, storage=storage, user=user, request=request, crop=crop
    )
    return UserMe.of(user)


@router.delete("/users/me/avatar", responses=errors(401))
async def delete_avatar(session: SessionDep, user: CurrentUser) -> UserMe:
    """Remove one's profile picture; initials show instead."""
    await avatars.remove_avatar(session=session, user=user)
    return UserMe.of(user)


@router.get(
    "/avatars/{avatar_id}/{size}",
    response_class=StreamingResponse,
    responses={200: {"content": {AVATAR_TYPE: {}}}, **errors(404, 503)},
)
async def read_avatar(avatar_id: uuid.UUID, size: int, storage: StorageDep) -> StreamingResponse:
    """A profile picture, `size` pixels a side (256 or 64). Its address
    changes with every upload, so it may be cached for good."""
    if size not in AVATAR_SIZES:
        raise NotFound("Pictures come in 256 and 64 pixels")
    try:
        chunks = await storage.stream(avatar_key(avatar_id, size))
    except MISSING as error:
        raise NotFound("No such picture") from error
    return StreamingResponse(
        chunks,
        media_type=AVATAR_TYPE,
        headers={"Cache-Control": "private, max-age=31536000, immutable"},
    )
