#!/usr/bin/env bash
# The same backend tests on PostgreSQL (a fresh database per test process).
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
ensure_backend_deps
url="${TEST_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432/postgres}"
if ! TEST_POSTGRES_URL="$url" postgres_reachable; then
  echo "skip: PostgreSQL is not reachable at $url (set TEST_POSTGRES_URL); only SQLite was tested"
  exit 0
fi
cd "$REPO_ROOT/backend"
TEST_DATABASE="$url" uv run --frozen pytest -n 2 -p randomly -q "$@"
