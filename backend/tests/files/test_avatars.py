"""Profile pictures: what is accepted, what is refused, and that nothing
is left behind by a refused or interrupted upload; on both storages."""

from collections.abc import AsyncIterator
from io import BytesIO
from typing import Any

import pytest
from httpx import AsyncClient
from PIL import Image
from sqlmodel.ext.asyncio.session import AsyncSession

from app.core.config import settings
from app.files.storage import Storage
from app.models import User
from app.organizations.permissions import BuiltInRole
from tests.factories import auth_headers, create_organization, create_user
from tests.files.samples import (
    GIF_JAVASCRIPT,
    HTML_NAMED_PNG,
    decompression_bomb,
    disconnecting_upload,
    jpeg_with_location,
    png,
    png_with_html_after_it,
    sideways_jpeg,
    stored_keys,
    two_halves_png,
)

API = settings.API_V1_STR
AVATAR = f"{API}/users/me/avatar"


async def caller(db: AsyncSession) -> tuple[User, dict[str, str]]:
    user = await create_user(db=db)
    return user, await auth_headers(db=db, user=user)


async def upload(client: AsyncClient, headers: dict[str, str], body: Any, **extra: str) -> Any:
    return await client.put(AVATAR, content=body, headers={**headers, **extra})


async def picture(client: AsyncClient, avatar_id: str, size: int) -> Image.Image:
    response = await client.get(f"{API}/avatars/{avatar_id}/{size}")
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/webp"
    return Image.open(BytesIO(response.content))


