"""Item attachments: streamed through the API, or sent by the browser
straight to S3 and then checked; downloaded through a short-lived link.

Every refusal after bytes were stored deletes them, and a refusal that
must also forget a row (a direct upload that lied) is `persist`ed so the
request's rollback does not bring the row back.
"""

from collections.abc import AsyncIterator, Callable

from sqlmodel.ext.asyncio.session import AsyncSession
from starlette.requests import Request

from app.core.config import settings
from app.core.errors import BadRequest, Conflict, PayloadTooLarge, UnsupportedMediaType
from app.files import crud
from app.files.jobs import delete_later
from app.files.keys import ATTACHMENTS, new_key
from app.files.links import LinkedFile, download_token, link_expiry
from app.files.models import (
    Attachment,
    AttachmentPublic,
    DirectUploadCreate,
    DirectUploadPublic,
    DownloadLink,
)
from app.files.sniff import ATTACHMENT_TYPES, SNIFF_BYTES, describe, sniff
from app.files.storage import Storage
from app.files.uploads import (
    clean_filename,
    limited_body,
    megabytes,
    receiving_body,
    sniffed,
)
from app.models import Item, User


class DirectUploadRefused(BadRequest):
    persist = True


class DirectUploadTypeRefused(UnsupportedMediaType):
    persist = True


async def room_left(*, session: AsyncSession, user: User) -> int:
    """Bytes the user may still store; PayloadTooLarge if none."""
    used = await crud.used_bytes(session=session, owner_id=user.id)
    left = settings.FILES_QUOTA_BYTES_PER_USER - used
    if left <= 0:
        raise PayloadTooLarge(quota_message(used))
    return left


async def reserve_room(*, session: AsyncSession, user: User, size: int) -> None:
    """Check that `size` more bytes fit in the user's quota, holding the
    quota until the transaction that adds them ends; PayloadTooLarge if not.
    Checked when an upload starts only, two uploads at once would both fit
    the room left before either and together pass the quota."""
    await crud.hold_quota(session=session, owner_id=user.id)
    used = await crud.used_bytes(session=session, owner_id=user.id)
    if used + size > settings.FILES_QUOTA_BYTES_PER_USER:
        raise PayloadTooLarge(quota_message(used))


def quota_message(used: int) -> str:
    quota = settings.FILES_QUOTA_BYTES_PER_USER
    return (
        f"Your files take {megabytes(used)} of your {megabytes(quota)} quota: "
        "delete some to make room for this one"
    )


async def counted(chunks: AsyncIterator[bytes], total: list[int]) -> AsyncIterator[bytes]:
    async for chunk in chunks:
        total[0] += len(chunk)
        yield chunk


async def upload_attachment(
    *,
    session: AsyncSession,
    storage: Storage,
    item: Item,
    user: User,
    request: Request,
    filename: str,
) -> Attachment:
    """Store the request's body as an attachment of `item`."""
    left = await room_left(session=session, user=user)
    limit = min(settings.FILES_MAX_UPLOAD_BYTES, left)
    too_large = (
        f"Files up to {megabytes(limit)} can be uploaded here"
        if limit == settings.FILES_MAX_UPLOAD_BYTES
        else quota_message(settings.FILES_QUOTA_BYTES_PER_USER - left)
    )
    key = new_key(ATTACHMENTS)
    size = [0]
    stored = False
    try:
        async with receiving_body(session):
            upload = await sniffed(
                limited_body(request, limit=limit, too_large=too_large), allowed=ATTACHMENT_TYPES
            )
            await storage.put(key, counted(upload.chunks, size))
            stored = True
        await reserve_room(session=session, user=user, size=size[0])
        return await crud.create_attachment(
            session=session,
            item_id=item.id,
            owner_id=user.id,
            filename=clean_filename(filename),
            content_type=upload.content_type,
            size=size[0],
            key=key,
            completed=True,
        )
    except Exception:
        if stored:
            await storage.delete([key])
        raise


async def start_direct_upload(
    *, session: AsyncSession, storage: Storage, item: Item, user: User, body: DirectUploadCreate
) -> DirectUploadPublic:
    """A row waiting for its file, and the signed form the browser posts
    the file with; its size and type are bound into the signature."""
    if body.size > settings.FILES_MAX_DIRECT_UPLOAD_BYTES:
        raise PayloadTooLarge(
            f"Files up to {megabytes(settings.FILES_MAX_DIRECT_UPLOAD_BYTES)} can be uploaded"
        )
    if body.content_type not in ATTACHMENT_TYPES:
        raise UnsupportedMediaType(
            f"Files of this type are not accepted ({describe(ATTACHMENT_TYPES)} are)"
        )
    await reserve_room(session=session, user=user, size=body.size)
    key = new_key(ATTACHMENTS)
    expires_at = link_expiry()
    form = storage.upload_form(
        key,
        size=body.size,
        content_type=body.content_type,
        expires=settings.FILES_LINK_EXPIRE_SECONDS,
    )
    if form is None:
        raise Conflict("Files are kept on the server's disk here: upload them through the API")
    attachment = await crud.create_attachment(
        session=session,
        item_id=item.id,
        owner_id=user.id,
        filename=clean_filename(body.filename),
        content_type=body.content_type,
        size=body.size,
        key=key,
        completed=False,
    )
    return DirectUploadPublic(
        attachment=AttachmentPublic.model_validate(attachment),
        url=form.url,
        fields=form.fields,
        expires_at=expires_at,
    )


async def complete_direct_upload(
    *, session: AsyncSession, storage: Storage, attachment: Attachment
) -> Attachment:
    """Check that the file arrived with the size and type it was declared
    with; otherwise forget it, file and row."""
    if attachment.completed_at is not None:
        return attachment
    size = await storage.size(attachment.key)
    if size is None:
        raise Conflict("The file has not arrived yet: upload it first, then complete it")
    if size != attachment.size:
        await forget(session=session, storage=storage, attachment=attachment)
        raise DirectUploadRefused(
            f"The file that arrived is {size} bytes, not the {attachment.size} declared; "
            "upload it again"
        )
    found = sniff(await storage.head(attachment.key, SNIFF_BYTES))
    if found != attachment.content_type:
        await forget(session=session, storage=storage, attachment=attachment)
        raise DirectUploadTypeRefused(
            f"The file's contents are not {attachment.content_type}, as declared; upload it again"
        )
    return await crud.complete_attachment(session=session, attachment=attachment)


async def forget(*, session: AsyncSession, storage: Storage, attachment: Attachment) -> None:
    await storage.delete([attachment.key])
    await crud.delete_attachment(session=session, attachment=attachment)


async def delete_attachment(*, session: AsyncSession, attachment: Attachment) -> None:
    """Forget the row now, delete the file once that is committed."""
    await crud.delete_attachment(session=session, attachment=attachment)
    delete_later(session, [attachment.key], summary=f"deleted attachment {attachment.filename}")


def download_link(
    *, storage: Storage, attachment: Attachment, local_url: Callable[[str], str]
) -> DownloadLink:
    """A signed S3 URL, or on local disk the URL of the API's own download
    route for a token (`local_url(token)`)."""
    expires_at = link_expiry()
    url = storage.download_url(
        attachment.key,
        filename=attachment.filename,
        content_type=attachment.content_type,
        expires=settings.FILES_LINK_EXPIRE_SECONDS,
    )
    if url is None:
        file = LinkedFile(attachment.key, attachment.filename, attachment.content_type)
        url = local_url(download_token(file, expires_at=expires_at))
    return DownloadLink(url=url, expires_at=expires_at)
