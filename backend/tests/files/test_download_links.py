"""Download links: on local disk the API's own link works only for its
lifetime and only as signed; on S3 the signed URL carries that lifetime;
and who may ask for one, beyond the organization's members."""

import asyncio
import base64
import json
from urllib.parse import parse_qs, urlsplit

import pytest
from httpx import AsyncClient
from sqlmodel.ext.asyncio.session import AsyncSession

from app.core.config import settings
from app.models import Item
from tests.factories import auth_headers, create_item, create_organization, create_user

API = settings.API_V1_STR
TEXT = b"Quarterly figures\n" * 100


def attachments_url(item: Item) -> str:
    return f"{API}/orgs/{item.organization_id}/items/{item.id}/attachments/"


async def item_with_file(
    client: AsyncClient, db: AsyncSession, name: str = "figures.txt"
) -> tuple[Item, str, dict[str, str]]:
    """An item of a new user's, in a new organization, with one file attached."""
    owner = await create_user(db=db)
    organization = await create_organization(db=db, owner=owner)
    item = await create_item(db=db, owner=owner, organization=organization)
    headers = await auth_headers(db=db, user=owner)
    response = await client.post(
        attachments_url(item), params={"filename": name}, content=TEXT, headers=headers
    )
    return item, response.json()["id"], headers


async def link_for(
    client: AsyncClient, item: Item, attachment_id: str, headers: dict[str, str]
) -> str:
    response = await client.get(f"{attachments_url(item)}{attachment_id}/link", headers=headers)
    assert response.status_code == 200
    url: str = response.json()["url"]
    return url


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


@pytest.mark.usefixtures("local_storage")
class TestLocalLink:
    async def test_a_link_is_refused_once_its_lifetime_is_over(
        self, client: AsyncClient, db: AsyncSession, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(settings, "FILES_LINK_EXPIRE_SECONDS", 2)
        item, attachment_id, headers = await item_with_file(client, db)
        url = await link_for(client, item, attachment_id, headers)
        assert (await client.get(url)).status_code == 200
        await asyncio.sleep(3.1)
        response = await client.get(url)
        assert response.status_code == 404
        assert response.json()["detail"] == "This download link has expired or is not valid"

    async def test_a_link_with_an_altered_signature_is_refused(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        item, attachment_id, headers = await item_with_file(client, db)
        url = await link_for(client, item, attachment_id, headers)
        signature = url.rsplit(".", 1)[1]
        altered = b64(bytes(byte ^ 1 for byte in unb64(signature)))
        response = await client.get(f"{url.rsplit('.', 1)[0]}.{altered}")
        assert response.status_code == 404
        assert response.json()["detail"] == "This download link has expired or is not valid"

    async def test_a_link_rewritten_to_name_another_file_is_refused(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        item, attachment_id, headers = await item_with_file(client, db)
        other_item, other_id, other_headers = await item_with_file(client, db, "secret.txt")
        mine = await link_for(client, item, attachment_id, headers)
        theirs = await link_for(client, other_item, other_id, other_headers)
        header, payload, signature = mine.rsplit("/", 1)[1].split(".")
        claims = json.loads(unb64(payload))
        claims["key"] = json.loads(unb64(theirs.rsplit("/", 1)[1].split(".")[1]))["key"]
        forged = f"{header}.{b64(json.dumps(claims).encode())}.{signature}"
        response = await client.get(f"{mine.rsplit('/', 1)[0]}/{forged}")
        assert response.status_code == 404
        assert TEXT not in response.content


@pytest.mark.usefixtures("s3_storage")
async def test_an_s3_link_expires_after_the_configured_lifetime(
    client: AsyncClient, db: AsyncSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(settings, "FILES_LINK_EXPIRE_SECONDS", 90)
    item, attachment_id, headers = await item_with_file(client, db)
    url = await link_for(client, item, attachment_id, headers)
    assert parse_qs(urlsplit(url).query)["X-Amz-Expires"] == ["90"]


@pytest.mark.usefixtures("local_storage")
async def test_a_superuser_outside_the_organization_may_download_and_a_stranger_may_not(
    client: AsyncClient, db: AsyncSession
) -> None:
    item, attachment_id, _ = await item_with_file(client, db)
    superuser = await auth_headers(db=db, user=await create_user(db=db, is_superuser=True))
    stranger = await auth_headers(db=db, user=await create_user(db=db))
    url = await link_for(client, item, attachment_id, superuser)
    assert (await client.get(url)).content == TEXT
    refused = await client.get(f"{attachments_url(item)}{attachment_id}/link", headers=stranger)
    assert refused.status_code == 404
