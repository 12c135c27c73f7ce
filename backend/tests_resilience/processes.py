"""Real processes for the failure tests: a throwaway PostgreSQL cluster that
can be stopped and restarted, and backends started the way production does."""

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import httpx

BACKEND_DIR = Path(__file__).resolve().parents[1]
BIN_DIR = Path(sys.executable).parent
API = "/api/v1"
ADMIN_EMAIL = "admin@example.com"
ADMIN_PASSWORD = "resilience-Admin-Pa55"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def postgres_bin_dir() -> Path | None:
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), reverse=True)
    found = candidates[0].parent if candidates else None
    if found is None and shutil.which("pg_ctl"):
        found = Path(shutil.which("pg_ctl") or "").parent
    return found


def as_postgres_user(command: Sequence[str]) -> list[str]:
    """initdb and postgres refuse to run as root: drop to the postgres user."""
    if os.geteuid() != 0:
        return list(command)
    return ["runuser", "-u", "postgres", "--", *command]


@dataclass
class PostgresCluster:
    """A private cluster on a free port: stopping it disturbs no one else."""

    bin_dir: Path
    root: Path
    port: int = field(default_factory=free_port)

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/app"

    def init(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres", "postgres")
        self._run("initdb", "-D", str(self.data_dir), "-A", "trust", "-U", "postgres", "-E", "UTF8")
        self.start()
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "app")

    def start(self) -> None:
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(
            "pg_ctl", "-D", str(self.data_dir), "-l", str(self.root / "log"),
            "-o", options, "-w", "start",
        )  # fmt: skip

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data_dir), "-m", "fast", "-w", "stop")

    def destroy(self) -> None:
        subprocess.run(
            as_postgres_user([str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir), "-m",
                              "immediate", "stop"]),
            capture_output=True,
            check=False,
        )  # fmt: skip
        shutil.rmtree(self.root, ignore_errors=True)

    def _run(self, tool: str, *args: str) -> None:
        subprocess.run(
            as_postgres_user([str(self.bin_dir / tool), *args]),
            cwd=self.root,
            capture_output=True,
            check=True,
            timeout=60,
        )


def backend_env(database_url: str, **overrides: str) -> dict[str, str]:
    return {
        **os.environ,
        "ENV_FILE": "",
        "ENVIRONMENT": "production",
        "DATABASE_URL": database_url,
        "SECRET_KEY": secrets.token_urlsafe(32),
        "FIRST_SUPERUSER": ADMIN_EMAIL,
        "FIRST_SUPERUSER_PASSWORD": ADMIN_PASSWORD,
        "POSTGRES_PASSWORD": "",
        "RATE_LIMIT_ENABLED": "false",
        "SMTP_HOST": "",
        # region capability: sentry
        "SENTRY_DSN": "",
        # endregion capability: sentry
        "REDIS_URL": "",
        "DB_POOL_TIMEOUT_SECONDS": "3",
        **overrides,
    }


def prestart(env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        ["bash", "scripts/prestart.sh"],
        cwd=BACKEND_DIR,
        env=env | {"VIRTUAL_ENV": str(BIN_DIR.parent), "PATH": f"{BIN_DIR}:{os.environ['PATH']}"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


@dataclass
class Backend:
    process: subprocess.Popen[str]
    url: str
    log_path: Path

    def client(self, timeout: float = 15) -> httpx.Client:
        return httpx.Client(base_url=self.url + API, timeout=timeout)

    def log(self) -> str:
        return self.log_path.read_text()

    def terminate(self) -> int:
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=30)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def start_backend(env: dict[str, str], log_path: Path, *, workers: int = 1) -> Backend:
    """`python -m app.serve`, as the production container runs it."""
    port = free_port()
    command = [str(BIN_DIR / "python"), "-m", "app.serve", "--host", "127.0.0.1",
               "--port", str(port), "--workers", str(workers)]  # fmt: skip
    with log_path.open("w") as log:
        process = subprocess.Popen(
            command, cwd=BACKEND_DIR, env=env, stdout=log, stderr=subprocess.STDOUT, text=True
        )
    backend = Backend(process, f"http://127.0.0.1:{port}", log_path)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"backend exited with {process.returncode}:\n{backend.log()}")
        try:
            if httpx.get(f"{backend.url}{API}/utils/health-check/", timeout=1).status_code == 200:
                return backend
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    backend.kill()
    raise RuntimeError(f"backend did not start:\n{backend.log()}")


def login(client: httpx.Client, email: str = ADMIN_EMAIL, password: str = ADMIN_PASSWORD) -> str:
    response = client.post("/login/access-token", data={"username": email, "password": password})
    response.raise_for_status()
    return str(response.json()["access_token"])
