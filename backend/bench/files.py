"""The files benchmark: a 200 MB attachment uploaded through the API as a
stream, then downloaded through its link, on local disk and on an S3 server
(moto's, in this process on loopback), with the API's memory sampled
throughout. One API process uploads; another, started afresh and warmed up
by a 1 MB download, downloads, so that neither's growth includes what the
other left. On a throwaway PostgreSQL database.

On S3 the download link goes to the S3 server itself, as in production: the
API only signs it, so its memory is not involved in that download."""

import sys
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from botocore.session import get_session
from moto.server import ThreadedMotoServer

from bench.database import fresh_database
from bench.server import RunningServer, free_port, production_command, run_checked, running_server

MEGABYTE = 1_000_000
CHUNK = b"Minutes of the meeting, line after line of them.\n" * 20_000  # 0.98 MB
S3_KEYS = {"FILES_S3_ACCESS_KEY_ID": "bench", "FILES_S3_SECRET_ACCESS_KEY": "bench-secret"}


@dataclass(frozen=True)
class FilesPlan:
    megabytes: int


FILES_FULL = FilesPlan(megabytes=200)
FILES_SHORT = FilesPlan(megabytes=50)


class PeakMemory:
    """The server's resident memory, sampled every 50 ms while in use."""

    def __init__(self, server: RunningServer) -> None:
        self.server = server
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self.server.rss_bytes())
            time.sleep(0.05)

    def __enter__(self) -> "PeakMemory":
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()


def environment(database_url: str, files: dict[str, str]) -> dict[str, str]:
    return {
        "ENV_FILE": "",
        "ENVIRONMENT": "local",
        "SECRET_KEY": "bench-files-" + uuid.uuid4().hex,
        "DATABASE_URL": database_url,
        "RATE_LIMIT_ENABLED": "false",
        # region capability: background_jobs
        "JOBS_ENABLED": "false",
        # endregion capability: background_jobs
        "LOG_LEVEL": "WARNING",
        "REDIS_URL": "",
        # region capability: sentry
        "SENTRY_DSN": "",
        # endregion capability: sentry
        "FILES_MAX_UPLOAD_BYTES": str(1024 * MEGABYTE),
        "FILES_QUOTA_BYTES_PER_USER": str(10_000 * MEGABYTE),
        **files,
    }


