"""Files to upload: real images, hostile ones, and what is left in storage."""

import struct
import zlib
from io import BytesIO

import obstore
from PIL import Image
from starlette.types import Message, Scope

from app.files.storage import Storage
from app.main import app


def png(width: int = 300, height: int = 200, color: str = "teal") -> bytes:
    out = BytesIO()
    Image.new("RGB", (width, height), color).save(out, format="PNG")
    return out.getvalue()


def two_halves_png(left: str = "red", right: str = "blue", side: int = 100) -> bytes:
    """A picture two squares wide: `left` beside `right`."""
    image = Image.new("RGB", (2 * side, side), left)
    image.paste(Image.new("RGB", (side, side), right), (side, 0))
    out = BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def sideways_jpeg() -> bytes:
    """A photo stored on its side, red left and blue right, whose EXIF
    orientation (6) says to turn it a quarter clockwise: upright it is
    100 wide and 200 high, red above blue."""
    image = Image.open(BytesIO(two_halves_png()))
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation
    out = BytesIO()
    image.save(out, format="JPEG", quality=95, exif=exif.tobytes())
    return out.getvalue()


def jpeg_with_location() -> bytes:
    """A JPEG whose EXIF says where it was taken."""
    image = Image.new("RGB", (120, 90), "orange")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (48.0, 51.0, 24.0)}  # GPS latitude
    out = BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def decompression_bomb(side: int = 20_000) -> bytes:
    """A one-bit PNG of `side` by `side` pixels, all zero: tens of kilobytes
    that decode to hundreds of megabytes."""
    row = b"\x00" * (1 + (side + 7) // 8)
    packer = zlib.compressobj(9)
    data = b"".join(packer.compress(row) for _ in range(side)) + packer.flush()
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", data)
        + png_chunk(b"IEND", b"")
    )


def png_with_html_after_it() -> bytes:
    """A polyglot: a valid PNG, and an HTML page after its end."""
    return png(40, 40) + b"<html><script>alert(document.cookie)</script></html>"


GIF_JAVASCRIPT = b"GIF89a/*\x00\x00\x00\x00*/=alert(document.domain);//"
HTML_NAMED_PNG = b"<!doctype html><script>alert(1)</script>"


def stored_keys(storage: Storage) -> list[str]:
    return [meta["path"] for batch in obstore.list(storage.store) for meta in batch]


async def disconnecting_upload(
    method: str, path: str, headers: dict[str, str], first: bytes, query: bytes = b""
) -> int | None:
    """Send `first` as the start of a longer body, then hang up: the app
    sees `http.disconnect` where the rest should be. Returns the status it
    answered with, if it did."""
    messages: list[Message] = [
        {"type": "http.request", "body": first, "more_body": True},
        {"type": "http.disconnect"},
    ]

    async def receive() -> Message:
        return messages.pop(0) if messages else {"type": "http.disconnect"}

    sent: list[Message] = []

    async def send(message: Message) -> None:
        sent.append(message)

    scope: Scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query,
        "root_path": "",
        "headers": [
            (b"host", b"test"),
            (b"content-length", b"100000"),
            *((k.lower().encode(), v.encode()) for k, v in headers.items()),
        ],
        "client": ("127.0.0.1", 50000),
        "server": ("test", 80),
    }
    await app(scope, receive, send)
    starts = [m for m in sent if m["type"] == "http.response.start"]
    return starts[0]["status"] if starts else None
