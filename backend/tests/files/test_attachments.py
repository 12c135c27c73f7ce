"""Item attachments on both storages: uploads streamed or sent straight to
S3, what is refused and what is left behind, downloads, and who may do
what."""

import base64
import hashlib
import hmac
import json
import re
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import httpx
import pytest
from httpx import AsyncClient
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from app.core.config import settings
from app.files.jobs import ABANDONED_AFTER, EXPIRE_UPLOADS, expire_uploads
from app.files.models import Attachment
from app.files.storage import Storage
from app.jobs.models import Job
from app.models import Item, User, utcnow
from app.organizations.permissions import BuiltInRole
from tests.factories import (
    add_member,
    auth_headers,
    create_item,
    create_organization,
    create_user,
)
from tests.files.conftest import S3_KEYS
from tests.files.samples import disconnecting_upload, png_with_html_after_it, stored_keys

API = settings.API_V1_STR
TEXT = b"Meeting notes\n" * 400
SERVER_MADE_KEY = re.compile(r"^attachments/[0-9a-f]{32}$")


def attachments_url(item: Item) -> str:
    return f"{API}/orgs/{item.organization_id}/items/{item.id}/attachments/"


async def owner_and_item(db: AsyncSession) -> tuple[User, Item, dict[str, str]]:
    user = await create_user(db=db)
    item = await create_item(db=db, owner=user)
    return user, item, await auth_headers(db=db, user=user)


async def upload(
    client: AsyncClient, item: Item, headers: dict[str, str], body: Any, name: str = "notes.txt"
) -> httpx.Response:
    return await client.post(
        attachments_url(item), params={"filename": name}, content=body, headers=headers
    )


async def rows(db: AsyncSession) -> list[Attachment]:
    return list((await db.exec(select(Attachment))).all())


async def fetch(client: AsyncClient, url: str) -> httpx.Response:
    """A download link, followed as a browser would: the API's own through
    the test client, S3's over the network."""
    if url.startswith("http://test/"):
        return await client.get(url)
    async with httpx.AsyncClient() as network:
        return await network.get(url)


