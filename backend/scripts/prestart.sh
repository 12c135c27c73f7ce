#!/usr/bin/env bash
# Before the server starts: wait for the database, migrate, seed.
set -euo pipefail
cd "$(dirname "$0")/.."
run() { if [[ -n "${VIRTUAL_ENV:-}" || ! -x "$(command -v uv)" ]]; then "$@"; else uv run --frozen "$@"; fi; }
run python -m app.backend_pre_start
run alembic upgrade head
run python -m app.initial_data
run python -m app.maintenance
