"""Reading an upload: the request body as a stream, refused at the first
byte over its limit, its type sniffed from its first bytes before anything
is stored; and the name the client gave it, cleaned for display."""

import re
import unicodedata
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from sqlmodel.ext.asyncio.session import AsyncSession
from starlette.requests import ClientDisconnect, Request

from app.core.config import settings
from app.core.db import commit, turn_lent
from app.core.errors import BadRequest, PayloadTooLarge, UnsupportedMediaType
from app.files.sniff import SNIFF_BYTES, describe, sniff
from app.files.transfers import transfer_slot

# The routes that read their body as a stream and enforce their own limit;
# the app-wide body limit (BodySizeLimitMiddleware) lets them through.
STREAMED_PATHS = re.compile(
    rf"^{re.escape(settings.API_V1_STR)}/(users/me/avatar|orgs/[^/]+/items/[^/]+/attachments/?)$"
)
FILENAME_MAX_LENGTH = 255
# Right-to-left overrides and other invisible direction marks can make
# "gpj.exe" read as "exe.jpg"; they have no place in a file name.
DIRECTION_MARKS = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


@dataclass(frozen=True, slots=True)
class Upload:
    """An upload whose type is known and allowed, its bytes still to come."""

    content_type: str
    chunks: AsyncIterator[bytes]


def megabytes(size: int) -> str:
    """A size for people to read: three significant digits below 100 MB,
    whole megabytes with thousands separators above (never `5.37e+03 MB`)."""
    value = size / 1_000_000
    return f"{value:,.0f} MB" if value >= 100 else f"{value:.3g} MB"


@asynccontextmanager
async def receiving_body(session: AsyncSession) -> AsyncIterator[None]:
    """The block that reads the request's body, in a transfer slot
    (app.files.transfers) and out of the database's way.

    The request's transaction ends first: what the checks read and wrote so
    far (the token check's) is committed, and the writes after the upload
    run in a transaction of their own. Held open, a client sending slowly
    would keep SQLite's write lock (every other write would wait) or a
    pooled PostgreSQL connection for as long as it takes. The request's turn
    at the database is lent meanwhile, so that slow uploads cannot take the
    turns every other request waits for; it queues for one again after."""
    with transfer_slot():
        await commit(session)
        async with turn_lent(session):
            yield


async def limited_body(request: Request, *, limit: int, too_large: str) -> AsyncIterator[bytes]:
    """The body's chunks; PayloadTooLarge as soon as it is declared or read
    to be over `limit` bytes, BadRequest if the client goes away."""
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > limit):
        raise PayloadTooLarge(too_large)
    received = 0
    try:
        async for chunk in request.stream():
            received += len(chunk)
            if received > limit:
                raise PayloadTooLarge(too_large)
            if chunk:
                yield chunk
    except ClientDisconnect as error:
        raise BadRequest("The upload stopped before the whole file arrived") from error


async def sniffed(chunks: AsyncIterator[bytes], *, allowed: frozenset[str]) -> Upload:
    """Read enough of the stream to know its type; refuse it unless allowed."""
    head = b""
    async for chunk in chunks:
        head += chunk
        if len(head) >= SNIFF_BYTES:
            break
    if not head:
        raise BadRequest("The file is empty")
    content_type = sniff(head)
    if content_type not in allowed:
        raise UnsupportedMediaType(
            f"This file's contents are not an accepted type ({describe(allowed)})"
        )

    async def whole() -> AsyncIterator[bytes]:
        yield head
        async for chunk in chunks:
            yield chunk

    return Upload(content_type, whole())


def clean_filename(name: str) -> str:
    """The client's file name made safe to show and to put in a header:
    its last path component, without control characters or direction
    marks, at most 255 characters with its extension kept."""
    name = unicodedata.normalize("NFC", name)
    name = re.split(r"[/\\]", name)[-1]
    name = "".join(
        c for c in name if c not in DIRECTION_MARKS and unicodedata.category(c)[0] != "C"
    )
    name = name.strip().lstrip(".").strip()
    if len(name) > FILENAME_MAX_LENGTH:
        stem, dot, extension = name.rpartition(".")
        if dot and 0 < len(extension) <= 16:
            name = stem[: FILENAME_MAX_LENGTH - len(extension) - 1] + "." + extension
        else:
            name = name[:FILENAME_MAX_LENGTH]
    return name or "file"
