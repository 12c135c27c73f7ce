#!/usr/bin/env bash
# The load benchmark: the API and a minimal FastAPI app (the machine's ceiling),
# both served by the production container's command, loaded by wrk on loopback.
# Prints a table and the targets, writes bench-results/<time>.json.
#
# The routes a user writes are measured too: in a scratch copy of the working
# tree, scripts/new-resource.sh writes a resource first (bench/generated.py), and the
# benchmark runs there (its JSON still lands in this tree's bench-results/).
#
#   scripts/bench.sh            full run: 1 and 2 workers, 32 and 256 connections (~20 min)
#   scripts/bench.sh --short    a few seconds per load, 1 worker (~3 min)
#   scripts/bench.sh --workers 1    the full loads on one worker only (~12 min)
#   scripts/bench.sh --NAME-only    one of the side benchmarks alone (--help lists them)
#
# Needs PostgreSQL (BENCH_POSTGRES_URL, default postgresql://postgres@127.0.0.1:5432/postgres),
# where it creates and drops a bench_<random> database, and wrk (apt-get install wrk).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

ensure_backend_deps
# The resource generator also writes the dashboard's page, when there is one.
if [[ -f "$REPO_ROOT/frontend/package.json" ]]; then ensure_frontend_deps; fi
if ! command -v wrk >/dev/null 2>&1; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    log "installing wrk from Debian"
    (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk) >/dev/null
  fi
  command -v wrk >/dev/null 2>&1 || die "wrk is needed (apt-get install wrk)"
fi
admin_url="${BENCH_POSTGRES_URL:-${TEST_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432/postgres}}"
TEST_POSTGRES_URL="$admin_url" postgres_reachable || die "PostgreSQL is not reachable at $admin_url"

# A side benchmark alone, or the help, needs no generated resource.
for argument in "$@"; do
  case "$argument" in
    --*-only | -h | --help)
      cd "$REPO_ROOT/backend"
      exec uv run --frozen python -m bench --admin-url "$admin_url" "$@"
      ;;
  esac
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
read -ra resource < <(cd "$REPO_ROOT/backend" && uv run --frozen python -m bench.generated)
log "writing a generated resource (${resource[0]}) into a scratch copy of the tree"
copy_working_tree "$work/repo"
if ! (cd "$work/repo" && scripts/new-resource.sh "${resource[@]}" >"$work/new-resource.log" 2>&1); then
  cat "$work/new-resource.log" >&2
  die "the resource generator failed: the benchmark needs its routes"
fi

cd "$work/repo/backend"
uv sync --quiet --frozen
BENCH_GENERATED_RESOURCE="${resource[0]}" BENCH_RESULTS_DIR="$REPO_ROOT/bench-results" \
  uv run --frozen python -m bench --admin-url "$admin_url" "$@"
