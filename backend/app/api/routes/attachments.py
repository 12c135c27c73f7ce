"""An item's attachments. Access follows the item's: its organization's
members with items:read list and download them; uploading and deleting
take items:write and, as changing the item does, being its creator or
holding items:admin."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Request

from app.api.deps import SessionDep
from app.api.responses import errors
from app.api.routes.avatars import raw_body
from app.api.routes.items import check_own_or_admin, found_item
from app.core.errors import NotFound
from app.files import attachments, crud
from app.files.deps import StorageDep
from app.files.models import (
    Attachment,
    AttachmentPublic,
    AttachmentsPublic,
    DirectUploadCreate,
    DirectUploadPublic,
    DownloadLink,
)
from app.files.sniff import ATTACHMENT_TYPES
from app.models import Item, Message
from app.organizations.access import Access, require_permission

router = APIRouter(prefix="/orgs/{org_id}/items/{item_id}/attachments", tags=["attachments"])

Reader = Annotated[Access, require_permission("items:read")]
Writer = Annotated[Access, require_permission("items:write")]
Filename = Annotated[
    str, Query(min_length=1, max_length=1000, description="The file's name, shown to people.")
]


async def changeable_item(session: SessionDep, access: Access, item_id: uuid.UUID) -> Item:
    item, _ = await found_item(session, access, item_id)
    check_own_or_admin(access, item)
    return item


async def found_attachment(
    session: SessionDep, access: Access, item_id: uuid.UUID, attachment_id: uuid.UUID
) -> Attachment:
    await found_item(session, access, item_id)
    attachment = await crud.get_attachment(
        session=session, item_id=item_id, attachment_id=attachment_id
    )
    if attachment is None:
        raise NotFound("Attachment not found")
    return attachment


@router.get("/", responses=errors(401, 403, 404))
async def read_attachments(
    session: SessionDep, access: Reader, item_id: uuid.UUID
) -> AttachmentsPublic:
    """The item's attachments, newest first."""
    await found_item(session, access, item_id)
    found, count = await crud.list_attachments(session=session, item_id=item_id)
    return AttachmentsPublic(data=[AttachmentPublic.model_validate(a) for a in found], count=count)


@router.post(
    "/",
    openapi_extra=raw_body(ATTACHMENT_TYPES),
    responses=errors(400, 401, 403, 404, 413, 415, 503),
)
async def upload_attachment(
    session: SessionDep,
    access: Writer,
    storage: StorageDep,
    item_id: uuid.UUID,
    filename: Filename,
    request: Request,
) -> AttachmentPublic:
    """Attach a file: the request's body is the file itself. Its type is
    read from its contents; the name is kept only to show."""
    item = await changeable_item(session, access, item_id)
    attachment = await attachments.upload_attachment(
        session=session,
        storage=storage,
        item=item,
        user=access.user,
        request=request,
        filename=filename,
    )
    return AttachmentPublic.model_validate(attachment)


@router.post("/direct", responses=errors(400, 401, 403, 404, 409, 413, 415))
async def start_direct_upload(
    session: SessionDep,
    access: Writer,
    storage: StorageDep,
    item_id: uuid.UUID,
    body: DirectUploadCreate,
) -> DirectUploadPublic:
    """Send a large file straight to S3: POST it with the returned form,
    then complete it. 409 when files are kept on the server's disk: upload
    through the API instead."""
    item = await changeable_item(session, access, item_id)
    return await attachments.start_direct_upload(
        session=session, storage=storage, item=item, user=access.user, body=body
    )


@router.post("/{attachment_id}/complete", responses=errors(400, 401, 403, 404, 409, 415, 503))
async def complete_direct_upload(
    session: SessionDep,
    access: Writer,
    storage: StorageDep,
    item_id: uuid.UUID,
    attachment_id: uuid.UUID,
) -> AttachmentPublic:
    """Check that a direct upload arrived whole and as declared."""
    await changeable_item(session, access, item_id)
    attachment = await found_attachment(session, access, item_id, attachment_id)
    attachment = await attachments.complete_direct_upload(
        session=session, storage=storage, attachment=attachment
    )
    return AttachmentPublic.model_validate(attachment)


@router.get("/{attachment_id}/link", responses=errors(401, 403, 404))
async def read_download_link(
    session: SessionDep,
    access: Reader,
    storage: StorageDep,
    item_id: uuid.UUID,
    attachment_id: uuid.UUID,
    request: Request,
) -> DownloadLink:
    """A link that downloads the file for a few minutes, without credentials."""
    attachment = await found_attachment(session, access, item_id, attachment_id)
    if attachment.completed_at is None:
        raise NotFound("Attachment not found")
    return attachments.download_link(
        storage=storage,
        attachment=attachment,
        local_url=lambda token: str(request.url_for("download_file", token=token)),
    )


@router.delete("/{attachment_id}", responses=errors(401, 403, 404))
async def delete_attachment(
    session: SessionDep,
    access: Writer,
    item_id: uuid.UUID,
    attachment_id: uuid.UUID,
) -> Message:
    """Delete an attachment; its file is deleted in the background."""
    await changeable_item(session, access, item_id)
    attachment = await found_attachment(session, access, item_id, attachment_id)
    await attachments.delete_attachment(session=session, attachment=attachment)
    return Message(message="Attachment deleted")
