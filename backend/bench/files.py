"""The files benchmark: a 200 MB attachment uploaded through the API as a
stream, then downloaded through its link, on local disk and on an S3 server
(moto's, in this process on loopback), with the API's memory sampled
throughout. One API process, on a throwaway PostgreSQL database.

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


def transfer(server: RunningServer, plan: FilesPlan) -> dict[str, float]:
    size = plan.megabytes * len(CHUNK)
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

        before = server.rss_bytes()
        with PeakMemory(server) as upload_memory:
            start = time.perf_counter()
            created = client.post(
                attachments,
                params={"filename": "minutes.txt"},
                content=body(plan.megabytes),
                headers={**headers, "Content-Length": str(size)},
            ).raise_for_status()
            upload_seconds = time.perf_counter() - start
        link = client.get(f"{attachments}{created.json()['id']}/link", headers=headers)
        url = link.raise_for_status().json()["url"]
        received = 0
        with PeakMemory(server) as download_memory:
            start = time.perf_counter()
            with httpx.stream("GET", url, timeout=300) as response:
                for chunk in response.raise_for_status().iter_bytes(1024 * 1024):
                    received += len(chunk)
            download_seconds = time.perf_counter() - start
    if received != size:
        raise RuntimeError(f"downloaded {received} bytes of {size}")
    return {
        "megabytes": size / MEGABYTE,
        "upload_mb_per_s": size / MEGABYTE / upload_seconds,
        "download_mb_per_s": size / MEGABYTE / download_seconds,
        "rss_before_mb": before / MEGABYTE,
        "upload_rss_growth_mb": (upload_memory.peak - before) / MEGABYTE,
        "download_rss_growth_mb": (download_memory.peak - before) / MEGABYTE,
    }


def run_on(
    files: dict[str, str], admin_url: str, work_dir: Path, plan: FilesPlan
) -> dict[str, float]:
    with fresh_database(admin_url) as database_url:
        env = environment(database_url, files)
        run_checked(
            [sys.executable, "-m", "alembic", "upgrade", "head"], env, work_dir / "migrate.log"
        )
        port = free_port()
        with running_server(
            production_command("app.main:app", port=port, workers=1),
            env=env,
            health_path="/api/v1/utils/health-check/",
            log_path=work_dir / "files-api.log",
        ) as server:
            return transfer(server, plan)


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
            f"+{f['upload_rss_growth_mb']:.1f} MB uploading, "
            f"+{f['download_rss_growth_mb']:.1f} MB downloading "
            "(targets on local disk: >= 150 MB/s, growth < 30 MB)"
        )
    return "\n".join(lines)
