"""The benchmark's plan: which servers, which loads, in which order."""

import json
import os
import platform
import secrets
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from app.serve import DEFAULT_SERVER
from bench import generated, scenarios
from bench.database import fresh_database
from bench.load import LoadResult, finish_wrk, run_wrk, start_wrk
from bench.server import (
    BACKEND_DIR,
    RunningServer,
    ServerFailed,
    bare_uvicorn_command,
    free_port,
    production_command,
    running_server,
)

MIB = 1024 * 1024
# Refresh tokens reserved per refresh measurement: more than the endpoint
# can serve in the measurement's duration on this kind of machine.
REFRESH_TOKENS_PER_SECOND = 4000


@dataclass(frozen=True, slots=True)
class Plan:
    workers: tuple[int, ...] = (1, 2)
    connections: tuple[int, ...] = (32, 256)
    seconds: float = 10.0
    # (server, workers, connections, endpoint) runs at 256 connections in the short
    # plan: all of them in the full one.
    wide_endpoints: tuple[str, ...] | None = None
    login_contention_connections: int = 40
    leak_first: int = 1_000
    leak_total: int = 100_000


FULL = Plan()
SHORT = Plan(
    workers=(1,),
    connections=(32, 256),
    seconds=3.0,
    wide_endpoints=(scenarios.USERS_ME.name,),
    leak_total=20_000,
)


@dataclass
class Measurement:
    server: str
    workers: int
    connections: int
    endpoint: str
    rate: float
    p50_ms: float
    p99_ms: float
    max_ms: float
    errors: int
    requests: int
    rss_mib: float
    error_kinds: dict[str, int] = field(default_factory=dict)
    # An app load's share of the ceiling, and the ceiling it was compared
    # with: the mean of the ceiling loads right before and right after it.
    ceiling_fraction: float | None = None
    ceiling_rate: float | None = None
    # When a ceiling load ran: "start" or "end" of the run (for the cost of
    # the production command), or "beside" the app's loads.
    when: str | None = None


@dataclass
class Results:
    plan: dict[str, Any]
    started_at: str
    machine: dict[str, Any]
    measurements: list[Measurement] = field(default_factory=list)
    login_contention: dict[str, Any] = field(default_factory=dict)
    leak: dict[str, Any] = field(default_factory=dict)


