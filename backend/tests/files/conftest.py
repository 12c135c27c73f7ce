"""Both storages the app supports, for tests that run on each: local disk
in a temporary directory, and a real S3-protocol server (moto's, in this
process, on loopback)."""

import socket
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from botocore.session import get_session
from moto.server import ThreadedMotoServer

from app.core.config import Settings, settings
from app.files import storage as storage_module
from app.files.storage import Storage, storage_from

S3_KEYS = {"FILES_S3_ACCESS_KEY_ID": "test-key", "FILES_S3_SECRET_ACCESS_KEY": "test-secret"}


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    """moto's S3 server on a free loopback port, for the whole run."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield f"http://{host}:{port}"
    finally:
        server.stop()


def s3_settings(endpoint: str, bucket: str) -> Settings:
    return settings.model_copy(
        update={
            "FILES_STORAGE": "s3",
            "FILES_S3_ENDPOINT": endpoint,
            "FILES_S3_BUCKET": bucket,
            **S3_KEYS,
        }
    )


def create_bucket(endpoint: str) -> str:
    bucket = f"files-{uuid.uuid4().hex[:12]}"
    # botocore builds its S3 client's methods at run time; its stubs cannot see them.
    client: Any = get_session().create_client(
        "s3",
        endpoint_url=endpoint,
        region_name=settings.FILES_S3_REGION,
        aws_access_key_id=S3_KEYS["FILES_S3_ACCESS_KEY_ID"],
        aws_secret_access_key=S3_KEYS["FILES_S3_SECRET_ACCESS_KEY"],
    )
    client.create_bucket(Bucket=bucket)
    return bucket


def use_storage(config: Settings, monkeypatch: pytest.MonkeyPatch) -> Storage:
    made = storage_from(config)
    monkeypatch.setattr(storage_module, "_current", made)
    return made


@pytest.fixture
def local_storage(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Storage:
    """The app's storage for this test: a temporary directory."""
    config = settings.model_copy(
        update={"FILES_STORAGE": "local", "FILES_LOCAL_DIR": tmp_path / "files"}
    )
    return use_storage(config, monkeypatch)


@pytest.fixture
def s3_storage(s3_endpoint: str, monkeypatch: pytest.MonkeyPatch) -> Storage:
    """The app's storage for this test: a new bucket on the S3 server."""
    return use_storage(s3_settings(s3_endpoint, create_bucket(s3_endpoint)), monkeypatch)


@pytest.fixture(params=["local_storage", "s3_storage"])
def storage(request: pytest.FixtureRequest) -> Storage:
    """The app's storage for this test, on local disk and then on S3."""
    made: Storage = request.getfixturevalue(request.param)
    return made


@pytest.fixture
def unreachable_storage(monkeypatch: pytest.MonkeyPatch) -> Storage:
    """S3 settings pointing at a loopback port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return use_storage(s3_settings(f"http://127.0.0.1:{port}", "nowhere"), monkeypatch)
