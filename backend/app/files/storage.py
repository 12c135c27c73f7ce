"""Where files live: local disk or any S3-compatible service, behind one
`Storage` with the same calls for both.

obstore (Python bindings to Rust's `object_store`, the crate behind Arrow
and Delta Lake) does the I/O. It was chosen over aioboto3 because it gives
local disk and S3 one async API, so the app and its tests run the same
code on both; it takes an async iterator of chunks and turns it into a
multipart upload on S3 (aborted, or on disk the staging file removed, when
the iterator fails: a dropped connection leaves nothing behind); and it
streams downloads in chunks without a thread pool.

What obstore does not do is sign a request with conditions: its signed URLs
bind only the method and the path. A browser's direct upload must have its
size and type bound into the signature (an S3 POST policy), and a download
link must tell S3 to answer with `Content-Disposition: attachment`. Those
signatures are computed by botocore, AWS's own signer, offline: it makes
no request, so its being synchronous costs nothing.
"""

import logging
from collections.abc import AsyncIterable, AsyncIterator, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import obstore
from botocore.config import Config
from botocore.session import get_session
from obstore.exceptions import BaseError, NotFoundError
from obstore.store import LocalStore, S3Store

from app.core.config import Settings, settings
from app.core.errors import ServiceUnavailable

if TYPE_CHECKING:
    from obstore.store import ClientConfig, ObjectStore

logger = logging.getLogger(__name__)
# What obstore raises for a missing object: its own error on S3, Python's on disk.
MISSING = (NotFoundError, FileNotFoundError)
# Chunks handed to the response while streaming a download: big enough
# for few round trips, small enough that memory stays flat.
DOWNLOAD_CHUNK_BYTES = 1024 * 1024
# The size of an upload's parts: S3's smallest (but for the last part).
UPLOAD_PART_BYTES = 5 * 1024 * 1024


class StorageUnavailable(ServiceUnavailable):
    detail = "File storage cannot be reached right now; try again in a moment"


@dataclass(frozen=True, slots=True)
class UploadForm:
    """A browser's direct upload: POST `fields` and then the file, as
    multipart/form-data, to `url`."""

    url: str
    fields: dict[str, str]


@contextmanager
def reachable(action: str) -> Iterator[None]:
    """Turn the storage's failures (unreachable, refused credentials, no
    such bucket) into a 503 the client can read; they are the server's
    problem, never the request's."""
    try:
        yield
    except MISSING:
        raise
    except BaseError as error:
        logger.warning("file storage failed to %s: %s", action, str(error).splitlines()[0])
        raise StorageUnavailable() from error


class S3Signer:
    """Signed URLs and POST policies for a bucket, computed offline."""

    def __init__(self, config: Settings) -> None:
        self.bucket = config.FILES_S3_BUCKET
        self.client: Any = get_session().create_client(
            "s3",
            endpoint_url=config.FILES_S3_ENDPOINT,
            region_name=config.FILES_S3_REGION,
            aws_access_key_id=config.FILES_S3_ACCESS_KEY_ID,
            aws_secret_access_key=config.FILES_S3_SECRET_ACCESS_KEY,
            config=Config(signature_version="s3v4", s3={"addressing_style": "path"}),
        )

    def download_url(self, key: str, *, filename: str, content_type: str, expires: int) -> str:
        url: str = self.client.generate_presigned_url(
            "get_object",
            Params={
                "Bucket": self.bucket,
                "Key": key,
                "ResponseContentDisposition": attachment_disposition(filename),
                "ResponseContentType": content_type,
            },
            ExpiresIn=expires,
        )
        return url

    def upload_form(self, key: str, *, size: int, content_type: str, expires: int) -> UploadForm:
        post = self.client.generate_presigned_post(
            Bucket=self.bucket,
            Key=key,
            Fields={"Content-Type": content_type},
            Conditions=[["content-length-range", size, size], {"Content-Type": content_type}],
            ExpiresIn=expires,
        )
        return UploadForm(url=post["url"], fields=post["fields"])