class Benchmark:
    def __init__(
        self, plan: Plan, *, admin_url: str, work_dir: Path, server: str | None = None
    ) -> None:
        self.plan = plan
        self.server = server
        self.admin_url = admin_url
        self.work_dir = work_dir
        self.secret_key = secrets.token_urlsafe(32)
        self.refresh_first = 0
        self.results = Results(
            plan=asdict(plan) | {"server": server or DEFAULT_SERVER},
            started_at=time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            machine=machine_facts(),
        )
        self.seeded: dict[str, Any] = {}

    def run(self) -> Results:
        self._measure_command_cost(when="start")
        with fresh_database(self.admin_url) as url:
            self.database_url = url
            self._prepare_database()
            for workers in self.plan.workers:
                self._measure_app(workers)
            self._measure_login_contention()
            self._measure_leak()
            # Before the database is dropped: PostgreSQL checkpoints for a
            # DROP DATABASE, and the ceiling loaded meanwhile fell to a third.
            self._measure_command_cost(when="end")
        return self.results

    # ------------------------------------------------------------ servers
    def _app_env(self) -> dict[str, str]:
        return {
            "ENV_FILE": "",
            "ENVIRONMENT": "production",
            "DATABASE_URL": self.database_url,
            "SECRET_KEY": self.secret_key,
            "FIRST_SUPERUSER": "admin@example.com",
            "FIRST_SUPERUSER_PASSWORD": secrets.token_urlsafe(16),
            "POSTGRES_PASSWORD": "",
            "RATE_LIMIT_ENABLED": "false",
            "ACCESS_TOKEN_EXPIRE_MINUTES": "600",
            "SMTP_HOST": "",
            # region capability: sentry
            "SENTRY_DSN": "",
            # endregion capability: sentry
            "REDIS_URL": "",
        }

    def _start_app(self, workers: int, label: str) -> Any:
        port = free_port()
        return running_server(
            production_command("app.main:app", port=port, workers=workers, server=self.server),
            env=self._app_env(),
            health_path=scenarios.HEALTH.path,
            log_path=self.work_dir / f"{label}.log",
        )

    def _start_ceiling(self, command: list[str], label: str) -> Any:
        return running_server(
            command, env={}, health_path="/", log_path=self.work_dir / f"{label}.log"
        )

    def _prepare_database(self) -> None:
        env = self._app_env()
        run_logged([sys.executable, "-m", "app", "db", "wait"], env, self.work_dir, "prestart")
        run_logged([sys.executable, "-m", "app", "db", "upgrade"], env, self.work_dir, "migrate")
        refresh_runs = sum(
            len(self._connections_for(scenarios.REFRESH.name)) for _ in self.plan.workers
        )
        tokens = int(refresh_runs * REFRESH_TOKENS_PER_SECOND * self.plan.seconds)
        output = run_logged(
            [sys.executable, "-m", "bench.seed", str(tokens)], env, self.work_dir, "seed"
        )
        self.seeded = json.loads(output.strip().splitlines()[-1])

    def _connections_for(self, endpoint: str) -> tuple[int, ...]:
        wide = self.plan.wide_endpoints
        return tuple(
            c for c in self.plan.connections if c <= 32 or wide is None or endpoint in wide
        )

    # ------------------------------------------------------------ loads
    def _load(
        self,
        server: RunningServer,
        endpoint: scenarios.Endpoint,
        connections: int,
        *,
        beside: RunningServer | None = None,
    ) -> LoadResult:
        env = endpoint.env(self.seeded)
        if endpoint is scenarios.REFRESH:
            reserved = int(REFRESH_TOKENS_PER_SECOND * self.plan.seconds)
            env |= {
                "BENCH_REFRESH_PREFIX": self.seeded["refresh_token_prefix"],
                "BENCH_REFRESH_FIRST": str(self.refresh_first),
                "BENCH_REFRESH_PER_THREAD": str(reserved),
            }
            self.refresh_first += reserved
        for running in (server, beside):
            if running is not None:
                running.wait_until_settled()
        result = run_wrk(
            server.base_url + endpoint.url_path(self.seeded),
            script=endpoint.script,
            connections=connections,
            seconds=self.plan.seconds,
            threads=1,
            env=env,
        )
        server.check_alive()
        return result

    def _record(
        self,
        label: str,
        workers: int,
        connections: int,
        name: str,
        result: LoadResult,
        rss: int,
        when: str | None = None,
    ) -> Measurement:
        measurement = Measurement(
            server=label,
            workers=workers,
            connections=connections,
            endpoint=name,
            rate=round(result.rate, 1),
            p50_ms=round(result.p50_ms, 2),
            p99_ms=round(result.p99_ms, 2),
            max_ms=round(result.max_ms, 2),
            errors=result.errors,
            error_kinds=result.error_kinds,
            requests=result.requests,
            rss_mib=round(rss / MIB, 1),
            when=when,
        )
        self.results.measurements.append(measurement)
        print(format_progress(measurement), file=sys.stderr, flush=True)
        return measurement

    def _measure_command_cost(self, *, when: str) -> None:
        """What the production command costs over uvicorn's defaults, on the
        ceiling app, one after the other."""
        for label, command in (
            (
                "ceiling",
                production_command(
                    "bench.ceiling:app", port=free_port(), workers=1, server=self.server
                ),
            ),
            ("uvicorn", bare_uvicorn_command("bench.ceiling:app", port=free_port())),
        ):
            with self._start_ceiling(command, f"{label}-{when}") as server:
                result = self._load(server, scenarios.CEILING, 32)
                self._record(label, 1, 32, scenarios.CEILING.name, result, server.rss_bytes(), when)

    def _measure_app(self, workers: int) -> None:
        """Each app load between two loads of the ceiling, which runs beside
        the app with as many workers: this kind of machine drifts by a third
        within minutes, so a share is only fair against the ceiling of the
        same minute."""
        ceiling_command = production_command(
            "bench.ceiling:app", port=free_port(), workers=workers, server=self.server
        )
        with (
            self._start_app(workers, f"app-{workers}") as server,
            self._start_ceiling(ceiling_command, f"ceiling-{workers}") as ceiling,
        ):
            self._load(server, scenarios.HEALTH, 32)  # warm-ups, not recorded
            self._load(ceiling, scenarios.CEILING, 32)
            for connections in self.plan.connections:
                before = self._measure_ceiling_beside(ceiling, server, workers, connections)
                for endpoint in (*scenarios.APP_ENDPOINTS, *generated.ENDPOINTS):
                    if connections not in self._connections_for(endpoint.name):
                        continue
                    result = self._load(server, endpoint, connections, beside=ceiling)
                    rss = server.rss_bytes()
                    measured = self._record("app", workers, connections, endpoint.name, result, rss)
                    after = self._measure_ceiling_beside(ceiling, server, workers, connections)
                    measured.ceiling_rate = round((before.rate + after.rate) / 2, 1)
                    measured.ceiling_fraction = round(measured.rate / measured.ceiling_rate, 4)
                    before = after

    def _measure_ceiling_beside(
        self, ceiling: RunningServer, app: RunningServer, workers: int, connections: int
    ) -> Measurement:
        result = self._load(ceiling, scenarios.CEILING, connections, beside=app)
        return self._record(
            "ceiling",
            workers,
            connections,
            scenarios.CEILING.name,
            result,
            ceiling.rss_bytes(),
            when="beside",
        )

    def _measure_login_contention(self) -> None:
        """Argon2 is slow on purpose; it must not slow everybody else down."""
        with self._start_app(1, "app-login-contention") as server:
            self._load(server, scenarios.HEALTH, 32)
            seconds = max(5.0, self.plan.seconds)
            server.wait_until_settled()
            login = start_wrk(
                server.base_url + scenarios.LOGIN.path,
                script=scenarios.LOGIN.script,
                connections=self.plan.login_contention_connections,
                seconds=seconds,
                threads=1,
                env=scenarios.LOGIN.env(self.seeded),
            )
            time.sleep(min(1.0, seconds / 4))  # let the logins saturate the hashing first
            reads = run_wrk(
                server.base_url + scenarios.USERS_ME.path,
                script=scenarios.USERS_ME.script,
                connections=8,
                seconds=max(3.0, seconds - 2),
                threads=1,
                env=scenarios.USERS_ME.env(self.seeded),
            )
            logins = finish_wrk(login)
            server.check_alive()
        self.results.login_contention = {
            "login_connections": self.plan.login_contention_connections,
            "login_rate": round(logins.rate, 1),
            "login_errors": logins.errors,
            "users_me_connections": 8,
            "users_me_rate": round(reads.rate, 1),
            "users_me_p99_ms": round(reads.p99_ms, 2),
            "users_me_errors": reads.errors,
        }

    def _measure_leak(self) -> None:
        """Memory after the first requests against memory after many more.

        wrk runs for a duration, not a count, so the load goes in short
        rounds until the count is reached; the counts reported are exact.
        """
        env = {
            "BENCH_API_PREFIX": scenarios.API,
            "BENCH_READER_AUTHORIZATION": f"Bearer {self.seeded['reader_token']}",
            "BENCH_ADMIN_AUTHORIZATION": f"Bearer {self.seeded['admin_token']}",
            # region capability: items
            "BENCH_WRITER_AUTHORIZATION": f"Bearer {self.seeded['writer_token']}",
            "BENCH_READER_ORG": self.seeded["reader_org_id"],
            "BENCH_WRITER_ORG": self.seeded["writer_org_id"],
            # endregion capability: items
        }
        figures: dict[str, Any] = {"errors": 0, "timeouts": 0, "error_kinds": {}}
        done = 0
        with self._start_app(1, "app-leak") as server:
            for label, target, connections, seconds in (
                ("first", self.plan.leak_first, 4, 1.0),
                ("total", self.plan.leak_total, 32, 5.0),
            ):
                while done < target:
                    server.wait_until_settled()
                    result = run_wrk(
                        server.base_url + "/",
                        script="mixed.lua",
                        connections=connections,
                        seconds=seconds,
                        threads=1,
                        env=env,
                    )
                    server.check_alive()
                    done += result.requests
                    # A response slower than wrk's timeout is a figure of a busy
                    # machine, reported apart; any other error breaks the run.
                    timeouts = result.error_kinds.get("timeout", 0)
                    figures["timeouts"] += timeouts
                    figures["errors"] += result.errors - timeouts
                    for kind, count in result.error_kinds.items():
                        figures["error_kinds"][kind] = figures["error_kinds"].get(kind, 0) + count
                figures[f"requests_{label}"] = done
                figures[f"rss_after_{label}_mib"] = round(server.rss_bytes() / MIB, 1)
        figures["growth"] = round(
            figures["rss_after_total_mib"] / figures["rss_after_first_mib"] - 1, 4
        )
        self.results.leak = figures


def mean_rate(
    results: Results, server: str, workers: int, connections: int, *, when: tuple[str, ...]
) -> float | None:
    """Mean throughput of a server's measurements at these settings and
    times, None when there are none."""
    rates = [
        m.rate
        for m in results.measurements
        if (m.server, m.workers, m.connections) == (server, workers, connections) and m.when in when
    ]
    return sum(rates) / len(rates) if rates else None


def run_logged(command: list[str], env: dict[str, str], work_dir: Path, label: str) -> str:

    completed = subprocess.run(  # noqa: S603  # our own Python, fixed modules
        command,
        cwd=BACKEND_DIR,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )
    (work_dir / f"{label}.log").write_text(completed.stdout + completed.stderr)
    if completed.returncode != 0:
        raise ServerFailed(f"{label} failed:\n{completed.stdout}{completed.stderr}")
    return completed.stdout


def machine_facts() -> dict[str, Any]:

    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


def format_progress(m: Measurement) -> str:
    return (
        f"  {m.server:8} w={m.workers} c={m.connections:<3} {m.endpoint:26} "
        f"{m.rate:9.1f} req/s  p99 {m.p99_ms:7.1f} ms  errors {m.errors}"
    )