@pytest.mark.usefixtures("storage")
class TestUploadAvatar:
    async def test_a_picture_is_stored_square_at_both_sizes(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _, headers = await caller(db)
        response = await upload(client, headers, png(300, 200))
        assert response.status_code == 200
        avatar_id = response.json()["avatar_id"]
        assert avatar_id is not None
        for size in (256, 64):
            assert (await picture(client, avatar_id, size)).size == (size, size)

    async def test_the_stored_picture_keeps_no_metadata(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _, headers = await caller(db)
        response = await upload(client, headers, jpeg_with_location())
        stored = await picture(client, response.json()["avatar_id"], 256)
        assert not stored.getexif()
        assert "exif" not in stored.info

    async def test_a_new_picture_replaces_and_deletes_the_old_one(
        self, client: AsyncClient, db: AsyncSession, storage: Storage
    ) -> None:
        _, headers = await caller(db)
        first = (await upload(client, headers, png(color="red"))).json()["avatar_id"]
        second = (await upload(client, headers, png(color="blue"))).json()["avatar_id"]
        assert first != second
        keys = stored_keys(storage)
        assert not [key for key in keys if first.replace("-", "") in key]
        assert len([key for key in keys if second.replace("-", "") in key]) == 2
        gone = await client.get(f"{API}/avatars/{first}/64")
        assert gone.status_code == 404

    async def test_removing_the_picture_deletes_its_files(
        self, client: AsyncClient, db: AsyncSession, storage: Storage
    ) -> None:
        _, headers = await caller(db)
        await upload(client, headers, png())
        response = await client.delete(AVATAR, headers=headers)
        assert response.status_code == 200
        assert response.json()["avatar_id"] is None
        assert stored_keys(storage) == []

    @pytest.mark.parametrize(
        ("body", "claimed_type"),
        [
            (HTML_NAMED_PNG, "image/png"),
            (b"%PDF-1.7\n%binary", "image/png"),
            (b"\x00\x01\x02\x03" * 100, "image/jpeg"),
            (b"just some words", "image/gif"),
        ],
        ids=["html", "pdf", "binary", "text"],
    )
    async def test_bytes_that_are_not_an_image_are_refused_whatever_the_claimed_type(
        self,
        client: AsyncClient,
        db: AsyncSession,
        storage: Storage,
        body: bytes,
        claimed_type: str,
    ) -> None:
        _, headers = await caller(db)
        response = await upload(client, headers, body, **{"content-type": claimed_type})
        assert response.status_code == 415
        assert "PNG" in response.json()["detail"]
        assert stored_keys(storage) == []

    async def test_an_image_whose_magic_bytes_lie_is_refused_as_unreadable(
        self, client: AsyncClient, db: AsyncSession, storage: Storage
    ) -> None:
        _, headers = await caller(db)
        response = await upload(client, headers, GIF_JAVASCRIPT)
        assert response.status_code == 400
        assert "could not be read" in response.json()["detail"]
        assert stored_keys(storage) == []

    async def test_a_polyglot_is_stored_as_pixels_only(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _, headers = await caller(db)
        response = await upload(client, headers, png_with_html_after_it())
        assert response.status_code == 200
        served = await client.get(f"{API}/avatars/{response.json()['avatar_id']}/256")
        assert b"<script" not in served.content
        assert served.content.startswith(b"RIFF")

    async def test_a_decompression_bomb_is_refused_before_it_is_decoded(
        self, client: AsyncClient, db: AsyncSession, storage: Storage
    ) -> None:
        _, headers = await caller(db)
        bomb = decompression_bomb()
        assert len(bomb) < 200_000
        response = await upload(client, headers, bomb)
        assert response.status_code == 400
        assert "too large" in response.json()["detail"]
        assert stored_keys(storage) == []

    async def test_an_image_over_the_pixel_limit_is_refused_with_its_size(
        self, client: AsyncClient, db: AsyncSession, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(settings, "FILES_MAX_IMAGE_PIXELS", 10_000)
        _, headers = await caller(db)
        response = await upload(client, headers, png(200, 100))
        assert response.status_code == 400
        assert "200×100" in response.json()["detail"]

    async def test_a_body_declared_over_the_limit_is_refused_before_it_is_read(
        self, client: AsyncClient, db: AsyncSession, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(settings, "FILES_MAX_UPLOAD_BYTES", 1000)
        _, headers = await caller(db)
        response = await upload(client, headers, png(400, 400, "white") + b"\x00" * 2000)
        assert response.status_code == 413
        assert "0.001 MB" in response.json()["detail"]

    async def test_a_chunked_body_is_refused_at_the_first_byte_over_the_limit(
        self,
        client: AsyncClient,
        db: AsyncSession,
        storage: Storage,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        monkeypatch.setattr(settings, "FILES_MAX_UPLOAD_BYTES", 10_000)
        user, headers = await caller(db)
        sent = 0

        async def endless() -> AsyncIterator[bytes]:
            nonlocal sent
            yield png(10, 10)
            while sent < 1_000_000:
                sent += 4096
                yield b"\x00" * 4096

        response = await upload(client, headers, endless())
        assert response.status_code == 413
        assert sent < 20_000
        assert stored_keys(storage) == []
        await db.refresh(user)
        assert user.avatar_id is None

    @pytest.mark.usefixtures("client")  # its session override
    async def test_a_client_that_disconnects_mid_upload_leaves_nothing(
        self, db: AsyncSession, storage: Storage
    ) -> None:
        user, headers = await caller(db)
        status = await disconnecting_upload("PUT", AVATAR, headers, png(500, 500)[:2000])
        assert status in (None, 400)
        assert stored_keys(storage) == []
        await db.refresh(user)
        assert user.avatar_id is None


async def test_an_unreachable_storage_answers_503_with_a_reason(
    client: AsyncClient, db: AsyncSession, unreachable_storage: Storage
) -> None:
    _, headers = await caller(db)
    response = await upload(client, headers, png())
    assert response.status_code == 503
    assert "storage" in response.json()["detail"]


async def test_a_size_that_is_not_kept_is_not_found(client: AsyncClient) -> None:
    response = await client.get(f"{API}/avatars/00000000-0000-0000-0000-000000000000/100")
    assert response.status_code == 404


def near(pixel: Any, color: tuple[int, int, int]) -> bool:
    """WebP is lossy: a pixel is the colour when each channel is within a few levels."""
    return all(abs(channel - wanted) <= 8 for channel, wanted in zip(pixel, color, strict=False))


RED, BLUE = (255, 0, 0), (0, 0, 255)


@pytest.mark.usefixtures("local_storage")
class TestCrop:
    async def crop(self, client: AsyncClient, headers: dict[str, str], **crop: int) -> Any:
        params = {f"crop_{name}": str(value) for name, value in crop.items()}
        return await client.put(AVATAR, content=two_halves_png(), params=params, headers=headers)

    @pytest.mark.parametrize(("x", "color"), [(0, RED), (100, BLUE)], ids=["left", "right"])
    async def test_the_stored_picture_is_the_square_chosen(
        self, client: AsyncClient, db: AsyncSession, x: int, color: tuple[int, int, int]
    ) -> None:
        _, headers = await caller(db)
        response = await self.crop(client, headers, x=x, y=0, size=100)
        assert response.status_code == 200
        for size in (256, 64):
            stored = (await picture(client, response.json()["avatar_id"], size)).convert("RGB")
            corners = [(0, 0), (size - 1, 0), (0, size - 1), (size - 1, size - 1)]
            assert all(near(stored.getpixel(xy), color) for xy in corners)

    async def test_the_crop_is_in_the_upright_pictures_pixels(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _, headers = await caller(db)
        response = await client.put(
            AVATAR,
            content=sideways_jpeg(),
            params={"crop_x": "0", "crop_y": "100", "crop_size": "100"},
            headers=headers,
        )
        assert response.status_code == 200
        stored = (await picture(client, response.json()["avatar_id"], 64)).convert("RGB")
        assert near(stored.getpixel((32, 32)), BLUE)

    async def test_without_a_crop_the_centre_square_is_kept(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _, headers = await caller(db)
        response = await upload(client, headers, two_halves_png())
        stored = (await picture(client, response.json()["avatar_id"], 256)).convert("RGB")
        assert near(stored.getpixel((10, 128)), RED)
        assert near(stored.getpixel((245, 128)), BLUE)

    @pytest.mark.parametrize(
        "crop",
        [
            {"x": 101, "y": 0, "size": 100},
            {"x": 0, "y": 1, "size": 100},
            {"x": 0, "y": 0, "size": 101},
        ],
        ids=["past-the-right", "past-the-bottom", "too-big"],
    )
    async def test_a_crop_outside_the_picture_is_refused_and_nothing_stored(
        self, client: AsyncClient, db: AsyncSession, local_storage: Storage, crop: dict[str, int]
    ) -> None:
        user, headers = await caller(db)
        response = await self.crop(client, headers, **crop)
        assert response.status_code == 400
        assert "inside the 200×100 picture" in response.json()["detail"]
        assert stored_keys(local_storage) == []
        await db.refresh(user)
        assert user.avatar_id is None

    async def test_a_crop_given_in_part_is_refused(
        self, client: AsyncClient, db: AsyncSession
    ) -> None:
        _, headers = await caller(db)
        response = await self.crop(client, headers, x=0, y=0)
        assert response.status_code == 400
        assert "together" in response.json()["detail"]

    @pytest.mark.parametrize(
        "crop",
        [{"x": -1, "y": 0, "size": 50}, {"x": 0, "y": 0, "size": 0}],
        ids=["negative", "empty"],
    )
    async def test_a_negative_or_empty_crop_is_refused_before_the_upload(
        self, client: AsyncClient, db: AsyncSession, local_storage: Storage, crop: dict[str, int]
    ) -> None:
        _, headers = await caller(db)
        response = await self.crop(client, headers, **crop)
        assert response.status_code == 422
        assert stored_keys(local_storage) == []


@pytest.mark.usefixtures("local_storage")
async def test_the_member_list_gives_each_members_picture_or_none(
    client: AsyncClient, db: AsyncSession
) -> None:
    owner, owner_headers = await caller(db)
    pictured, pictured_headers = await caller(db)
    plain = await create_user(db=db)
    organization = await create_organization(
        db=db, owner=owner, members={BuiltInRole.MEMBER: [pictured, plain]}
    )
    avatar_id = (await upload(client, pictured_headers, png())).json()["avatar_id"]

    response = await client.get(f"{API}/orgs/{organization.id}/members/", headers=owner_headers)

    avatars = {member["email"]: member["avatar_id"] for member in response.json()["data"]}
    assert avatars == {owner.email: None, pictured.email: avatar_id, plain.email: None}