class Storage:
    """Objects by key. Keys are made by the server (`app.files.keys`); a
    client's file name never becomes part of one."""

    def __init__(
        self, store: "ObjectStore", signer: S3Signer | None = None, *, parts_in_flight: int = 2
    ) -> None:
        self.store = store
        self.signer = signer
        self.parts_in_flight = parts_in_flight

    async def put(self, key: str, chunks: AsyncIterable[bytes] | bytes) -> None:
        """Write an object from a stream; if the stream fails, nothing is left.

        A stream goes up as a multipart upload whose parts are buffered until
        sent: an upload holds about `parts_in_flight + 1` parts in memory.
        obstore's default of 12 in flight grew the API by 70 MB and more per
        upload (docs/operations.md, "Files: measured")."""
        with reachable("write"):
            await obstore.put_async(
                self.store,
                key,
                chunks,
                chunk_size=UPLOAD_PART_BYTES,
                max_concurrency=self.parts_in_flight,
            )

    async def size(self, key: str) -> int | None:
        """The object's size in bytes, or None if there is no such object."""
        try:
            with reachable("read"):
                meta = await obstore.head_async(self.store, key)
        except MISSING:
            return None
        return meta["size"]

    async def head(self, key: str, length: int) -> bytes:
        """The object's first `length` bytes (fewer if it is shorter)."""
        size = await self.size(key) or 0
        if size == 0:
            return b""
        with reachable("read"):
            return bytes(
                await obstore.get_range_async(self.store, key, start=0, length=min(length, size))
            )

    async def stream(self, key: str) -> AsyncIterator[bytes]:
        """The object's bytes in chunks; opened before the first chunk is
        asked for, so a missing object or an unreachable storage fails
        before a response starts."""
        with reachable("read"):
            result = await obstore.get_async(self.store, key)
        return _chunks(result.stream(min_chunk_size=DOWNLOAD_CHUNK_BYTES))

    async def delete(self, keys: Sequence[str]) -> None:
        """Delete objects; keys already gone are not an error."""
        for key in keys:
            try:
                with reachable("delete"):
                    await obstore.delete_async(self.store, key)
            except MISSING:
                continue

    def download_url(
        self, key: str, *, filename: str, content_type: str, expires: int
    ) -> str | None:
        """A short-lived URL the browser downloads straight from S3, or None
        on local disk (the API streams the file itself)."""
        if self.signer is None:
            return None
        return self.signer.download_url(
            key, filename=filename, content_type=content_type, expires=expires
        )

    def upload_form(
        self, key: str, *, size: int, content_type: str, expires: int
    ) -> UploadForm | None:
        """A direct upload bound to this size and type, or None on local disk."""
        if self.signer is None:
            return None
        return self.signer.upload_form(key, size=size, content_type=content_type, expires=expires)


async def _chunks(stream: AsyncIterable[Any]) -> AsyncIterator[bytes]:
    async for chunk in stream:
        yield bytes(chunk)


def attachment_disposition(filename: str) -> str:
    """`attachment` with the name in RFC 6266's two forms: an ASCII fallback
    and the exact UTF-8 name."""
    fallback = "".join(
        c if c.isascii() and c.isprintable() and c not in '"\\' else "_" for c in filename
    )
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def storage_from(config: Settings) -> Storage:
    if config.FILES_STORAGE == "local":
        config.FILES_LOCAL_DIR.mkdir(parents=True, exist_ok=True)
        return Storage(
            LocalStore(config.FILES_LOCAL_DIR, automatic_cleanup=True),
            parts_in_flight=config.FILES_UPLOAD_PARTS_IN_FLIGHT,
        )
    client_options: ClientConfig = {"connect_timeout": timedelta(seconds=5)}
    if config.FILES_S3_ENDPOINT and config.FILES_S3_ENDPOINT.startswith("http://"):
        client_options["allow_http"] = True
    credentials = {
        key: value
        for key, value in {
            "access_key_id": config.FILES_S3_ACCESS_KEY_ID,
            "secret_access_key": config.FILES_S3_SECRET_ACCESS_KEY,
            "endpoint": config.FILES_S3_ENDPOINT,
        }.items()
        if value
    }
    store = S3Store(
        config.FILES_S3_BUCKET,
        region=config.FILES_S3_REGION,
        client_options=client_options,
        # A few quick retries, then a 503: a request must not hang on a storage that is down.
        retry_config={"max_retries": 2, "retry_timeout": timedelta(seconds=10)},
        **credentials,  # type: ignore[arg-type]  # a dict of the S3Config keys that are set
    )
    return Storage(store, S3Signer(config), parts_in_flight=config.FILES_UPLOAD_PARTS_IN_FLIGHT)


_current: Storage | None = None


def get_storage() -> Storage:
    """The app's storage, made from the settings on first use."""
    global _current  # one per process, built on first use so that importing stays cheap
    if _current is None:
        _current = storage_from(settings)
    return _current
