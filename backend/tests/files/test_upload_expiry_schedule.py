"""Uploads never completed are forgotten by a job the queue's scheduler
starts every hour, whatever the workers are doing."""

from datetime import UTC, datetime, timedelta
from itertools import pairwise

import pytest
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from app.files import crud
from app.files.jobs import ABANDONED_AFTER, EXPIRE_UPLOADS, hourly_expire_uploads
from app.files.models import Attachment
from app.files.storage import Storage
from app.jobs.models import Job
from app.jobs.queue import queue
from app.jobs.worker import run_queued_jobs
from app.models import utcnow
from tests.factories import create_item, create_user
from tests.files.samples import stored_keys

SCHEDULED_TASK = ("hourly_expire_uploads", "")


def test_the_scheduler_starts_it_once_an_hour() -> None:
    periodic = queue.periodic_registry.periodic_tasks[SCHEDULED_TASK]
    assert periodic.task is hourly_expire_uploads
    times = periodic.croniter
    times.set_current(datetime(2030, 1, 1, tzinfo=UTC))
    fired = [times.get_next(datetime) for _ in range(49)]
    assert {later - earlier for earlier, later in pairwise(fired)} == {timedelta(hours=1)}


@pytest.mark.usefixtures("client")  # the queue and the jobs' sessions
async def test_each_scheduled_run_forgets_the_uploads_never_completed(
    db: AsyncSession, local_storage: Storage
) -> None:
    user = await create_user(db=db)
    item = await create_item(db=db, owner=user)
    abandoned, recent = "attachments/" + "a" * 32, "attachments/" + "b" * 32
    for key in (abandoned, recent):
        await local_storage.put(key, b"half a file")
        await crud.create_attachment(
            session=db,
            item_id=item.id,
            owner_id=user.id,
            filename="big.txt",
            content_type="text/plain",
            size=100,
            key=key,
            completed=False,
        )
    old = (await db.exec(select(Attachment).where(Attachment.key == abandoned))).one()
    old.created_at = utcnow() - ABANDONED_AFTER - timedelta(minutes=1)
    await db.commit()

    await hourly_expire_uploads(int(utcnow().timestamp()))
    await run_queued_jobs()

    (job,) = (await db.exec(select(Job).where(Job.kind == EXPIRE_UPLOADS))).all()
    assert job.summary == "hourly"
    remaining = (await db.exec(select(Attachment.key))).all()
    assert list(remaining) == [recent]
    assert stored_keys(local_storage) == [recent]
