"""Sentry receives server errors, never the client's 4xx.

The app runs in its own process with SENTRY_DSN pointing at a local HTTP
server standing in for Sentry's ingestion endpoint, which records what the
SDK sends.
"""

import gzip
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from app.core.config import BACKEND_DIR

CLIENT = """
import asyncio, sentry_sdk
from httpx import ASGITransport, AsyncClient
from app.main import app

@app.get("/boom", tags=["test"])
async def boom() -> None:
    raise RuntimeError("deliberate failure for the Sentry test")

async def main() -> None:
    transport = ASGITransport(app=app, raise_app_exceptions=False)
    async with AsyncClient(transport=transport, base_url="http://test") as client:
        assert (await client.get("/api/v1/users/me")).status_code == 401
        assert (await client.get("/api/v1/users/not-a-uuid")).status_code in (401, 422)
        assert (await client.get("/nowhere")).status_code == 404
        assert (await client.get("/boom")).status_code == 500
    sentry_sdk.flush(timeout=5)

asyncio.run(main())
"""


@pytest.fixture
def sentry_inbox() -> Iterator[tuple[int, list[bytes]]]:
    received: list[bytes] = []

    class Ingest(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"] or 0))
            if self.headers.get("Content-Encoding") == "gzip":
                body = gzip.decompress(body)
            received.append(body)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *_args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Ingest)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], received
    server.shutdown()
    server.server_close()


def test_server_errors_reach_sentry_and_client_errors_do_not(
    sentry_inbox: tuple[int, list[bytes]], tmp_path: Path
) -> None:
    port, received = sentry_inbox
    env = {
        "ENV_FILE": "",
        "ENVIRONMENT": "staging",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'app.db'}",
        "SECRET_KEY": "s" * 40,
        "FIRST_SUPERUSER_PASSWORD": "first-superuser-Pa55",
        "SENTRY_DSN": f"http://publickey@127.0.0.1:{port}/1",
        "PATH": "/usr/bin:/bin",
    }
    result = subprocess.run(
        [sys.executable, "-c", CLIENT],
        cwd=BACKEND_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    events = [body for body in received if b'"type":"event"' in body]
    assert len(events) == 1
    assert b"deliberate failure for the Sentry test" in events[0]