@contextmanager
def s3_bucket() -> Iterator[dict[str, str]]:
    """A bucket on moto's S3 server, as the app's settings."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=free_port(), verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    bucket = f"bench-{uuid.uuid4().hex[:8]}"
    client: Any = get_session().create_client(  # botocore builds its methods at run time
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id=S3_KEYS["FILES_S3_ACCESS_KEY_ID"],
        aws_secret_access_key=S3_KEYS["FILES_S3_SECRET_ACCESS_KEY"],
    )
    client.create_bucket(Bucket=bucket)
    try:
        yield {
            "FILES_STORAGE": "s3",
            "FILES_S3_ENDPOINT": endpoint,
            "FILES_S3_BUCKET": bucket,
            **S3_KEYS,
        }
    finally:
        server.stop()


def body(megabytes: int) -> Iterator[bytes]:
    for _ in range(megabytes):
        yield CHUNK


@dataclass(frozen=True)
class Uploaded:
    """What the upload left for the download: who may read, and where."""

    headers: dict[str, str]
    attachments: str  # the item's attachments path
    big: str  # attachment ids
    small: str
    figures: dict[str, float]


def upload(server: RunningServer, plan: FilesPlan) -> Uploaded:
    with httpx.Client(base_url=server.base_url, timeout=300) as client:
        user = {
            "email": f"files-{uuid.uuid4().hex[:8]}@bench.example",
            "password": "bench-Passw0rd",
        }
        client.post("/api/v1/private/users/", json={**user, "is_verified": True}).raise_for_status()
        login = client.post("/api/v1/login/access-token", data={"username": user["email"], **user})
        headers = {"Authorization": f"Bearer {login.raise_for_status().json()['access_token']}"}
        organizations = client.get("/api/v1/orgs/", headers=headers).raise_for_status().json()
        org = next(o["id"] for o in organizations["data"] if o["personal"])
        item = client.post(
            f"/api/v1/orgs/{org}/items/", json={"title": "bench"}, headers=headers
        ).raise_for_status()
        attachments = f"/api/v1/orgs/{org}/items/{item.json()['id']}/attachments/"

        def post(megabytes: int) -> str:
            return str(
                client.post(
                    attachments,
                    params={"filename": "minutes.txt"},
                    content=body(megabytes),
                    headers={**headers, "Content-Length": str(megabytes * len(CHUNK))},
                )
                .raise_for_status()
                .json()["id"]
            )

        small = post(1)  # the download's warm-up, and the upload's
        before = server.rss_bytes()
        with PeakMemory(server) as memory:
            start = time.perf_counter()
            big = post(plan.megabytes)
            seconds = time.perf_counter() - start
    size = plan.megabytes * len(CHUNK)
    figures = {
        "megabytes": size / MEGABYTE,
        "upload_mb_per_s": size / MEGABYTE / seconds,
        "rss_before_mb": before / MEGABYTE,
        "upload_rss_growth_mb": (memory.peak - before) / MEGABYTE,
    }
    return Uploaded(headers, attachments, big, small, figures)


def download(server: RunningServer, uploaded: Uploaded, plan: FilesPlan) -> dict[str, float]:
    """In an API process of its own, warmed up by a small download first, so
    that its growth is the download's alone."""

    def fetch(attachment_id: str) -> int:
        link = client.get(f"{uploaded.attachments}{attachment_id}/link", headers=uploaded.headers)
        received = 0
        with httpx.stream("GET", link.raise_for_status().json()["url"], timeout=300) as response:
            for chunk in response.raise_for_status().iter_bytes(1024 * 1024):
                received += len(chunk)
        return received

    with httpx.Client(base_url=server.base_url, timeout=300) as client:
        fetch(uploaded.small)
        before = server.rss_bytes()
        with PeakMemory(server) as memory:
            start = time.perf_counter()
            received = fetch(uploaded.big)
            seconds = time.perf_counter() - start
    size = plan.megabytes * len(CHUNK)
    if received != size:
        raise RuntimeError(f"downloaded {received} bytes of {size}")
    return {
        "download_mb_per_s": size / MEGABYTE / seconds,
        "download_rss_before_mb": before / MEGABYTE,
        "download_rss_growth_mb": (memory.peak - before) / MEGABYTE,
    }


def run_on(
    files: dict[str, str], admin_url: str, work_dir: Path, plan: FilesPlan
) -> dict[str, float]:
    with fresh_database(admin_url) as database_url:
        env = environment(database_url, files)
        run_checked(
            [sys.executable, "-m", "alembic", "upgrade", "head"], env, work_dir / "migrate.log"
        )

        def api(label: str) -> Any:
            return running_server(
                production_command("app.main:app", port=free_port(), workers=1),
                env=env,
                health_path="/api/v1/utils/health-check/",
                log_path=work_dir / f"files-api-{label}.log",
            )

        with api("upload") as server:
            uploaded = upload(server, plan)
        with api("download") as server:
            return uploaded.figures | download(server, uploaded, plan)


def run(admin_url: str, work_dir: Path, plan: FilesPlan) -> dict[str, Any]:
    local = {"FILES_STORAGE": "local", "FILES_LOCAL_DIR": str(work_dir / "files")}
    figures = {"local": run_on(local, admin_url, work_dir, plan)}
    with s3_bucket() as s3:
        figures["s3"] = run_on(s3, admin_url, work_dir, plan)
    return figures


def summary(figures: dict[str, Any]) -> str:
    lines = []
    for storage, f in figures.items():
        lines.append(
            f"files ({storage}): {f['megabytes']:.0f} MB up {f['upload_mb_per_s']:.0f} MB/s, "
            f"down {f['download_mb_per_s']:.0f} MB/s; API RSS {f['rss_before_mb']:.0f} MB, "
            f"+{f['upload_rss_growth_mb']:.1f} MB uploading; a fresh API process "
            f"{f['download_rss_before_mb']:.0f} MB, +{f['download_rss_growth_mb']:.1f} MB "
            "downloading "
            "(targets on local disk: >= 150 MB/s, growth < 30 MB)"
        )
    return "\n".join(lines)
