#!/usr/bin/env bash
# End-to-end tests: Playwright drives Chromium against the built dashboard,
# a real backend on a fresh SQLite database and the local mail catcher.
# A second backend, with every sign-in option off, and the same build pointed
# at it serve e2e/password-only.spec.ts (E2E_PASSWORD_ONLY_URL).
# region capability: two_factor
# A third, requiring two-factor authentication of superusers, serves a part of
# e2e/two-factor.spec.ts the same way (E2E_SUPERUSER_TWO_FACTOR_URL).
# endregion capability: two_factor
# Every port is picked free, every process is stopped on exit. Arguments go to
# `playwright test` (e2e/auth.spec.ts, -g 'log in', ...).
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"

ensure_backend_deps
ensure_frontend_deps
ensure_chromium || die "Chromium is needed for the end-to-end tests (apt-get install chromium)"

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

wait_for() { # url, name, log file
  for _ in $(seq 1 120); do
    if curl -fsS -o /dev/null "$1" 2>/dev/null; then return 0; fi
    sleep 0.5
  done
  tail -n 40 "$3" >&2 || true
  die "$2 did not start ($1)"
}

work="$(mktemp -d)"
pids=()
cleanup() {
  local status=$?
  for pid in "${pids[@]}"; do kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT INT TERM

smtp_port="$(free_port)"
mail_port="$(free_port)"
api_port="$(free_port)"
web_port="$(free_port)"
# region capability: oauth
oidc_port="$(free_port)"
oidc_url="http://127.0.0.1:$oidc_port"
# endregion capability: oauth
web_url="http://localhost:$web_port"
api_url="http://localhost:$api_port"
mail_url="http://127.0.0.1:$mail_port"
plain_api_port="$(free_port)"
plain_web_port="$(free_port)"
plain_api_url="http://localhost:$plain_api_port"
plain_web_url="http://localhost:$plain_web_port"

export ENVIRONMENT=local
# Not the .env's name, so the tests see that every place reads the one setting.
export PROJECT_NAME="Acme Tracker"
export DATABASE_URL="sqlite:///$work/app.db"
# region capability: file_storage
export FILES_STORAGE=local FILES_LOCAL_DIR="$work/files"
# endregion capability: file_storage
export SECRET_KEY="e2e-$(python3 -c 'import secrets; print(secrets.token_hex(16))')"
export FRONTEND_HOST="$web_url"
export BACKEND_CORS_ORIGINS="$web_url"
export FIRST_SUPERUSER="admin@example.com"
export FIRST_SUPERUSER_PASSWORD="e2e-Admin-Passw0rd"
export SMTP_HOST=127.0.0.1 SMTP_PORT="$smtp_port" SMTP_TLS=false SMTP_SSL=false SMTP_USER= SMTP_PASSWORD=
export EMAILS_FROM_EMAIL="noreply@example.com"
export RATE_LIMIT_ENABLED=false
export REQUIRE_EMAIL_VERIFICATION=false
export REDIS_URL=
# region capability: sentry
export SENTRY_DSN=
# endregion capability: sentry
# region capability: magic_links
export MAGIC_LINK_ENABLED=true
# endregion capability: magic_links
# region capability: oauth
# Sign-in through an OpenID Connect provider: the tests' own, on loopback.
export BACKEND_HOST="$api_url" E2E_OIDC_URL="$oidc_url"
export OIDC_CLIENT_ID=test-client OIDC_CLIENT_SECRET=e2e-client-secret OIDC_NAME="Test SSO"
export OIDC_DISCOVERY_URL="$oidc_url/.well-known/openid-configuration"

log "e2e: OpenID Connect provider on :$oidc_port"
(cd "$REPO_ROOT/backend" && exec setsid uv run --frozen python -m tests.signin.oidc_provider \
  --port "$oidc_port") >"$work/oidc.log" 2>&1 &
pids+=($!)
# endregion capability: oauth

log "e2e: mail catcher on :$smtp_port (web :$mail_port)"
(cd "$REPO_ROOT/backend" && exec setsid uv run --frozen python -m devtools.mailcatcher \
  --smtp-port "$smtp_port" --http-port "$mail_port") >"$work/mail.log" 2>&1 &
pids+=($!)

log "e2e: migrating a fresh database"
(cd "$REPO_ROOT/backend" && bash scripts/prestart.sh) >"$work/prestart.log" 2>&1 \
  || { tail -n 40 "$work/prestart.log" >&2; die "backend prestart failed"; }

# A copy of the migrated database, superuser included, costs less than migrating again.
python3 -c 'import sqlite3, sys; sqlite3.connect(sys.argv[1]).backup(sqlite3.connect(sys.argv[2]))' \
  "$work/app.db" "$work/plain.db"

log "e2e: backend on :$api_port"
(cd "$REPO_ROOT/backend" && exec setsid uv run --frozen fastapi run app/main.py \
  --host 127.0.0.1 --port "$api_port") >"$work/api.log" 2>&1 &
pids+=($!)

# Every sign-in option named, so that a developer's .env switches none back on.
log "e2e: backend with the sign-in options off on :$plain_api_port"
password_only=(DATABASE_URL="sqlite:///$work/plain.db")
password_only+=(FRONTEND_HOST="$plain_web_url" BACKEND_CORS_ORIGINS="$plain_web_url")
# region capability: two_factor
password_only+=(TWO_FACTOR_ENABLED=false)
# endregion capability: two_factor
# region capability: magic_links
password_only+=(MAGIC_LINK_ENABLED=false)
# endregion capability: magic_links
# region capability: passkeys
password_only+=(PASSKEYS_ENABLED=false)
# endregion capability: passkeys
# region capability: oauth
password_only+=(BACKEND_HOST="$plain_api_url")
password_only+=(OAUTH_GOOGLE_CLIENT_ID= OAUTH_GOOGLE_CLIENT_SECRET= OAUTH_GITHUB_CLIENT_ID= OAUTH_GITHUB_CLIENT_SECRET=)
password_only+=(OIDC_CLIENT_ID= OIDC_CLIENT_SECRET= OIDC_DISCOVERY_URL=)
# endregion capability: oauth
(cd "$REPO_ROOT/backend" && exec env "${password_only[@]}" setsid uv run --frozen fastapi run app/main.py \
  --host 127.0.0.1 --port "$plain_api_port") >"$work/plain-api.log" 2>&1 &
pids+=($!)

# region capability: two_factor
# A third backend requires two-factor authentication of superusers, for
# e2e/two-factor.spec.ts (E2E_SUPERUSER_TWO_FACTOR_URL). Its own copy of the
# database: the superuser who turns it on there is asked for no code elsewhere.
guarded_api_port="$(free_port)"
guarded_web_port="$(free_port)"
guarded_api_url="http://localhost:$guarded_api_port"
guarded_web_url="http://localhost:$guarded_web_port"
python3 -c 'import sqlite3, sys; sqlite3.connect(sys.argv[1]).backup(sqlite3.connect(sys.argv[2]))' \
  "$work/app.db" "$work/guarded.db"
guarded=(DATABASE_URL="sqlite:///$work/guarded.db" FRONTEND_HOST="$guarded_web_url"
  BACKEND_CORS_ORIGINS="$guarded_web_url" TWO_FACTOR_ENABLED=true TWO_FACTOR_REQUIRED_FOR_SUPERUSERS=true)
# region capability: oauth
guarded+=(BACKEND_HOST="$guarded_api_url")
# endregion capability: oauth
log "e2e: backend requiring two-factor authentication of superusers on :$guarded_api_port"
(cd "$REPO_ROOT/backend" && exec env "${guarded[@]}" setsid uv run --frozen fastapi run app/main.py \
  --host 127.0.0.1 --port "$guarded_api_port") >"$work/guarded-api.log" 2>&1 &
pids+=($!)
# endregion capability: two_factor

log "e2e: building the dashboard against $api_url"
(cd "$REPO_ROOT/frontend" && VITE_API_URL="$api_url" npx --no-install vite build \
  --outDir "$work/dist" --emptyOutDir --logLevel warn) >"$work/build.log" 2>&1 \
  || { tail -n 40 "$work/build.log" >&2; die "frontend build failed"; }

(cd "$REPO_ROOT/frontend" && exec setsid npx --no-install vite preview --outDir "$work/dist" \
  --host localhost --port "$web_port" --strictPort) >"$work/preview.log" 2>&1 &
pids+=($!)

# The same build for the second backend: only its API address differs, and
# building again would cost more than the rest of this script.
cp -R "$work/dist" "$work/plain-dist"
built_with_api="$(grep -rlF "$api_url" "$work/plain-dist")" \
  || die "the build does not name $api_url: can't point it at the second backend"
while IFS= read -r file; do
  sed -i "s#$api_url#$plain_api_url#g" "$file"
done <<<"$built_with_api"
(cd "$REPO_ROOT/frontend" && exec setsid npx --no-install vite preview --outDir "$work/plain-dist" \
  --host localhost --port "$plain_web_port" --strictPort) >"$work/plain-preview.log" 2>&1 &
pids+=($!)

# region capability: two_factor
# The same build for the third backend, which the tests find through these variables.
cp -R "$work/dist" "$work/guarded-dist"
while IFS= read -r file; do
  sed -i "s#$api_url#$guarded_api_url#g" "$file"
done < <(grep -rlF "$api_url" "$work/guarded-dist")
(cd "$REPO_ROOT/frontend" && exec setsid npx --no-install vite preview --outDir "$work/guarded-dist" \
  --host localhost --port "$guarded_web_port" --strictPort) >"$work/guarded-preview.log" 2>&1 &
pids+=($!)
export E2E_SUPERUSER_TWO_FACTOR_URL="$guarded_web_url" E2E_SUPERUSER_TWO_FACTOR_API_URL="$guarded_api_url"
# endregion capability: two_factor

wait_for "$mail_url/api/messages" "mail catcher" "$work/mail.log"
# region capability: oauth
wait_for "$OIDC_DISCOVERY_URL" "OpenID Connect provider" "$work/oidc.log"
# endregion capability: oauth
wait_for "http://127.0.0.1:$api_port/api/v1/utils/health-check/" "backend" "$work/api.log"
wait_for "$web_url/login" "dashboard" "$work/preview.log"
wait_for "http://127.0.0.1:$plain_api_port/api/v1/utils/health-check/" "second backend" "$work/plain-api.log"
wait_for "$plain_web_url/login" "second dashboard" "$work/plain-preview.log"
# region capability: two_factor
wait_for "http://127.0.0.1:$guarded_api_port/api/v1/utils/health-check/" "third backend" "$work/guarded-api.log"
wait_for "$guarded_web_url/login" "third dashboard" "$work/guarded-preview.log"
# endregion capability: two_factor

log "e2e: running Playwright"
cd "$REPO_ROOT/frontend"
set +e
E2E_BASE_URL="$web_url" E2E_API_URL="$api_url" E2E_MAIL_URL="$mail_url" \
  E2E_PASSWORD_ONLY_URL="$plain_web_url" E2E_PASSWORD_ONLY_API_URL="$plain_api_url" \
  E2E_PROJECT_NAME="$PROJECT_NAME" E2E_ADMIN_EMAIL="$FIRST_SUPERUSER" E2E_ADMIN_PASSWORD="$FIRST_SUPERUSER_PASSWORD" \
  E2E_REPORT="$work/report.json" CHROMIUM_PATH="$(command -v chromium)" \
  npx --no-install playwright test "$@"
status=$?
set -e
if [[ -f "$work/report.json" ]]; then
  node scripts/e2e-summary.mjs "$work/report.json" || status=1
else
  echo "e2e: 0 passed, 1 failed (Playwright wrote no report)"
  status=1
fi
exit "$status"
