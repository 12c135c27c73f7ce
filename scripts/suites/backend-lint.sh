#!/usr/bin/env bash
# Static checks of the backend: ruff lint, ruff format, mypy --strict.
# Paths given (relative to backend/, e.g. tests/api app/crud.py) narrow all three.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
ensure_backend_deps
cd "$REPO_ROOT/backend"
if (($#)); then
  ruff_paths=("$@") mypy_paths=("$@")
else
  ruff_paths=(app tests devtools scripts bench tests_resilience)
  mypy_paths=(app tests devtools bench tests_resilience)
fi
uv run --frozen ruff check "${ruff_paths[@]}"
uv run --frozen ruff format --check "${ruff_paths[@]}"
uv run --frozen mypy "${mypy_paths[@]}"
echo "backend lint: ruff check, ruff format and mypy --strict clean"
