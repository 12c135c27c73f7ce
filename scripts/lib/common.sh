# Shared helpers for the scripts in scripts/: sourced, never run.
# Every ensure_* function is idempotent and cheap when its work is already done,
# so each script can be run alone and the test command can call them all once.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export REPO_ROOT
TOOLS_DIR="$REPO_ROOT/.tools"

log() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31merror:\033[0m %s\n' "$*" >&2; exit 1; }

# For a suite made of several checks, which has no one runner to hand arguments
# to: refusing them beats running everything while seeming to run a part.
takes_no_arguments() {
  (($# == 0)) || die "$(basename "$0") runs all of its checks and takes no arguments (got: $*)"
}

# uv is the only Python tool we need; when absent, install it with pip,
# into a private virtual environment when the system Python refuses
# (PEP 668 "externally managed" on Debian and Homebrew).
ensure_uv() {
  if command -v uv >/dev/null 2>&1; then return; fi
  if [[ -x "$TOOLS_DIR/uv-venv/bin/uv" ]]; then
    export PATH="$TOOLS_DIR/uv-venv/bin:$PATH"; return
  fi
  local python
  python="$(command -v python3 || command -v python)" || die "Python 3.11+ is required"
  "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || die "Python 3.11+ is required"
  log "installing uv"
  if ! "$python" -m pip install --user --quiet uv 2>/dev/null || ! command -v uv >/dev/null 2>&1; then
    "$python" -m venv "$TOOLS_DIR/uv-venv"
    "$TOOLS_DIR/uv-venv/bin/pip" install --quiet uv
    export PATH="$TOOLS_DIR/uv-venv/bin:$PATH"
  fi
}

ensure_backend_deps() {
  ensure_uv
  (cd "$REPO_ROOT/backend" && uv sync --quiet --frozen)
}

# node_modules records the lock file it was installed from; a different lock
# file (by content, not by date: a checkout or a copy changes dates) installs again.
ensure_frontend_deps() {
  command -v npm >/dev/null 2>&1 || die "Node 20+ and npm are required"
  local lock="$REPO_ROOT/frontend/package-lock.json"
  local stamp="$REPO_ROOT/frontend/node_modules/.installed-from-lock"
  if [[ ! -f "$stamp" ]] || ! cmp -s "$lock" "$stamp"; then
    log "installing frontend dependencies"
    (cd "$REPO_ROOT/frontend" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$lock" "$stamp"
  fi
}

# Browser tests use Debian's Chromium (Playwright's own download is not used).
ensure_chromium() {
  if command -v chromium >/dev/null 2>&1; then return 0; fi
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    log "installing Chromium from Debian"
    (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium) >/dev/null
    command -v chromium >/dev/null 2>&1 && return 0
  fi
  return 1
}

# PostgreSQL is optional: suites that need it skip with a message when it is absent.
postgres_reachable() {
  (cd "$REPO_ROOT/backend" && uv run --frozen python - <<'PY' 2>/dev/null
import os, sys, psycopg
url = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
try:
    psycopg.connect(url, connect_timeout=3).close()
except Exception:
    sys.exit(1)
PY
  )
}

# A scratch copy of the working tree (tracked files and uncommitted changes,
# not what Git ignores) at $1, for a check that writes into the project.
# node_modules is copied for real: hard links would let a tool writing in
# place reach the original. The backend's virtual environment is not copied:
# uv rebuilds it from its cache in seconds.
copy_working_tree() {
  local destination="$1"
  mkdir -p "$destination"
  (cd "$REPO_ROOT" && git ls-files -z --cached --others --exclude-standard) |
    (cd "$REPO_ROOT" && while IFS= read -r -d '' file; do
      [[ -e "$file" ]] && printf '%s\0' "$file"
    done) |
    (cd "$REPO_ROOT" && xargs -0 cp --preserve=timestamps --parents -t "$destination")
  if [[ -d "$REPO_ROOT/frontend/node_modules" ]]; then
    cp -a "$REPO_ROOT/frontend/node_modules" "$destination/frontend/node_modules"
  fi
}
