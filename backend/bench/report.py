"""The benchmark's table, its targets, and its JSON file."""

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from bench import generated, scenarios
from bench.load import TIMEOUT_SECONDS
from bench.run import Measurement, Results, mean_rate


@dataclass(frozen=True, slots=True)
class Verdict:
    target: str
    measured: str
    met: bool


def table(results: Results) -> str:
    header = (
        f"{'server':8} {'workers':>7} {'conns':>5}  {'endpoint':26} {'req/s':>9} "
        f"{'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} {'errors':>6} {'RSS MiB':>8} {'ceiling':>8}"
    )
    lines = [header, "-" * len(header)]
    for m in results.measurements:
        fraction = f"{m.ceiling_fraction:8.1%}" if m.ceiling_fraction is not None else " " * 8
        endpoint = f"{m.endpoint} ({m.when})" if m.when else m.endpoint
        lines.append(
            f"{m.server:8} {m.workers:>7} {m.connections:>5}  {endpoint:26} {m.rate:>9.1f} "
            f"{m.p50_ms:>8.2f} {m.p99_ms:>8.2f} {m.max_ms:>8.1f} {m.errors:>6} "
            f"{m.rss_mib:>8.1f} {fraction}"
        )
    beside: dict[tuple[int, int], list[float]] = {}
    for m in results.measurements:
        if m.server == "ceiling" and m.when == "beside":
            beside.setdefault((m.workers, m.connections), []).append(m.rate)
    if beside:
        figures = [
            f"{workers} worker(s) x {connections} conns {min(rates):.0f}-{max(rates):.0f} req/s"
            for (workers, connections), rates in sorted(beside.items())
        ]
        lines.append(
            "\nshares are of the ceiling loaded right before and after each app load; "
            "its range: " + ", ".join(figures)
        )
    contention = results.login_contention
    if contention:
        lines.append(
            f"\nlogin under load: {contention['login_rate']:.1f} logins/s on "
            f"{contention['login_connections']} connections ({contention['login_errors']} errors); "
            f"meanwhile GET /users/me p99 {contention['users_me_p99_ms']:.1f} ms at "
            f"{contention['users_me_rate']:.0f} req/s ({contention['users_me_errors']} errors)"
        )
    leak = results.leak
    if leak:
        lines.append(
            f"memory: {leak['rss_after_first_mib']} MiB after {leak['requests_first']} requests, "
            f"{leak['rss_after_total_mib']} MiB after {leak['requests_total']} "
            f"({leak['growth']:+.1%}, {leak['errors']} errors, {leak['timeouts']} slower than "
            f"{TIMEOUT_SECONDS} s)"
        )
    return "\n".join(lines)


def _find(results: Results, server: str, endpoint: str, *, connections: int) -> Measurement | None:
    for m in results.measurements:
        if (m.server, m.workers, m.connections, m.endpoint) == (server, 1, connections, endpoint):
            return m
    return None


# The production command and bare uvicorn are compared on loads run one
# after the other, at the start and at the end of the run.
COMMAND_COST_TIMES = ("start", "end")

# Share of the ceiling and p99 bound per endpoint, 1 worker, 32 connections.
ENDPOINT_TARGETS = (
    (scenarios.USERS_ME.name, 0.15, 50.0),
    # region capability: items
    (scenarios.ITEM_READ.name, 0.10, 80.0),
    (scenarios.ITEM_UPDATE.name, 0.10, 80.0),
    (scenarios.ITEMS_LIST.name, 0.05, 150.0),
    # endregion capability: items
    (scenarios.USERS_LIST.name, 0.05, 150.0),
    # region capability: items
    (scenarios.ITEMS_CREATE.name, 0.07, 100.0),
    # endregion capability: items
    (generated.READ.name, 0.10, 80.0),
    (generated.LIST.name, 0.05, 150.0),
    (generated.CREATE.name, 0.07, 100.0),
)


def verdicts(results: Results) -> list[Verdict]:
    found: list[Verdict] = []
    for endpoint, share, p99 in ENDPOINT_TARGETS:
        m = _find(results, "app", endpoint, connections=32)
        if m is None or m.ceiling_fraction is None:
            continue
        found.append(
            Verdict(
                f"{endpoint} >= {share:.1%} of ceiling",
                f"{m.ceiling_fraction:.1%}",
                m.ceiling_fraction >= share,
            )
        )
        found.append(
            Verdict(f"{endpoint} p99 < {p99:.0f} ms", f"{m.p99_ms:.1f} ms", m.p99_ms < p99)
        )
    at_32 = [m for m in results.measurements if m.server == "app" and m.connections == 32]
    errors_32 = sum(m.errors for m in at_32)
    found.append(Verdict("no errors at 32 connections", str(errors_32), errors_32 == 0))
    ceiling = mean_rate(results, "ceiling", 1, 32, when=COMMAND_COST_TIMES)
    bare = mean_rate(results, "uvicorn", 1, 32, when=COMMAND_COST_TIMES)
    if ceiling and bare:
        overhead = bare / ceiling - 1
        found.append(
            Verdict(
                "production command <= 10% over bare uvicorn", f"{overhead:+.1%}", overhead <= 0.10
            )
        )
    # Login is bounded by Argon2 on purpose (its rate is reported, not targeted):
    # 256 clients queued on a few dozen hashes a second must wait longer than 2 s.
    wide = [
        m
        for m in results.measurements
        if (m.server, m.workers, m.connections) == ("app", 1, 256)
        and m.endpoint != scenarios.LOGIN.name
    ]
    if wide:
        errors = sum(m.errors for m in wide)
        slowest = max(m.max_ms for m in wide)
        found.append(Verdict("no errors at 256 connections (but login)", str(errors), errors == 0))
        found.append(
            Verdict(
                "slowest response at 256 connections (but login) < 2 s",
                f"{slowest:.0f} ms",
                slowest < 2000,
            )
        )
    contention = results.login_contention
    if contention:
        p99 = contention["users_me_p99_ms"]
        found.append(
            Verdict(
                "GET /users/me p99 < 100 ms during a login storm",
                f"{p99:.1f} ms",
                p99 < 100 and contention["users_me_errors"] == 0,
            )
        )
    leak = results.leak
    if leak:
        found.append(
            Verdict(
                f"RSS after {leak['requests_total']} requests within 10% of after "
                f"{leak['requests_first']}",
                f"{leak['growth']:+.1%}",
                leak["growth"] <= 0.10,
            )
        )
    return found


def verdict_table(found: list[Verdict]) -> str:
    width = max(len(v.target) for v in found)
    return "\n".join(
        f"{'met   ' if v.met else 'MISSED'} {v.target:{width}}  {v.measured}" for v in found
    )


def write_json(
    results: Results,
    found: list[Verdict],
    path: Path,
    side_figures: dict[str, dict[str, Any]],
) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    document = asdict(results) | {"targets": [asdict(v) for v in found], **side_figures}
    path.write_text(json.dumps(document, indent=2) + "\n")
