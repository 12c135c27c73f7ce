"""The files' background jobs: deleting stored objects once the rows that
named them are gone, and forgetting direct uploads never completed."""

import logging
import uuid
from datetime import timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from app.core.config import settings
from app.core.db import transaction
from app.files import crud
from app.files.keys import avatar_keys
from app.files.storage import get_storage
from app.jobs.kinds import job_kind
from app.jobs.models import Job
from app.jobs.queue import enqueue, queue
from app.jobs.sessions import sessions
from app.models import User, utcnow

logger = logging.getLogger("jobs")
DELETE_FILES = "delete_files"
EXPIRE_UPLOADS = "expire_uploads"
# A direct upload not completed by then never will be: its link expired long before.
ABANDONED_AFTER = timedelta(hours=24)


def delete_later(session: AsyncSession, keys: list[str], *, summary: str) -> None:
    """Delete these objects once the session's transaction commits; if it
    rolls back, the job goes with it and the files stay."""
    if keys:
        enqueue(session, DELETE_FILES, {"keys": keys}, summary=summary)


async def delete_files_of_item(*, session: AsyncSession, item_id: uuid.UUID) -> None:
    """Before an item is deleted: its attachments' files, once it is."""
    keys = await crud.attachment_keys_of_item(session=session, item_id=item_id)
    delete_later(session, keys, summary="a deleted item's attachments")


async def delete_files_of_user(*, session: AsyncSession, user: User) -> None:
    """Before a user is deleted: their picture. What they attached to items
    stays with the items (the organizations nobody else belonged to, and
    so their files, are deleted with the account)."""
    if user.avatar_id is not None:
        delete_later(session, avatar_keys(user.avatar_id), summary="a deleted user's picture")


async def delete_files_of_organization(
    *, session: AsyncSession, organization_id: uuid.UUID
) -> None:
    """Before an organization is deleted: its items' attachments' files."""
    keys = await crud.attachment_keys_of_organization(
        session=session, organization_id=organization_id
    )
    delete_later(session, keys, summary="a deleted organization's attachments")


@job_kind(DELETE_FILES)
async def delete_files(_session: AsyncSession, job: Job) -> None:
    await get_storage().delete(job.payload["keys"])


@job_kind(EXPIRE_UPLOADS)
async def expire_uploads(session: AsyncSession, _job: Job) -> None:
    keys = await crud.delete_abandoned_uploads(session=session, before=utcnow() - ABANDONED_AFTER)
    delete_later(session, keys, summary=f"{len(keys)} abandoned uploads")
    logger.info("forgot %d uploads never completed", len(keys))


@queue.periodic(cron=settings.FILES_EXPIRE_UPLOADS_CRON)
@queue.task(name="hourly_expire_uploads", queueing_lock="hourly_expire_uploads")
async def hourly_expire_uploads(timestamp: int) -> None:
    async with transaction(sessions()) as session:
        enqueue(session, EXPIRE_UPLOADS, {"period": timestamp}, summary="hourly")
