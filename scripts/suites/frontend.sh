#!/usr/bin/env bash
# Frontend checks: the route tree regenerated and unchanged, Biome, TypeScript,
# Vitest, a production build with the bundle budget, and that the committed API
# client matches the backend.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
takes_no_arguments "$@"

ensure_frontend_deps
ensure_backend_deps

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$REPO_ROOT/frontend"
steps=0
failures=0
step() { # name, command...
  local name="$1"; shift
  steps=$((steps + 1))
  log "frontend: $name"
  if "$@"; then echo "frontend $name: ok"; else echo "frontend $name: FAILED"; failures=$((failures + 1)); fi
}

# First: Vitest and the build regenerate the tree too, and would hide a stale one.
route_tree_is_current() {
  local committed="$work/routeTree.gen.ts"
  cp src/routeTree.gen.ts "$committed" 2>/dev/null || : >"$committed"
  npm run --silent routes || { echo "could not generate the route tree"; return 1; }
  if ! diff -u "$committed" src/routeTree.gen.ts >"$work/route-tree.diff"; then
    head -n 40 "$work/route-tree.diff"
    echo "src/routeTree.gen.ts did not match src/routes/: it is regenerated now, commit it"
    return 1
  fi
}
step "route tree up to date" route_tree_is_current

step "biome" node_modules/.bin/biome check --error-on-warnings .
step "vitest" node_modules/.bin/vitest run --reporter=dot
step "tsc" node_modules/.bin/tsc --noEmit
step "build" node_modules/.bin/vite build --outDir "$work/dist" --emptyOutDir --logLevel warn
step "bundle budget" node scripts/bundle-report.mjs "$work/dist"

client_is_current() {
  bash "$REPO_ROOT/scripts/generate-client.sh" "$work/client" >/dev/null 2>&1 \
    || { echo "could not export the OpenAPI schema"; return 1; }
  diff -r -q src/client "$work/client" \
    || { echo "src/client is out of date: run scripts/generate-client.sh"; return 1; }
}
step "generated client up to date" client_is_current

passed=$((steps - failures))
echo "frontend: $passed passed, $failures failed"
((failures == 0))
