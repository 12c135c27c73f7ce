#!/usr/bin/env bash
# Before the server starts: wait for the database, migrate, make sure a
# superuser exists, clear out what expired (the `app` command line, app/cli).
set -euo pipefail
cd "$(dirname "$0")/.."
run() { if [[ -n "${VIRTUAL_ENV:-}" || ! -x "$(command -v uv)" ]]; then "$@"; else uv run --frozen "$@"; fi; }
run python -m app db wait
run python -m app db upgrade
run python -m app users ensure-superuser
run python -m app maintenance purge
