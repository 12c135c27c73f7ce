#!/usr/bin/env bash
# Backend tests on SQLite: shuffled (pytest-randomly), in parallel
# (pytest-xdist), with branch coverage of app/ (at least 90%).
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
ensure_backend_deps
cd "$REPO_ROOT/backend"
TEST_DATABASE=sqlite uv run --frozen pytest -n 2 -p randomly \
  --cov=app --cov-branch --cov-report=term:skip-covered --cov-fail-under=90 -q "$@"
