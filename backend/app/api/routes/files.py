"""What is not one resource's: the caller's storage use, and downloads of
files kept on local disk through the links the attachments' link route
signs (on S3 those links go to S3 instead)."""

from fastapi import APIRouter
from fastapi.responses import StreamingResponse

from app.api.deps import CurrentUser, SessionDep
from app.api.responses import errors
from app.core.config import settings
from app.core.errors import NotFound
from app.files import crud
from app.files.deps import StorageDep
from app.files.links import linked_file
from app.files.models import StorageUsage
from app.files.storage import MISSING, attachment_disposition
from app.files.transfers import SlotHeldStream

router = APIRouter(tags=["files"])

# The file is never shown as a page of this site: saved, not rendered
# (attachment), its type not guessed (nosniff), and if a browser renders
# it anyway, with no script, no plugin, no same-origin access (sandbox).
DOWNLOAD_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
}


@router.get("/users/me/storage", responses=errors(401))
async def read_storage_usage(session: SessionDep, user: CurrentUser) -> StorageUsage:
    """How much the caller's attachments take, and how much they may."""
    return StorageUsage(
        used_bytes=await crud.used_bytes(session=session, owner_id=user.id),
        quota_bytes=settings.FILES_QUOTA_BYTES_PER_USER,
    )


@router.get(
    "/files/{token}",
    response_class=StreamingResponse,
    responses={200: {"content": {"application/octet-stream": {}}}, **errors(404, 503)},
)
async def download_file(token: str, storage: StorageDep) -> StreamingResponse:
    """The file a download link names, as an attachment, while the link is valid."""
    file = linked_file(token)
    try:
        chunks = await storage.stream(file.key)
    except MISSING as error:
        raise NotFound("This file no longer exists") from error
    return StreamingResponse(
        SlotHeldStream(chunks),
        media_type=file.content_type,
        headers={
            **DOWNLOAD_HEADERS,
            "Content-Disposition": attachment_disposition(file.filename),
        },
    )
