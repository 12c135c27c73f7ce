#!/usr/bin/env bash
# The benchmark's short version: prints the table and the targets but fails only
# when the benchmark itself breaks (a server that does not start, a request that
# errors); timings depend on the machine and on what runs beside it, so its
# loads are shorter still (1.5 s, 5,000 requests for the memory check): it
# proves the benchmark runs, `scripts/bench.sh --short` is for figures.
# Arguments go to scripts/bench.sh after these.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"

ensure_backend_deps
if ! postgres_reachable; then
  echo "skip: PostgreSQL is not reachable at ${TEST_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432/postgres}; the benchmark needs it"
  exit 0
fi
exec "$REPO_ROOT/scripts/bench.sh" --short --seconds 1.5 --leak-requests 5000 "$@"
