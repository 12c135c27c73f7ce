"""`python -m bench [--short]`: run the benchmark, print its table, write JSON.

Exits non-zero only when the benchmark itself breaks (a server that does not
start, a request that errors), never because a figure missed its target:
timings depend on the machine and on what else runs on it.
"""

import argparse
import signal
import sys
import tempfile
import time
from pathlib import Path

from app.serve import DEFAULT_SERVER, SERVERS
from bench import files, jobs, report
from bench.database import DEFAULT_ADMIN_URL
from bench.load import LoadToolMissing
from bench.run import FULL, SHORT, Benchmark, Results
from bench.server import BACKEND_DIR, ServerFailed

RESULTS_DIR = BACKEND_DIR.parent / "bench-results"


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
    parser.add_argument("--jobs-only", action="store_true", help="only the background jobs")
    parser.add_argument(
        "--files-only", action="store_true", help="only the files: 200 MB up and down"
    )
    args = parser.parse_args()
    # Stopped from outside: unwind, so servers stop and the database is dropped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    plan = SHORT if args.short else FULL
    output = args.output or RESULTS_DIR / (
        f"{time.strftime('%Y%m%d-%H%M%S')}{'-short' if args.short else ''}.json"
    )
    jobs_plan = jobs.JOBS_SHORT if args.short else jobs.JOBS_FULL
    files_plan = files.FILES_SHORT if args.short else files.FILES_FULL
    with tempfile.TemporaryDirectory(prefix="bench-") as work_dir:
        try:
            if args.jobs_only:
                print(jobs.summary(jobs.run(args.admin_url, Path(work_dir), jobs_plan)))
                return 0
            if args.files_only:
                print(files.summary(files.run(args.admin_url, Path(work_dir), files_plan)))
                return 0
            results = Benchmark(
                plan, admin_url=args.admin_url, work_dir=Path(work_dir), server=args.server
            ).run()
            job_figures = jobs.run(args.admin_url, Path(work_dir), jobs_plan)
            file_figures = files.run(args.admin_url, Path(work_dir), files_plan)
        except (ServerFailed, LoadToolMissing, RuntimeError) as error:
            print(f"benchmark failed: {error}", file=sys.stderr)
            return 1
    found = report.verdicts(results)
    print(report.table(results))
    print()
    print(report.verdict_table(found))
    print()
    print(jobs.summary(job_figures))
    print(files.summary(file_figures))
    report.write_json(results, found, output, jobs=job_figures, files=file_figures)
    print(f"\nwritten: {output}")
    failed = broken_requests(results)
    if failed:
        print(f"benchmark broken: {failed} requests failed", file=sys.stderr)
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


if __name__ == "__main__":
    sys.exit(main())
