"""Start a server the way the production container does, and watch its memory."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

BACKEND_DIR = Path(__file__).resolve().parents[1]
BIN_DIR = Path(sys.executable).parent
START_TIMEOUT_SECONDS = 60
SETTLE_TIMEOUT_SECONDS = 30
# A server is idle when, over this window, it used under this share of a core.
IDLE_WINDOW_SECONDS = 0.2
IDLE_CPU_SHARE = 0.05
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


class ServerFailed(RuntimeError):
    """The server did not start, or died during the run."""


def run_checked(command: list[str], env: dict[str, str], log: Path) -> None:
    """Run a command of the backend to its end, its output appended to `log`."""
    with log.open("ab") as out:
        subprocess.run(  # noqa: S603  # commands built here
            command, cwd=BACKEND_DIR, env={**os.environ, **env}, stdout=out, stderr=out, check=True
        )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def production_command(
    app_import: str, *, port: int, workers: int, server: str | None = None
) -> list[str]:
    """backend/Dockerfile's CMD (`python -m app.serve`), bound to loopback;
    `server` picks another server than the default, to compare them."""
    return [
        sys.executable, "-m", "app.serve", app_import,
        "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers),
        *(["--server", server] if server else []),
    ]  # fmt: skip


def bare_uvicorn_command(app_import: str, *, port: int) -> list[str]:
    return [str(BIN_DIR / "uvicorn"), app_import, "--host", "127.0.0.1", "--port", str(port)]


@dataclass
class RunningServer:
    process: subprocess.Popen[bytes]
    base_url: str
    log_path: Path

    def rss_bytes(self) -> int:
        """Resident memory of the server and its worker processes."""
        return sum(_rss(pid) for pid in self._pids())

    def cpu_seconds(self) -> float:
        """CPU time used so far by the server and its worker processes."""
        return sum(_cpu_ticks(pid) for pid in self._pids()) / CLOCK_TICKS

    def _pids(self) -> list[int]:
        return [self.process.pid, *_children(self.process.pid)]

    def wait_until_settled(self, timeout: float = SETTLE_TIMEOUT_SECONDS) -> None:
        """Wait until the previous load's connections are closed on the server
        and it has stopped working on them.

        wrk drops its connections when a load ends; a load started at once
        connects while the server is still answering and closing hundreds of
        those, and some of its first requests then wait seconds (the ceiling
        app shows the same): that is the previous load's tail, not this one's.
        Requests already being served also run to their end after their
        client left: 256 queued logins keep Argon2 busy for seconds, which the
        next load, on this server or on the one beside it, would pay for.
        """
        port = int(self.base_url.rsplit(":", 1)[1])
        deadline = time.monotonic() + timeout
        while _open_server_connections(port) and time.monotonic() < deadline:
            time.sleep(0.05)
        while time.monotonic() < deadline:
            used = self.cpu_seconds()
            time.sleep(IDLE_WINDOW_SECONDS)
            if self.cpu_seconds() - used < IDLE_WINDOW_SECONDS * IDLE_CPU_SHARE:
                return

    def check_alive(self) -> None:
        if self.process.poll() is not None:
            raise ServerFailed(f"server exited with {self.process.returncode}; {self._tail()}")

    def _tail(self) -> str:
        return "log tail:\n" + "\n".join(self.log_path.read_text().splitlines()[-30:])


# /proc/net/tcp states that no longer involve the server process.
_LISTEN, _TIME_WAIT = "0A", "06"


def _open_server_connections(port: int) -> int:
    """Server-side TCP connections on `port` that are neither listening nor
    fully closed (established, or still closing)."""
    count = 0
    for table in (Path("/proc/net/tcp"), Path("/proc/net/tcp6")):
        if not table.exists():
            continue
        for line in table.read_text().splitlines()[1:]:
            fields = line.split()
            local_port = int(fields[1].rsplit(":", 1)[1], 16)
            if local_port == port and fields[3] not in (_LISTEN, _TIME_WAIT):
                count += 1
    return count


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        children = (task / "children").read_text().split() if (task / "children").exists() else []
        for child in map(int, children):
            found += [child, *_children(child)]
    return found


def _cpu_ticks(pid: int) -> int:
    """User plus system time of a process, in clock ticks (0 once it is gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return 0
    # The command name, in parentheses, may hold spaces: count fields after it.
    fields = stat.rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def _rss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except FileNotFoundError:
        pass
    return 0


@contextmanager
def running_server(
    command: Sequence[str], *, env: Mapping[str, str], health_path: str, log_path: Path
) -> Iterator[RunningServer]:
    port = int(command[command.index("--port") + 1])
    with log_path.open("wb") as log:
        process = subprocess.Popen(  # noqa: S603  # the server command built here
            command, cwd=BACKEND_DIR, env={**os.environ, **env}, stdout=log, stderr=log
        )
    server = RunningServer(process, f"http://127.0.0.1:{port}", log_path)
    try:
        _wait_until_healthy(server, health_path)
        yield server
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_healthy(server: RunningServer, health_path: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        server.check_alive()
        try:
            url = server.base_url + health_path  # always http://127.0.0.1
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise ServerFailed(f"no answer on {health_path} after {START_TIMEOUT_SECONDS}s")
