#!/usr/bin/env bash
# Failure behaviour with real processes: a private PostgreSQL cluster is stopped
# and restarted under a running backend, prestart waits for it, SIGTERM under
# load, interrupted writes, SMTP down or stalled (backend/tests_resilience).
# Never touches the shared PostgreSQL server: the cluster lives in a temp dir.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"

ensure_backend_deps
if ! compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null && ! command -v pg_ctl >/dev/null; then
  echo "skip: PostgreSQL server binaries (initdb, pg_ctl) are not installed; the failure tests need a cluster of their own"
  exit 0
fi
cd "$REPO_ROOT/backend"
uv run --frozen pytest tests_resilience -q -p no:randomly -o testpaths=tests_resilience "$@"
