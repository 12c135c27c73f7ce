#!/usr/bin/env bash
# Frontend checks: Biome, TypeScript, Vitest, a production build with the
# bundle budget, and that the committed API client matches the backend.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"

ensure_frontend_deps
ensure_backend_deps

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$REPO_ROOT/frontend"
failures=0
step() { # name, command...
  local name="$1"; shift
  log "frontend: $name"
  if "$@"; then echo "frontend $name: ok"; else echo "frontend $name: FAILED"; failures=$((failures + 1)); fi
}

step "biome" node_modules/.bin/biome check --error-on-warnings .
step "vitest" node_modules/.bin/vitest run --reporter=dot
# The build regenerates routeTree.gen.ts; type-check after it so a fresh clone works.
step "build" node_modules/.bin/vite build --outDir "$work/dist" --emptyOutDir --logLevel warn
step "tsc" node_modules/.bin/tsc --noEmit
step "bundle budget" node scripts/bundle-report.mjs "$work/dist"

client_is_current() {
  bash "$REPO_ROOT/scripts/generate-client.sh" "$work/client" >/dev/null 2>&1 \
    || { echo "could not export the OpenAPI schema"; return 1; }
  diff -r -q src/client "$work/client" \
    || { echo "src/client is out of date: run scripts/generate-client.sh"; return 1; }
}
step "generated client up to date" client_is_current

route_tree_is_committed() {
  git -C "$REPO_ROOT" diff --quiet -- frontend/src/routeTree.gen.ts \
    || { echo "routeTree.gen.ts changed during the build: commit it"; return 1; }
}
step "route tree committed" route_tree_is_committed

passed=$((7 - failures))
echo "frontend: $passed passed, $failures failed"
((failures == 0))
