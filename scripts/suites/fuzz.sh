#!/usr/bin/env bash
# Property-based fuzzing of the API against its own OpenAPI schema (schemathesis,
# pinned in backend/pyproject.toml): a live backend on a fresh SQLite database,
# as two users and as a superuser, a bounded number of examples per operation
# region capability: organizations
# (the two users are a Viewer and the Owner of one organization, and every
# `org_id` in a path is that organization's)
# endregion capability: organizations

# Fails on any 5xx, any undocumented status code, any response off its schema.
# Arguments go to `schemathesis run` (e.g. --include-path-regex /users).
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"

ensure_backend_deps
EXAMPLES="${FUZZ_EXAMPLES:-25}"

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

work="$(mktemp -d)"
# The backend and the servers beside it, each in its own process group.
pids=()
cleanup() {
  local status=$?
  for running in "${pids[@]}"; do
    kill -- "-$running" 2>/dev/null || kill "$running" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT INT TERM

port="$(free_port)"
base="http://127.0.0.1:$port"
export ENV_FILE= ENVIRONMENT=local
export DATABASE_URL="sqlite:///$work/app.db"
export SECRET_KEY="fuzz-$(python3 -c 'import secrets; print(secrets.token_hex(16))')"
export FIRST_SUPERUSER="admin@example.com" FIRST_SUPERUSER_PASSWORD="fuzz-Admin-Passw0rd"
export RATE_LIMIT_ENABLED=false REDIS_URL=
# region capability: sentry
export SENTRY_DSN=
# endregion capability: sentry
# Email on, towards a port where nothing listens: routes that send mail answer
# as they would in production (sending fails later, in the background).
export SMTP_HOST=127.0.0.1 SMTP_PORT="$(free_port)" SMTP_TLS=false SMTP_SSL=false
export EMAILS_FROM_EMAIL=noreply@example.com
# Every sign-in option on, so that each of their routes is fuzzed.
# region capability: magic_links
export MAGIC_LINK_ENABLED=true
# endregion capability: magic_links
# region capability: two_factor
export TWO_FACTOR_ENABLED=true
# endregion capability: two_factor
# region capability: passkeys
export PASSKEYS_ENABLED=true
# endregion capability: passkeys

cd "$REPO_ROOT/backend"
# region capability: oauth
# An OpenID Connect provider of the tests' own, on loopback.
oidc_port="$(free_port)"
export OIDC_CLIENT_ID=test-client OIDC_CLIENT_SECRET=fuzz-client-secret OIDC_NAME="Test SSO"
export OIDC_DISCOVERY_URL="http://127.0.0.1:$oidc_port/.well-known/openid-configuration"
setsid uv run --frozen python -m tests.signin.oidc_provider --port "$oidc_port" >"$work/oidc.log" 2>&1 &
pids+=($!)
# endregion capability: oauth
bash scripts/prestart.sh >"$work/prestart.log" 2>&1 || { tail -n 40 "$work/prestart.log" >&2; die "prestart failed"; }
setsid uv run --frozen fastapi run app/main.py --host 127.0.0.1 --port "$port" >"$work/api.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do
  curl -fsS -o /dev/null "$base/api/v1/utils/health-check/" 2>/dev/null && break
  sleep 0.5
done
curl -fsS -o /dev/null "$base/api/v1/utils/health-check/" || { tail -n 40 "$work/api.log" >&2; die "backend did not start"; }

token() { # email password
  curl -fsS -X POST "$base/api/v1/login/access-token" \
    --data-urlencode "username=$1" --data-urlencode "password=$2" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])'
}
for who in owner viewer; do
  curl -fsS -X POST "$base/api/v1/private/users/" -H 'Content-Type: application/json' \
    -d "{\"email\":\"fuzz-$who@example.com\",\"password\":\"fuzz-User-Passw0rd\",\"is_verified\":true}" >/dev/null
done
# region capability: organizations
# The owner's personal organization, with the viewer added as a Viewer (an
# invitation's link would only be in a mail nobody receives here).
org_id="$(uv run --frozen python - <<'PY'
import asyncio

from app import crud
from app.api.deps import SessionFactory, engine
from app.organizations import crud as organizations


async def main() -> str:
    async with SessionFactory.begin() as session:
        owner = await crud.get_user_by_email(session=session, email="fuzz-owner@example.com")
        viewer = await crud.get_user_by_email(session=session, email="fuzz-viewer@example.com")
        assert owner is not None and viewer is not None
        org = await organizations.get_personal_organization(session=session, user_id=owner.id)
        assert org is not None
        await organizations.add_member(
            session=session, organization_id=org.id, user_id=viewer.id, role="viewer", role_id=None
        )
        organization_id = str(org.id)
    await engine.dispose()
    return organization_id


print(asyncio.run(main()))
PY
)"
# endregion capability: organizations
cat >"$work/schemathesis.toml" <<TOML
[parameters]
# region capability: organizations
"path.org_id" = "$org_id"
# endregion capability: organizations
TOML
# Operations that end the caller's own session, account or access are left
# out: after them every later request would only test the 401 or 404 path.
excluded=(login-logout users-delete_user_me)
# region capability: organizations
excluded+=(members-leave_organization)
# endregion capability: organizations

status=0
for who in viewer owner superuser; do
  if [[ "$who" == superuser ]]; then
    bearer="$(token "$FIRST_SUPERUSER" "$FIRST_SUPERUSER_PASSWORD")"
  else
    bearer="$(token "fuzz-$who@example.com" fuzz-User-Passw0rd)"
  fi
  log "fuzz: as $who, $EXAMPLES examples per operation"
  # Run from the scratch directory: schemathesis keeps its cache in ./.schemathesis.
  (cd "$work" && uv run --frozen --project "$REPO_ROOT/backend" schemathesis \
    --config-file "$work/schemathesis.toml" run "$base/api/v1/openapi.json" \
    --url "$base" \
    --header "Authorization: Bearer $bearer" \
    --checks not_a_server_error,status_code_conformance,response_schema_conformance \
    --max-examples "$EXAMPLES" \
    --seed 1 \
    "${excluded[@]/#/--exclude-operation-id=}" \
    --suppress-health-check all \
    --warnings off \
    --no-color \
    "$@") || status=1
done
exit "$status"
