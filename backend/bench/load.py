"""Drive wrk and read back its figures."""

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

WRK_DIR = Path(__file__).with_name("wrk")
# A response slower than this counts as a timeout (an error) in wrk's figures.
TIMEOUT_SECONDS = 5


class LoadToolMissing(RuntimeError):
    pass


@dataclass(frozen=True, slots=True)
class LoadResult:
    requests: int
    seconds: float
    errors: int
    error_kinds: dict[str, int]
    p50_ms: float
    p99_ms: float
    max_ms: float

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def wrk_path() -> str:
    path = shutil.which("wrk")
    if path is None:
        raise LoadToolMissing("wrk is not installed (apt-get install -y wrk)")
    return path


def start_wrk(
    url: str,
    *,
    script: str,
    connections: int,
    seconds: float,
    threads: int,
    env: dict[str, str],
) -> subprocess.Popen[str]:
    command = [
        wrk_path(),
        f"--threads={min(threads, connections)}",
        f"--connections={connections}",
        f"--duration={max(1, round(seconds))}s",
        f"--timeout={TIMEOUT_SECONDS}s",
        f"--script={WRK_DIR / script}",
        url,
    ]
    return subprocess.Popen(  # noqa: S603  # wrk and arguments built here
        command,
        env={**os.environ, "BENCH_WRK_DIR": str(WRK_DIR), **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def finish_wrk(process: subprocess.Popen[str]) -> LoadResult:
    output, _ = process.communicate()
    figures = next(
        (json.loads(line) for line in output.splitlines() if line.startswith('{"requests"')), None
    )
    if process.returncode != 0 or figures is None:
        raise RuntimeError(f"wrk failed ({process.returncode}):\n{output}")
    latency = figures["latency_us"]
    return LoadResult(
        requests=figures["requests"],
        seconds=figures["duration_us"] / 1e6,
        errors=sum(figures["errors"].values()),
        error_kinds={kind: n for kind, n in figures["errors"].items() if n},
        p50_ms=latency["p50"] / 1000,
        p99_ms=latency["p99"] / 1000,
        max_ms=latency["max"] / 1000,
    )


def run_wrk(
    url: str,
    *,
    script: str,
    connections: int,
    seconds: float,
    threads: int,
    env: dict[str, str],
) -> LoadResult:
    return finish_wrk(
        start_wrk(
            url, script=script, connections=connections, seconds=seconds, threads=threads, env=env
        )
    )
