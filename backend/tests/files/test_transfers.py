"""Uploads and downloads against the server's admission: a slow upload
lends its turn at the database while its body arrives, so other requests
go on; transfers have slots of their own, and past them a new one gets a
503 with Retry-After at once. The app runs on the real connection pool and
the real session dependency, with a single turn at the database."""

import asyncio
import gc
from collections.abc import AsyncIterator

import httpx
import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from app.api import deps
from app.core.config import settings
from app.core.db import ConnectionQueue
from app.files.storage import Storage
from app.files.transfers import SlotHeldStream, transfers
from app.main import app
from app.models import Item
from tests.factories import auth_headers, create_item, create_user
from tests.files.samples import png

API = settings.API_V1_STR
TEXT = b"Minutes of the meeting\n" * 500


@pytest.fixture
async def one_turn_client(
    live_client: AsyncClient, engine: AsyncEngine, monkeypatch: pytest.MonkeyPatch
) -> AsyncClient:
    """`live_client` through the app's own session dependency, with one
    turn at the database that a request waits at most half a second for."""
    app.dependency_overrides.pop(deps.get_session)
    monkeypatch.setattr(deps, "connection_queue", ConnectionQueue(1, timeout=0.5))
    monkeypatch.setattr(
        deps,
        "SessionFactory",
        async_sessionmaker(engine, class_=AsyncSession, expire_on_commit=False),
    )
    return live_client


@pytest.fixture
async def item_and_headers(engine: AsyncEngine) -> tuple[Item, dict[str, str]]:
    async with AsyncSession(engine, expire_on_commit=False) as db:
        user = await create_user(db=db)
        item = await create_item(db=db, owner=user)
        return item, await auth_headers(db=db, user=user)


class SlowBody:
    """A body whose second half waits until `finish` is set; `started` is set
    once the server has read the first half and asks for more."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.started = asyncio.Event()
        self.finish = asyncio.Event()

    async def __aiter__(self) -> AsyncIterator[bytes]:
        half = len(self.data) // 2
        yield self.data[:half]
        self.started.set()
        await self.finish.wait()
        yield self.data[half:]


def attachments_url(item: Item) -> str:
    return f"{API}/orgs/{item.organization_id}/items/{item.id}/attachments/"


async def slow_upload(
    client: AsyncClient, item: Item, headers: dict[str, str], body: SlowBody
) -> "asyncio.Task[httpx.Response]":
    task = asyncio.create_task(
        client.post(
            attachments_url(item), params={"filename": "slow.txt"}, content=body, headers=headers
        )
    )
    await asyncio.wait_for(body.started.wait(), timeout=5)
    return task


@pytest.mark.usefixtures("local_storage")
async def test_other_requests_go_on_while_an_upload_body_arrives(
    one_turn_client: AsyncClient, item_and_headers: tuple[Item, dict[str, str]]
) -> None:
    item, headers = item_and_headers
    body = SlowBody(TEXT)
    uploading = await slow_upload(one_turn_client, item, headers, body)

    me = await one_turn_client.get(f"{API}/users/me", headers=headers)
    listed = await one_turn_client.get(attachments_url(item), headers=headers)

    body.finish.set()
    assert me.status_code == 200
    assert listed.json()["count"] == 0
    uploaded = await uploading
    assert uploaded.status_code == 200
    assert uploaded.json()["size"] == len(TEXT)


@pytest.mark.usefixtures("local_storage")
async def test_past_the_transfer_slots_an_upload_is_refused_with_retry_after(
    one_turn_client: AsyncClient,
    item_and_headers: tuple[Item, dict[str, str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(settings, "FILES_MAX_CONCURRENT_TRANSFERS", 1)
    item, headers = item_and_headers
    body = SlowBody(TEXT)
    uploading = await slow_upload(one_turn_client, item, headers, body)

    refused = await one_turn_client.put(f"{API}/users/me/avatar", content=png(), headers=headers)

    body.finish.set()
    assert refused.status_code == 503
    assert refused.headers["retry-after"] == "5"
    assert "uploads and downloads" in refused.json()["detail"]
    assert (await uploading).status_code == 200
    assert transfers.in_use == 0
    accepted = await one_turn_client.put(f"{API}/users/me/avatar", content=png(), headers=headers)
    assert accepted.status_code == 200


@pytest.mark.usefixtures("local_storage")
async def test_past_the_transfer_slots_a_download_is_refused_with_retry_after(
    one_turn_client: AsyncClient,
    item_and_headers: tuple[Item, dict[str, str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    item, headers = item_and_headers
    uploaded = await one_turn_client.post(
        attachments_url(item), params={"filename": "notes.txt"}, content=TEXT, headers=headers
    )
    link = await one_turn_client.get(
        f"{attachments_url(item)}{uploaded.json()['id']}/link", headers=headers
    )
    url = link.json()["url"]
    monkeypatch.setattr(settings, "FILES_MAX_CONCURRENT_TRANSFERS", 1)

    other_transfer = transfers.take()
    refused = await one_turn_client.get(url)
    other_transfer.give_back()

    assert refused.status_code == 503
    assert refused.headers["retry-after"] == "5"
    assert (await one_turn_client.get(url)).content == TEXT
    assert transfers.in_use == 0


async def chunks(count: int) -> AsyncIterator[bytes]:
    for index in range(count):
        yield bytes([index])


async def test_a_download_stream_holds_its_slot_until_read_whole() -> None:
    stream = SlotHeldStream(chunks(3))
    assert transfers.in_use == 1
    assert [chunk async for chunk in stream] == [b"\x00", b"\x01", b"\x02"]
    assert transfers.in_use == 0


async def test_a_download_stream_dropped_unfinished_gives_its_slot_back() -> None:
    stream = SlotHeldStream(chunks(3))
    assert await anext(stream) == b"\x00"
    del stream
    gc.collect()
    assert transfers.in_use == 0


async def test_an_upload_that_fails_gives_its_slot_and_turn_back(
    one_turn_client: AsyncClient,
    item_and_headers: tuple[Item, dict[str, str]],
    local_storage: Storage,
) -> None:
    item, headers = item_and_headers
    refused = await one_turn_client.post(
        attachments_url(item),
        params={"filename": "page.html"},
        content=b"<!doctype html><p>hello</p>" * 10,
        headers=headers,
    )
    assert refused.status_code == 415
    assert transfers.in_use == 0
    assert (await one_turn_client.get(f"{API}/users/me", headers=headers)).status_code == 200
