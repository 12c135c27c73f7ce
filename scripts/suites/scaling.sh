#!/usr/bin/env bash
# Horizontal scaling without containers: two backend processes on one PostgreSQL
# share sessions, revocations and login rate limits (scripts/deploy-checks/scaling_check.py).
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
takes_no_arguments "$@"

ensure_backend_deps
if ! postgres_reachable; then
  echo "skip: PostgreSQL is not reachable at ${TEST_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432/postgres}; the scaling check needs one shared database"
  exit 0
fi
export POSTGRES_ADMIN_URL="${TEST_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432/postgres}"
cd "$REPO_ROOT/backend"
uv run --frozen python ../scripts/deploy-checks/scaling_check.py