@pytest.mark.usefixtures("storage")
class TestStreamedUpload:
    async def test_an_upload_is_listed_with_its_sniffed_type_and_size(
        self, client: AsyncClient, db: AsyncSession, storage: Storage
    ) -> None:
        _, item, headers = await owner_and_item(db)
        response = await upload(client, item, headers, TEXT, name="notes.pdf")
        assert response.status_code == 200
        listed = (await client.get(attachments_url(item), headers=headers)).json()
        assert listed["count"] == 1
        [attachment] = listed["data"]
        assert attachment["filename"] == "notes.pdf"
        assert attachment["content_type"] == "text/plain"
        assert attachment["size"] == len(TEXT)
        assert [SERVER_MADE_KEY.match(key) is not None for key in stored_keys(storage)] == [True]

    @pytest.mark.parametrize(
        ("name", "shown"),
        [
            ("../x", "x"),
            ("..\\..\\windows\\system.ini", "system.ini"),
            ("/etc/passwd", "passwd"),
            ("a\x00b.txt", "ab.txt"),
            ("invoice\u202etxt.exe", "invoicetxt.exe"),
            (".hidden", "hidden"),
            ("..", "file"),
            ("x" * 300 + ".txt", "x" * 251 + ".txt"),
        ],
        ids=["parent", "windows", "absolute", "nul", "rtl-override", "dotfile", "dots", "300"],
    )
    async def test_a_name_is_only_shown_never_a_path(
        self, client: AsyncClient, db: AsyncSession, storage: Storage, name: str, shown: str
    ) -> None:
        _, item, headers = await owner_and_item(db)
        response = await upload(client, item, headers, TEXT, name=name)
        assert response.status_code == 200
        assert response.json()["filename"] == shown
        assert all(SERVER_MADE_KEY.match(key) for key in stored_keys(storage))

    @pytest.mark.parametrize(
        "body",
        [
            b"<!doctype html><script>alert(1)</script>",
            b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>",
            b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 100,
            b"\x7fELF\x02\x01\x01" + b"\x00" * 100,
        ],
        ids=["html", "svg", "windows-program", "linux-program"],
    )
    async def test_contents_of_a_refused_type_are_refused_whatever_the_name(
        self, client: AsyncClient, db: AsyncSession, storage: Storage, body: bytes
    ) -> None:
        _, item, headers = await owner_and_item(db)
        response = await upload(client, item, headers, body, name="harmless.txt")
        assert response.status_code == 415
        assert "plain text" in response.json()["detail"]
        assert stored_keys(storage) == []
        assert await rows(db) == []

    async def test_a_polyglot_is_downloaded_as_a_file_never_shown_as_a_page(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _, item, headers = await owner_and_item(db)
        created = (await upload(client, item, headers, png_with_html_after_it(), "a.html")).json()
        assert created["content_type"] == "image/png"
        link = await client.get(f"{attachments_url(item)}{created['id']}/link", headers=headers)
        response = await fetch(client, link.json()["url"])
        assert response.status_code == 200
        assert response.headers["content-type"] == "image/png"
        assert response.headers["content-disposition"].startswith("attachment;")
        if response.url.host == "test":
            assert response.headers["x-content-type-options"] == "nosniff"
            assert "sandbox" in response.headers["content-security-policy"]

    async def test_a_body_declared_over_the_limit_is_refused(
        self, client: AsyncClient, db: AsyncSession, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(settings, "FILES_MAX_UPLOAD_BYTES", 1000)
        _, item, headers = await owner_and_item(db)
        response = await upload(client, item, headers, TEXT)
        assert response.status_code == 413
        assert "Files up to" in response.json()["detail"]

    async def test_a_chunked_body_is_refused_at_the_first_byte_over_and_leaves_nothing(
        self,
        client: AsyncClient,
        db: AsyncSession,
        storage: Storage,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        monkeypatch.setattr(settings, "FILES_MAX_UPLOAD_BYTES", 100_000)
        _, item, headers = await owner_and_item(db)
        sent = 0

        async def endless() -> AsyncIterator[bytes]:
            nonlocal sent
            while sent < 10_000_000:
                sent += len(TEXT)
                yield TEXT

        response = await upload(client, item, headers, endless())
        assert response.status_code == 413
        assert sent < 200_000
        assert stored_keys(storage) == []
        assert await rows(db) == []

    @pytest.mark.usefixtures("client")  # its session override
    async def test_a_client_that_disconnects_mid_upload_leaves_no_object_and_no_row(
        self, db: AsyncSession, storage: Storage
    ) -> None:
        _, item, headers = await owner_and_item(db)
        status = await disconnecting_upload(
            "POST", attachments_url(item), headers, TEXT, query=b"filename=cut.txt"
        )
        assert status in (None, 400)
        assert stored_keys(storage) == []
        assert await rows(db) == []

    async def test_past_the_quota_an_upload_is_refused_with_what_is_used(
        self, client: AsyncClient, db: AsyncSession, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(settings, "FILES_QUOTA_BYTES_PER_USER", len(TEXT) + 1000)
        _, item, headers = await owner_and_item(db)
        assert (await upload(client, item, headers, TEXT)).status_code == 200
        response = await upload(client, item, headers, TEXT)
        assert response.status_code == 413
        assert "quota" in response.json()["detail"]
        usage = (await client.get(f"{API}/users/me/storage", headers=headers)).json()
        assert usage == {"used_bytes": len(TEXT), "quota_bytes": len(TEXT) + 1000}

    async def test_a_download_link_serves_the_file_as_an_attachment(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _, item, headers = await owner_and_item(db)
        created = (await upload(client, item, headers, TEXT, "r\u00e9sum\u00e9.txt")).json()
        link = await client.get(f"{attachments_url(item)}{created['id']}/link", headers=headers)
        assert link.status_code == 200
        response = await fetch(client, link.json()["url"])
        assert response.content == TEXT
        assert "filename*=UTF-8''r%C3%A9sum%C3%A9.txt" in response.headers["content-disposition"]

    async def test_deleting_an_attachment_deletes_its_file(
        self, client: AsyncClient, db: AsyncSession, storage: Storage
    ) -> None:
        _, item, headers = await owner_and_item(db)
        created = (await upload(client, item, headers, TEXT)).json()
        response = await client.delete(f"{attachments_url(item)}{created['id']}", headers=headers)
        assert response.status_code == 200
        assert stored_keys(storage) == []
        assert await rows(db) == []

    async def test_deleting_the_item_deletes_its_files(
        self, client: AsyncClient, db: AsyncSession, storage: Storage
    ) -> None:
        _, item, headers = await owner_and_item(db)
        await upload(client, item, headers, TEXT)
        await upload(client, item, headers, TEXT)
        response = await client.delete(
            f"{API}/orgs/{item.organization_id}/items/{item.id}", headers=headers
        )
        assert response.status_code == 200
        assert stored_keys(storage) == []

    async def test_deleting_the_organization_deletes_its_files(
        self, client: AsyncClient, db: AsyncSession, storage: Storage
    ) -> None:
        owner = await create_user(db=db)
        organization = await create_organization(db=db, owner=owner)
        item = await create_item(db=db, owner=owner, organization=organization)
        headers = await auth_headers(db=db, user=owner)
        await upload(client, item, headers, TEXT)
        response = await client.request(
            "DELETE",
            f"{API}/orgs/{organization.id}",
            json={"confirmation": organization.slug},
            headers=headers,
        )
        assert response.status_code == 200, response.text
        assert stored_keys(storage) == []

    async def test_deleting_the_user_deletes_their_files(
        self, client: AsyncClient, db: AsyncSession, storage: Storage
    ) -> None:
        user, item, headers = await owner_and_item(db)
        await upload(client, item, headers, TEXT)
        admin = await create_user(db=db, is_superuser=True)
        response = await client.delete(
            f"{API}/users/{user.id}", headers=await auth_headers(db=db, user=admin)
        )
        assert response.status_code == 200
        assert stored_keys(storage) == []


class TestDirectUpload:
    @pytest.mark.usefixtures("local_storage")
    async def test_on_local_disk_the_client_is_told_to_upload_through_the_api(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _, item, headers = await owner_and_item(db)
        response = await start(client, item, headers, size=len(TEXT))
        assert response.status_code == 409
        assert await rows(db) == []

    @pytest.mark.usefixtures("s3_storage")
    async def test_a_file_sent_to_s3_as_declared_completes(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _, item, headers = await owner_and_item(db)
        ticket = (await start(client, item, headers, size=len(TEXT))).json()
        assert (
            ticket["attachment"]
            not in (await client.get(attachments_url(item), headers=headers)).json()["data"]
        )
        await post_form(ticket, TEXT)
        response = await complete(client, item, headers, ticket)
        assert response.status_code == 200
        listed = (await client.get(attachments_url(item), headers=headers)).json()
        assert [a["id"] for a in listed["data"]] == [ticket["attachment"]["id"]]

    @pytest.mark.usefixtures("s3_storage")
    async def test_the_signed_upload_binds_the_declared_size_type_and_key(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        """S3 checks a POST against its policy, and the policy against its
        signature: a client that edits either is refused by S3 itself. (The
        S3 test server does not enforce the policy, so the test reads it.)"""
        _, item, headers = await owner_and_item(db)
        ticket = (await start(client, item, headers, size=len(TEXT))).json()
        fields = ticket["fields"]
        conditions = json.loads(base64.b64decode(fields["policy"]))["conditions"]
        assert ["content-length-range", len(TEXT), len(TEXT)] in conditions
        assert {"Content-Type": "text/plain"} in conditions
        assert {"key": fields["key"]} in conditions
        assert fields["x-amz-signature"] == policy_signature(fields)
        policy = json.loads(base64.b64decode(fields["policy"]))
        policy["conditions"].remove(["content-length-range", len(TEXT), len(TEXT)])
        policy["conditions"].append(["content-length-range", 0, 5 * 1024**3])
        widened = base64.b64encode(json.dumps(policy).encode()).decode()
        assert fields["x-amz-signature"] != policy_signature({**fields, "policy": widened})

    async def test_a_file_bigger_than_declared_is_deleted_with_its_row(
        self, client: AsyncClient, db: AsyncSession, s3_storage: Storage
    ) -> None:
        _, item, headers = await owner_and_item(db)
        ticket = (await start(client, item, headers, size=100)).json()
        await post_form(ticket, TEXT)
        response = await complete(client, item, headers, ticket)
        assert response.status_code == 400
        assert f"{len(TEXT)} bytes, not the 100 declared" in response.json()["detail"]
        assert stored_keys(s3_storage) == []
        assert await rows(db) == []

    async def test_a_file_whose_contents_are_not_the_declared_type_is_deleted(
        self, client: AsyncClient, db: AsyncSession, s3_storage: Storage
    ) -> None:
        _, item, headers = await owner_and_item(db)
        ticket = (
            await start(client, item, headers, size=len(TEXT), content_type="image/png")
        ).json()
        await post_form(ticket, TEXT)
        response = await complete(client, item, headers, ticket)
        assert response.status_code == 415
        assert stored_keys(s3_storage) == []
        assert await rows(db) == []

    @pytest.mark.usefixtures("s3_storage")
    async def test_completing_before_the_file_arrived_is_a_conflict(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _, item, headers = await owner_and_item(db)
        ticket = (await start(client, item, headers, size=len(TEXT))).json()
        response = await complete(client, item, headers, ticket)
        assert response.status_code == 409
        assert len(await rows(db)) == 1

    @pytest.mark.usefixtures("storage")
    async def test_a_declared_size_over_the_direct_upload_limit_is_refused_and_leaves_no_row(
        self, client: AsyncClient, db: AsyncSession, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(settings, "FILES_QUOTA_BYTES_PER_USER", 10 * 1024**3)
        limit = settings.FILES_MAX_DIRECT_UPLOAD_BYTES
        assert limit == 5 * 1024**3
        _, item, headers = await owner_and_item(db)
        response = await start(client, item, headers, size=limit + 1)
        assert response.status_code == 413
        assert response.json()["detail"] == "Files up to 5,369 MB can be uploaded"
        assert await rows(db) == []

    @pytest.mark.usefixtures("s3_storage")
    async def test_a_declared_size_past_the_quota_is_refused_before_any_upload(
        self, client: AsyncClient, db: AsyncSession, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(settings, "FILES_QUOTA_BYTES_PER_USER", 1000)
        _, item, headers = await owner_and_item(db)
        response = await start(client, item, headers, size=1001)
        assert response.status_code == 413
        assert "quota" in response.json()["detail"]

    @pytest.mark.usefixtures("s3_storage")
    async def test_uploads_never_completed_are_forgotten_after_a_day(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _, item, headers = await owner_and_item(db)
        ticket = (await start(client, item, headers, size=len(TEXT))).json()
        await post_form(ticket, TEXT)
        [pending] = await rows(db)
        pending.created_at = utcnow() - ABANDONED_AFTER - timedelta(minutes=1)
        db.add(pending)
        await db.commit()
        await expire_uploads(db, Job(kind=EXPIRE_UPLOADS))
        await db.commit()
        assert await rows(db) == []
        queued = (await db.exec(select(Job).where(Job.kind == "delete_files"))).all()
        assert [job.payload["keys"] for job in queued] == [[pending.key]]


async def start(
    client: AsyncClient,
    item: Item,
    headers: dict[str, str],
    *,
    size: int,
    content_type: str = "text/plain",
) -> httpx.Response:
    body = {"filename": "big.txt", "size": size, "content_type": content_type}
    return await client.post(f"{attachments_url(item)}direct", json=body, headers=headers)


def policy_signature(fields: dict[str, str]) -> str:
    """The SigV4 signature of a POST policy, with the test server's secret key."""
    _, day, region, service, terminator = fields["x-amz-credential"].split("/")
    key = f"AWS4{S3_KEYS['FILES_S3_SECRET_ACCESS_KEY']}".encode()
    for part in (day, region, service, terminator):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    return hmac.new(key, fields["policy"].encode(), hashlib.sha256).hexdigest()


async def post_form(ticket: dict[str, Any], data: bytes) -> None:
    async with httpx.AsyncClient() as network:
        response = await network.post(
            ticket["url"], data=ticket["fields"], files={"file": ("big.txt", data)}
        )
    assert response.status_code in (200, 201, 204), response.text


async def complete(
    client: AsyncClient, item: Item, headers: dict[str, str], ticket: dict[str, Any]
) -> httpx.Response:
    url = f"{attachments_url(item)}{ticket['attachment']['id']}/complete"
    return await client.post(url, headers=headers)


async def test_an_unreachable_storage_answers_503_with_a_reason(
    client: AsyncClient, db: AsyncSession, unreachable_storage: Storage
) -> None:
    _, item, headers = await owner_and_item(db)
    response = await upload(client, item, headers, TEXT)
    assert response.status_code == 503
    assert "storage" in response.json()["detail"]


# Who may do what to the attachments of an item that `creator` made in an
# organization where the others hold these roles; `stranger` is in none.
CALLERS = ("creator", "admin", "member", "viewer", "stranger")
ACCESS = {
    "list": {"creator": 200, "admin": 200, "member": 200, "viewer": 200, "stranger": 404},
    "download": {"creator": 200, "admin": 200, "member": 200, "viewer": 200, "stranger": 404},
    "upload": {"creator": 200, "admin": 200, "member": 403, "viewer": 403, "stranger": 404},
    "delete": {"creator": 200, "admin": 200, "member": 403, "viewer": 403, "stranger": 404},
}


async def act(
    client: AsyncClient, action: str, item: Item, attachment_id: str, headers: dict[str, str]
) -> int:
    base = attachments_url(item)
    if action == "list":
        return (await client.get(base, headers=headers)).status_code
    if action == "download":
        return (await client.get(f"{base}{attachment_id}/link", headers=headers)).status_code
    if action == "upload":
        return (await upload(client, item, headers, TEXT)).status_code
    return (await client.delete(f"{base}{attachment_id}", headers=headers)).status_code


@pytest.mark.usefixtures("local_storage")
@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("action", sorted(ACCESS))
async def test_access_to_attachments_follows_the_items(
    client: AsyncClient, db: AsyncSession, action: str, caller: str
) -> None:
    boss = await create_user(db=db)
    organization = await create_organization(db=db, owner=boss)
    users = {name: await create_user(db=db) for name in CALLERS}
    roles = {"creator": BuiltInRole.MEMBER, "admin": BuiltInRole.ADMIN,
             "member": BuiltInRole.MEMBER, "viewer": BuiltInRole.VIEWER}  # fmt: skip
    for name, role in roles.items():
        await add_member(db=db, organization=organization, user=users[name], role=role)
    item = await create_item(db=db, owner=users["creator"], organization=organization)
    creator_headers = await auth_headers(db=db, user=users["creator"])
    attachment_id = (await upload(client, item, creator_headers, TEXT)).json()["id"]

    headers = await auth_headers(db=db, user=users[caller])
    assert await act(client, action, item, attachment_id, headers) == ACCESS[action][caller]
