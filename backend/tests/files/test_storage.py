"""The storage's contract, the same on local disk and on S3."""

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from app.core.config import settings
from app.files.keys import new_key
from app.files.storage import Storage, StorageUnavailable, storage_from

MEGABYTE = 1024 * 1024


async def chunks(count: int, *, fail_after: int | None = None) -> AsyncIterator[bytes]:
    for index in range(count):
        if index == fail_after:
            raise ConnectionResetError("the client went away")
        yield bytes([index % 256]) * MEGABYTE


async def read_all(storage: Storage, key: str) -> bytes:
    return b"".join([chunk async for chunk in await storage.stream(key)])


async def test_a_streamed_object_reads_back_whole(storage: Storage) -> None:
    key = new_key("test")
    await storage.put(key, chunks(12))
    assert await storage.size(key) == 12 * MEGABYTE
    assert await read_all(storage, key) == b"".join([bytes([i]) * MEGABYTE for i in range(12)])


async def test_a_stream_reads_back_whole_with_one_part_in_flight(storage: Storage) -> None:
    one_at_a_time = Storage(storage.store, storage.signer, parts_in_flight=1)
    key = new_key("test")
    await one_at_a_time.put(key, chunks(12))
    assert await read_all(storage, key) == b"".join([bytes([i]) * MEGABYTE for i in range(12)])


def test_the_parts_in_flight_come_from_the_settings(tmp_path: Path) -> None:
    config = settings.model_copy(
        update={"FILES_LOCAL_DIR": tmp_path, "FILES_UPLOAD_PARTS_IN_FLIGHT": 3}
    )
    assert storage_from(config).parts_in_flight == 3


async def test_a_stream_that_fails_leaves_no_object(storage: Storage) -> None:
    key = new_key("test")
    with pytest.raises(ConnectionResetError):
        await storage.put(key, chunks(12, fail_after=7))
    assert await storage.size(key) is None


async def test_the_head_is_the_first_bytes(storage: Storage) -> None:
    key = new_key("test")
    await storage.put(key, b"%PDF-1.7 and the rest")
    assert await storage.head(key, 5) == b"%PDF-"
    assert await storage.head(key, 1000) == b"%PDF-1.7 and the rest"


async def test_delete_removes_objects_and_ignores_missing_ones(storage: Storage) -> None:
    kept, deleted = new_key("test"), new_key("test")
    await storage.put(kept, b"kept")
    await storage.put(deleted, b"deleted")
    await storage.delete([deleted, new_key("never-written")])
    assert await storage.size(deleted) is None
    assert await storage.size(kept) == 4


async def test_a_missing_object_has_no_size(storage: Storage) -> None:
    assert await storage.size(new_key("test")) is None


async def test_only_s3_signs_download_links(storage: Storage) -> None:
    key = new_key("test")
    await storage.put(key, b"hello")
    url = storage.download_url(
        key, filename="r\u00e9sum\u00e9.txt", content_type="text/plain", expires=60
    )
    if storage.signer is None:
        assert url is None
        return
    assert url is not None
    async with httpx.AsyncClient() as client:
        response = await client.get(url)
    assert response.content == b"hello"
    assert response.headers["content-disposition"].startswith("attachment;")
    assert "filename*=UTF-8''r%C3%A9sum%C3%A9.txt" in response.headers["content-disposition"]


async def test_unreachable_s3_is_a_503_error(unreachable_storage: Storage) -> None:
    with pytest.raises(StorageUnavailable) as raised:
        await unreachable_storage.put(new_key("test"), b"x")
    assert raised.value.status_code == 503
    with pytest.raises(StorageUnavailable):
        await unreachable_storage.size(new_key("test"))
