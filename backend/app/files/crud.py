"""Reading and writing the files' rows (writes flush, never commit)."""

import uuid
from datetime import datetime

from sqlalchemy import delete, func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from app.files.models import Attachment
from app.models import Item, User, utcnow


async def set_avatar(
    *, session: AsyncSession, user: User, avatar_id: uuid.UUID | None
) -> uuid.UUID | None:
    """Give the user this picture (or none); returns the one it replaces."""
    previous = user.avatar_id
    user.avatar_id = avatar_id
    session.add(user)
    await session.flush()
    return previous


async def create_attachment(
    *,
    session: AsyncSession,
    item_id: uuid.UUID,
    owner_id: uuid.UUID,
    filename: str,
    content_type: str,
    size: int,
    key: str,
    completed: bool,
) -> Attachment:
    attachment = Attachment(
        item_id=item_id,
        owner_id=owner_id,
        filename=filename,
        content_type=content_type,
        size=size,
        key=key,
        completed_at=utcnow() if completed else None,
    )
    session.add(attachment)
    await session.flush()
    return attachment


async def list_attachments(
    *, session: AsyncSession, item_id: uuid.UUID
) -> tuple[list[Attachment], int]:
    """An item's completed attachments, newest first."""
    rows = await session.exec(
        select(Attachment)
        .where(Attachment.item_id == item_id, col(Attachment.completed_at).is_not(None))
        .order_by(col(Attachment.created_at).desc(), col(Attachment.id))
    )
    attachments = list(rows.all())
    return attachments, len(attachments)


async def get_attachment(
    *, session: AsyncSession, item_id: uuid.UUID, attachment_id: uuid.UUID
) -> Attachment | None:
    """The item's attachment by id, completed or not."""
    rows = await session.exec(
        select(Attachment).where(Attachment.id == attachment_id, Attachment.item_id == item_id)
    )
    return rows.first()


async def complete_attachment(*, session: AsyncSession, attachment: Attachment) -> Attachment:
    attachment.completed_at = utcnow()
    session.add(attachment)
    await session.flush()
    return attachment


async def delete_attachment(*, session: AsyncSession, attachment: Attachment) -> None:
    await session.delete(attachment)
    await session.flush()


async def hold_quota(*, session: AsyncSession, owner_id: uuid.UUID) -> None:
    """Lock the user's row until the transaction ends, so that two uploads
    cannot each read the usage, find room, and both add to it. SQLite takes
    its one write lock when the transaction begins (`BEGIN IMMEDIATE`,
    app.core.db), which serialises them there already."""
    await session.exec(select(User.id).where(User.id == owner_id).with_for_update())


async def used_bytes(*, session: AsyncSession, owner_id: uuid.UUID) -> int:
    """What the user's attachments take, uploads under way included."""
    total = await session.exec(
        select(func.coalesce(func.sum(Attachment.size), 0)).where(Attachment.owner_id == owner_id)
    )
    return int(total.one())


async def attachment_keys_of_item(*, session: AsyncSession, item_id: uuid.UUID) -> list[str]:
    rows = await session.exec(select(Attachment.key).where(Attachment.item_id == item_id))
    return list(rows.all())


async def attachment_keys_of_organization(
    *, session: AsyncSession, organization_id: uuid.UUID
) -> list[str]:
    items = select(Item.id).where(Item.organization_id == organization_id)
    rows = await session.exec(select(Attachment.key).where(col(Attachment.item_id).in_(items)))
    return list(rows.all())


async def delete_abandoned_uploads(*, session: AsyncSession, before: datetime) -> list[str]:
    """Forget direct uploads started before `before` and never completed;
    returns their keys, whose objects (if any arrived) are to be deleted."""
    rows = await session.exec(
        delete(Attachment)
        .where(col(Attachment.completed_at).is_(None), col(Attachment.created_at) < before)
        .returning(col(Attachment.key))
    )
    return list(rows.scalars().all())
