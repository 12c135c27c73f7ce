#!/usr/bin/env bash
# Static checks of the backend: ruff lint, ruff format, mypy --strict.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
ensure_backend_deps
cd "$REPO_ROOT/backend"
uv run --frozen ruff check app tests devtools scripts bench tests_resilience
uv run --frozen ruff format --check app tests devtools scripts bench tests_resilience
uv run --frozen mypy app tests devtools bench tests_resilience
echo "backend lint: ruff check, ruff format and mypy --strict clean"
