#!/usr/bin/env bash
# Regenerate the frontend's API client from the backend's OpenAPI schema.
# No server is started: the schema is exported straight from the FastAPI app.
#   scripts/generate-client.sh           write frontend/src/client
#   scripts/generate-client.sh OUT_DIR   write elsewhere (the up-to-date check uses a scratch dir)
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

ensure_backend_deps
ensure_frontend_deps

frontend="$REPO_ROOT/frontend"
target="${1:-$frontend/src/client}"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

# The client covers every sign-in option, switched on here whatever .env says: the
# dashboard shows each one only when GET /login/options says the server offers it.
every_option=(ENVIRONMENT="${ENVIRONMENT:-local}")
# region capability: two_factor
every_option+=(TWO_FACTOR_ENABLED=true)
# endregion capability: two_factor
# region capability: magic_links
every_option+=(MAGIC_LINK_ENABLED=true)
# endregion capability: magic_links
# region capability: passkeys
every_option+=(PASSKEYS_ENABLED=true)
# endregion capability: passkeys
# region capability: oauth
every_option+=(OIDC_CLIENT_ID=client OIDC_CLIENT_SECRET=secret)
every_option+=(OIDC_DISCOVERY_URL=https://issuer.invalid/.well-known/openid-configuration)
# endregion capability: oauth
(cd "$REPO_ROOT/backend" && env "${every_option[@]}" uv run --frozen python -c \
  'import json, sys; from app.main import app; json.dump(app.openapi(), sys.stdout, indent=2)') \
  >"$scratch/openapi.json" 2>/dev/null

cd "$frontend"
OPENAPI_INPUT="$scratch/openapi.json" OPENAPI_OUTPUT="$scratch/client" \
  node_modules/.bin/openapi-ts >/dev/null

# Format each file as if it sat in src/client, so the project's Biome settings
# apply wherever the output goes.
(cd "$scratch/client" && find . -type f -name '*.ts') | while read -r file; do
  node_modules/.bin/biome format --stdin-file-path="src/client/${file#./}" \
    <"$scratch/client/$file" >"$scratch/formatted.ts"
  mv "$scratch/formatted.ts" "$scratch/client/$file"
done

rm -rf "$target"
mkdir -p "$(dirname "$target")"
cp -r "$scratch/client" "$target"
log "client generated in $target"
