"""`python -m bench [--short]`: run the benchmark, print its table, write JSON.

Exits non-zero only when the benchmark itself breaks (a server that does not
start, a request that errors), never because a figure missed its target:
timings depend on the machine and on what else runs on it.
"""

import argparse
import os
import signal
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from app.serve import DEFAULT_SERVER, SERVERS
from bench import report
from bench.database import DEFAULT_ADMIN_URL

# region capability: file_storage
from bench.files import FILES_FULL, FILES_SHORT
from bench.files import run as run_files
from bench.files import summary as files_summary

# endregion capability: file_storage
# region capability: background_jobs
from bench.jobs import JOBS_FULL, JOBS_SHORT
from bench.jobs import run as run_jobs
from bench.jobs import summary as jobs_summary

# endregion capability: background_jobs
from bench.load import LoadToolMissing
from bench.run import FULL, SHORT, Benchmark, Results
from bench.server import BACKEND_DIR, ServerFailed

# scripts/bench.sh runs from a scratch copy and names the tree's own folder.
RESULTS_DIR = Path(os.environ.get("BENCH_RESULTS_DIR") or BACKEND_DIR.parent / "bench-results")


@dataclass(frozen=True)
class SideBenchmark:
    """A benchmark run after the load table, with `--<name>-only` to run it alone."""

    help: str
    run: Callable[[str, Path, bool], dict[str, Any]]  # admin URL, work dir, short
    summary: Callable[[dict[str, Any]], str]


SIDE_BENCHMARKS: dict[str, SideBenchmark] = {
    # region capability: background_jobs
    "jobs": SideBenchmark(
        "only the background jobs",
        lambda url, work, short: run_jobs(url, work, JOBS_SHORT if short else JOBS_FULL),
        jobs_summary,
    ),
    # endregion capability: background_jobs
    # region capability: file_storage
    "files": SideBenchmark(
        "only the files: 200 MB up and down",
        lambda url, work, short: run_files(url, work, FILES_SHORT if short else FILES_FULL),
        files_summary,
    ),
    # endregion capability: file_storage
}


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--short", action="store_true", help="a few seconds per load, 1 worker")
    parser.add_argument("--admin-url", default=DEFAULT_ADMIN_URL, help="PostgreSQL admin URL")
    parser.add_argument(
        "--output", type=Path, help="JSON file (default: bench-results/<time>.json)"
    )
    parser.add_argument(
        "--server", choices=sorted(SERVERS), help=f"serve with (default: {DEFAULT_SERVER})"
    )
    parser.add_argument(
        "--workers",
        type=int,
        nargs="+",
        metavar="N",
        help="server worker counts to load (default: 1 2, or 1 with --short)",
    )
    parser.add_argument(
        "--seconds",
        type=float,
        metavar="S",
        help="each load's duration (default: 10, or 3 with --short)",
    )
    parser.add_argument(
        "--leak-requests",
        type=int,
        metavar="N",
        help="requests of the memory check (default: 100,000, or 20,000 with --short)",
    )
    for name, side in SIDE_BENCHMARKS.items():
        parser.add_argument(f"--{name}-only", action="store_true", help=side.help)
    args = parser.parse_args()
    # Stopped from outside: unwind, so servers stop and the database is dropped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    plan = SHORT if args.short else FULL
    if args.workers:
        plan = replace(plan, workers=tuple(args.workers))
    if args.seconds:
        plan = replace(plan, seconds=args.seconds)
    if args.leak_requests:
        plan = replace(plan, leak_total=max(args.leak_requests, plan.leak_first * 2))
    output = args.output or RESULTS_DIR / (
        f"{time.strftime('%Y%m%d-%H%M%S')}{'-short' if args.short else ''}.json"
    )
    only = [name for name in SIDE_BENCHMARKS if getattr(args, f"{name}_only")]
    with tempfile.TemporaryDirectory(prefix="bench-") as work_dir:
        try:
            for name in only:
                side = SIDE_BENCHMARKS[name]
                print(side.summary(side.run(args.admin_url, Path(work_dir), args.short)))
            if only:
                return 0
            results = Benchmark(
                plan, admin_url=args.admin_url, work_dir=Path(work_dir), server=args.server
            ).run()
            figures = {
                name: side.run(args.admin_url, Path(work_dir), args.short)
                for name, side in SIDE_BENCHMARKS.items()
            }
        except (ServerFailed, LoadToolMissing, RuntimeError) as error:
            print(f"benchmark failed: {error}", file=sys.stderr)
            return 1
    found = report.verdicts(results)
    print(report.table(results))
    print()
    print(report.verdict_table(found))
    print()
    for name, side in SIDE_BENCHMARKS.items():
        print(side.summary(figures[name]))
    report.write_json(results, found, output, figures)
    print(f"\nwritten: {output}")
    failed = broken_requests(results)
    if failed:
        print(f"benchmark broken: {failed} requests failed", file=sys.stderr)
        for where, kinds in error_kinds(results):
            print(f"  {where}: {kinds}", file=sys.stderr)
        return 1
    return 0


def broken_requests(results: Results) -> int:
    """Requests that failed for another reason than slowness. A timeout at 256
    connections is a figure (reported against its target), not a breakage."""
    failed = results.leak.get("errors", 0) + results.login_contention.get("users_me_errors", 0)
    for m in results.measurements:
        slow = m.error_kinds.get("timeout", 0) if m.connections > 32 else 0
        failed += m.errors - slow
    return int(failed)


def error_kinds(results: Results) -> list[tuple[str, dict[str, int]]]:
    """Which loads had errors, and of which kinds (wrk's: connect, read,
    write, status, timeout)."""
    found = [
        (f"{m.endpoint} at {m.connections} connections, {m.workers} worker(s)", m.error_kinds)
        for m in results.measurements
        if m.errors
    ]
    if results.leak.get("error_kinds"):
        found.append(("the memory load", results.leak["error_kinds"]))
    return found


if __name__ == "__main__":
    sys.exit(main())
