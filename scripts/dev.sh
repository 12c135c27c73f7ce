#!/usr/bin/env bash
# The one command that starts the whole app locally, no Docker and no
# database server needed: installs what is missing, migrates, creates the first
# superuser, fills a new database with sample data (`app seed`), then runs the
# API (reload) on :8000, the local mail catcher on :1025 (web :1080),
# region capability: dashboard
# the dashboard (Vite, hot reload) on :5173
# endregion capability: dashboard
# and, with background jobs, their worker:
# inside the API process on SQLite (its queue lives in memory), as a process of
# its own on PostgreSQL. Every log line appears here.
# Ctrl-C stops everything.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$REPO_ROOT"

ensure_backend_deps
# region capability: dashboard
with_frontend=0
if [[ -f frontend/package.json ]]; then
  ensure_frontend_deps
  with_frontend=1
fi
# endregion capability: dashboard

log "preparing the database (migrate, first superuser)"
(cd backend && bash scripts/prestart.sh)
# Sample people and their data, the first time only: a database
# holding anything but superusers is left as it is.
sample_data="$(cd backend && uv run --frozen app seed --if-empty)"

pids=()
cleanup() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup INT TERM EXIT

(cd backend && exec uv run --frozen python -m devtools.mailcatcher --smtp-port 1025 --http-port 1080) &
pids+=($!)
(cd backend && exec uv run --frozen fastapi dev app/main.py --host 127.0.0.1 --port 8000) &
pids+=($!)
# region capability: background_jobs
jobs_queue="$(cd backend && uv run --frozen python -c \
  'from app.core.config import settings as s; print(s.jobs_queue if s.JOBS_ENABLED else "off")')"
if [[ "$jobs_queue" == postgres ]]; then
  (cd backend && exec uv run --frozen app jobs run-worker --name dev) &
  pids+=($!)
fi
# endregion capability: background_jobs
# region capability: dashboard
if ((with_frontend)); then
  (cd frontend && exec npm run dev --silent) &
  pids+=($!)
fi
# endregion capability: dashboard

superuser="$(cd backend && uv run --frozen python -c \
  'from app.core.config import settings as s; print(s.FIRST_SUPERUSER, s.FIRST_SUPERUSER_PASSWORD)' 2>/dev/null)"
sleep 3
where() { printf '  %-13s %s\n' "$1" "$2"; }
echo
# region capability: dashboard
if ((with_frontend)); then where Dashboard http://localhost:5173; fi
# endregion capability: dashboard
where "API docs" http://localhost:8000/docs
where "Mail catcher" http://localhost:1080
# region capability: background_jobs
where Jobs "queue: ${jobs_queue} (worker $([[ "$jobs_queue" == postgres ]] && echo "process" || echo "inside the API"))"
# endregion capability: background_jobs
# region capability: admin_panel
if [[ "$(cd backend && uv run --frozen python -c \
  'from app.core.config import settings as s; print(s.admin_db_enabled)')" == True ]]; then
  where "Admin panel" "http://localhost:8000/admin-db   (every table; superusers logged in to the dashboard)"
else
  where "Admin panel" "off (ADMIN_DB_ENABLED in .env)"
fi
# endregion capability: admin_panel
where "Log in as" "${superuser% *} / ${superuser#* }   (FIRST_SUPERUSER in .env)"
where "Sample data" "${sample_data//$'\n'/$'\n'                }"
printf '\n  Ctrl-C stops everything.\n\n'
wait -n
