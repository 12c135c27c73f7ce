"""An upload through the API is streamed to storage: the process never
holds the whole file, however large it is.

tracemalloc sees what Python allocates: the request's chunks, anything that
joins them, and the chunks the storage library keeps until they make up one
part of the upload (about 5 MB, UPLOAD_PART_BYTES). What that library
allocates itself is outside it, and bounded by `Storage.put`."""

import tracemalloc
from collections.abc import AsyncIterator, Iterator

import obstore
import pytest
from httpx import AsyncClient
from sqlmodel.ext.asyncio.session import AsyncSession

from app.core.config import settings
from app.files.storage import Storage
from tests.factories import auth_headers, create_item, create_user

FILE_BYTES = 40 * 1024 * 1024
CHUNK = b"A line of the minutes, long enough to be worth sending.\n" * 1170  # 64 KB
PEAK_CEILING = 8 * 1024 * 1024


async def a_large_text_file() -> AsyncIterator[bytes]:
    """FILE_BYTES of text, made as it is sent: the test holds one chunk."""
    sent = 0
    while sent < FILE_BYTES:
        piece = CHUNK[: FILE_BYTES - sent]
        sent += len(piece)
        yield piece


@pytest.fixture
def traced() -> Iterator[None]:
    tracemalloc.start()
    try:
        yield
    finally:
        tracemalloc.stop()


@pytest.mark.usefixtures("traced")
async def test_a_large_upload_never_holds_the_whole_file_in_memory(
    client: AsyncClient,
    db: AsyncSession,
    local_storage: Storage,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(settings, "FILES_MAX_UPLOAD_BYTES", 2 * FILE_BYTES)
    user = await create_user(db=db)
    item = await create_item(db=db, owner=user)
    headers = await auth_headers(db=db, user=user)
    url = f"{settings.API_V1_STR}/orgs/{item.organization_id}/items/{item.id}/attachments/"

    tracemalloc.reset_peak()
    response = await client.post(
        url, params={"filename": "minutes.txt"}, content=a_large_text_file(), headers=headers
    )
    _current, peak = tracemalloc.get_traced_memory()

    assert response.status_code == 200, response.text
    assert response.json()["size"] == FILE_BYTES
    (stored,) = [meta for batch in obstore.list(local_storage.store) for meta in batch]
    assert stored["size"] == FILE_BYTES
    assert peak < PEAK_CEILING, (
        f"{peak / 1_000_000:.1f} MB held at once for a {FILE_BYTES // 1_000_000} MB file"
    )
