#!/usr/bin/env bash
# Regenerate the frontend's API client from the backend's OpenAPI schema.
# No server is started: the schema is exported straight from the FastAPI app.
#   scripts/generate-client.sh            write into frontend/src/client
#   scripts/generate-client.sh OUT_DIR    write elsewhere (used by the up-to-date check)
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

ensure_backend_deps
ensure_frontend_deps

out_dir="${1:-src/client}"
schema="$(mktemp --suffix=.json)"
trap 'rm -f "$schema"' EXIT

# Settings refuse to load without a few values; placeholders are enough to build the schema.
(cd "$REPO_ROOT/backend" && ENVIRONMENT="${ENVIRONMENT:-local}" uv run --frozen python -c \
  'import json, sys; from app.main import app; json.dump(app.openapi(), sys.stdout, indent=2)') >"$schema"

cd "$REPO_ROOT/frontend"
OPENAPI_INPUT="$schema" OPENAPI_OUTPUT="$out_dir" npx --no-install openapi-ts >/dev/null
log "client generated in frontend/$out_dir"
