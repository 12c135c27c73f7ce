#!/usr/bin/env bash
# Write a new resource in the shape of items: models, crud, routes, migration,
# tests, API client, query module, page, components, sidebar entry and browser
# test (from the client on, only in a project with the dashboard, frontend/).
# See development.md, "Adding a resource".
#   scripts/new-resource.sh project name:str:1-100 description:text? --owned
#   scripts/new-resource.sh --help
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

ensure_backend_deps
if [[ -f "$REPO_ROOT/frontend/package.json" ]]; then ensure_frontend_deps; fi
cd "$REPO_ROOT/backend"
exec uv run --frozen python -m devtools.new_resource "$@"
