"""Profile pictures: an upload becomes a new avatar id, its renditions
stored under keys made from it; the picture it replaces is deleted by a
job once the change is committed.

An avatar is served to anyone who has its address (an <img> cannot send a
bearer token): the id is random and new with every upload, so the address
is as hard to guess as a share link, and what it serves is only pixels,
re-encoded here.
"""

import tempfile
import uuid
from functools import partial

import anyio
from sqlmodel.ext.asyncio.session import AsyncSession
from starlette.requests import Request

from app.core.config import settings
from app.files import crud
from app.files.images import CropBox, avatar_renditions
from app.files.jobs import delete_later
from app.files.keys import avatar_key, avatar_keys
from app.files.sniff import IMAGE_TYPES
from app.files.storage import Storage
from app.files.uploads import Upload, limited_body, megabytes, receiving_body, sniffed
from app.models import User

# An upload up to this size is decoded from memory, a bigger one from a
# temporary file.
SPOOL_IN_MEMORY_BYTES = 1024 * 1024


async def decode(upload: Upload, crop: CropBox | None) -> dict[int, bytes]:
    """The upload's renditions; its bytes are spooled first because a
    decoder needs to seek, then decoded off the event loop."""
    with tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY_BYTES) as spool:
        async for chunk in upload.chunks:
            spool.write(chunk)
        spool.seek(0)
        return await anyio.to_thread.run_sync(
            partial(avatar_renditions, spool, max_pixels=settings.FILES_MAX_IMAGE_PIXELS, crop=crop)
        )


async def replace_avatar(
    *,
    session: AsyncSession,
    storage: Storage,
    user: User,
    request: Request,
    crop: CropBox | None,
) -> None:
    """Make the request's body, cropped to `crop` if given, the user's picture."""
    limit = settings.FILES_MAX_UPLOAD_BYTES
    body = limited_body(
        request, limit=limit, too_large=f"Pictures up to {megabytes(limit)} are accepted"
    )
    async with receiving_body(session):
        renditions = await decode(await sniffed(body, allowed=IMAGE_TYPES), crop)
    avatar_id = uuid.uuid4()
    stored: list[str] = []
    try:
        for size, data in renditions.items():
            stored.append(avatar_key(avatar_id, size))
            await storage.put(stored[-1], data)
        previous = await crud.set_avatar(session=session, user=user, avatar_id=avatar_id)
    except Exception:
        await storage.delete(stored)
        raise
    if previous is not None:
        delete_later(session, avatar_keys(previous), summary="replaced profile picture")


async def remove_avatar(*, session: AsyncSession, user: User) -> None:
    previous = await crud.set_avatar(session=session, user=user, avatar_id=None)
    if previous is not None:
        delete_later(session, avatar_keys(previous), summary="removed profile picture")
