"""The per-user quota holds under concurrent uploads: whatever arrives at
once, at most the quota is stored and the upload that does not fit gets a
413 that says why. These tests run the app on the real connection pool,
with real commits, on each engine."""

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from app.core.config import settings
from app.files.models import Attachment
from app.files.storage import Storage
from app.models import Item
from tests.factories import auth_headers, create_item, create_user
from tests.files.samples import stored_keys

API = settings.API_V1_STR
TEXT = b"Minutes of the meeting\n" * 500
HALF = len(TEXT) // 2


@pytest.fixture
async def live_db(engine: AsyncEngine) -> AsyncIterator[AsyncSession]:
    """A session whose commits are real, to arrange what `live_client` reads."""
    async with AsyncSession(engine, expire_on_commit=False) as session:
        yield session


async def owner_and_item(db: AsyncSession) -> tuple[Item, dict[str, str]]:
    user = await create_user(db=db)
    item = await create_item(db=db, owner=user)
    headers = await auth_headers(db=db, user=user)  # commits
    return item, headers


def attachments_url(item: Item) -> str:
    return f"{API}/orgs/{item.organization_id}/items/{item.id}/attachments/"


async def meeting_halfway(barrier: asyncio.Barrier) -> AsyncIterator[bytes]:
    """The file in two halves, the second sent only once every upload has
    sent its first: each has then passed the quota check made at its start."""
    yield TEXT[:HALF]
    await barrier.wait()
    yield TEXT[HALF:]


async def stored_rows(db: AsyncSession) -> list[Attachment]:
    return list((await db.exec(select(Attachment))).all())


async def test_two_streamed_uploads_at_once_cannot_pass_the_quota(
    live_client: AsyncClient,
    live_db: AsyncSession,
    local_storage: Storage,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(settings, "FILES_QUOTA_BYTES_PER_USER", len(TEXT) * 3 // 2)
    item, headers = await owner_and_item(live_db)
    barrier = asyncio.Barrier(2)

    async def upload(name: str) -> httpx.Response:
        return await live_client.post(
            attachments_url(item),
            params={"filename": name},
            content=meeting_halfway(barrier),
            headers=headers,
        )

    responses = await asyncio.gather(upload("first.txt"), upload("second.txt"))

    assert sorted(r.status_code for r in responses) == [200, 413]
    [refused] = [r for r in responses if r.status_code == 413]
    assert "quota" in refused.json()["detail"]
    [kept] = await stored_rows(live_db)
    assert kept.size == len(TEXT)
    assert stored_keys(local_storage) == [kept.key]


async def test_two_direct_uploads_at_once_cannot_reserve_past_the_quota(
    live_client: AsyncClient,
    live_db: AsyncSession,
    s3_storage: Storage,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(settings, "FILES_QUOTA_BYTES_PER_USER", 1500)
    item, headers = await owner_and_item(live_db)

    async def start(name: str) -> httpx.Response:
        return await live_client.post(
            f"{attachments_url(item)}direct",
            json={"filename": name, "size": 1000, "content_type": "text/plain"},
            headers=headers,
        )

    responses = await asyncio.gather(*(start(f"file-{n}.txt") for n in range(4)))

    assert sorted(r.status_code for r in responses) == [200, 413, 413, 413]
    assert [row.size for row in await stored_rows(live_db)] == [1000]
