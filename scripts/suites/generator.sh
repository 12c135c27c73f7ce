#!/usr/bin/env bash
# The resource generator's output passes every check. In a scratch copy of the
# working tree (tracked files and uncommitted changes), scripts/new-resource.sh
# writes `project` and then `task` (which references a project), both owned by
# a user
# region capability: organizations
# and `team_note`, kept by an organization (it references an item, when the
# project has the items example)
# endregion capability: organizations
# running it again for `project`, or with a bad field, must fail and write
# nothing. Then,
# in the copy: the generated tests and those that read the whole application
# (routes, schemas, tables, migrations) on SQLite, the generated tests on
# PostgreSQL when it answers, ruff and mypy
# region capability: dashboard
# and, in a project with the dashboard (frontend/), Biome, tsc, the sidebar's
# unit test, the route tree and client up to date, and the generated Playwright specs
# endregion capability: dashboard
# (a project without frontend/ skips the dashboard's checks, saying so).
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
takes_no_arguments "$@"

ensure_backend_deps
with_dashboard=0
# region capability: dashboard
if [[ -f "$REPO_ROOT/frontend/package.json" ]]; then
  with_dashboard=1
  ensure_frontend_deps
  ensure_chromium || die "Chromium is needed for the generated end-to-end tests"
fi
# endregion capability: dashboard

started=$(date +%s)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
copy="$work/repo"

log "generator: copying the working tree to $copy"
copy_working_tree "$copy"
export GIT_AUTHOR_NAME=generator-check GIT_AUTHOR_EMAIL=generator-check@example.com
export GIT_COMMITTER_NAME=generator-check GIT_COMMITTER_EMAIL=generator-check@example.com
git -C "$copy" init --quiet
git -C "$copy" add --all
git -C "$copy" commit --quiet --message "before the generator"

cd "$copy"
steps=0
failures=0
step() { # name, command...
  local name="$1" began=$SECONDS; shift
  steps=$((steps + 1))
  log "generator: $name"
  if "$@"; then echo "generator $name: ok ($((SECONDS - began))s)"
  else echo "generator $name: FAILED ($((SECONDS - began))s)"; failures=$((failures + 1)); fi
}

GENERATED=(project task)
# region capability: organizations
GENERATED+=(team_note)
team_note_fields=(title:str:1-200 notes:text? pinned:bool)
# region capability: items
team_note_fields+=(item:ref:item)
# endregion capability: items
# endregion capability: organizations
generate() {
  scripts/new-resource.sh project name:str:1-100 description:text? --owned &&
    scripts/new-resource.sh task title:str:1-255 notes:text? done:bool due:date? estimate:int? \
      priority:enum:low,normal,high project:ref:project --owned &&
    # region capability: organizations
    scripts/new-resource.sh team_note "${team_note_fields[@]}" --org-scoped &&
    # endregion capability: organizations
    git add --all && git commit --quiet --message "${GENERATED[*]}, generated"
}

refused_without_a_write() { # expected message, arguments...
  local expected="$1"; shift
  local output status=0
  output="$(scripts/new-resource.sh "$@" 2>&1)" || status=$?
  if ((status == 0)); then echo "new-resource $* succeeded"; return 1; fi
  if [[ "$output" != *"$expected"* ]]; then echo "$output"; echo "expected: $expected"; return 1; fi
  if [[ -n "$(git status --porcelain)" ]]; then git status --short; return 1; fi
}

refusals() {
  refused_without_a_write "project exists already" project name:str:1-100 --owned &&
    refused_without_a_write "unknown type 'strng'" widget name:strng --owned &&
    # region capability: organizations
    refused_without_a_write "not both" widget name:str --owned --org-scoped &&
    # endregion capability: organizations
    refused_without_a_write "no table 'board'" card title:str board:ref:board --owned
}

if ! step "writes ${GENERATED[*]}" generate; then
  echo "generator: 0 passed, 1 failed (nothing was generated to check) in $(($(date +%s) - started))s"
  exit 1
fi
step "refuses a second run and bad specs, writing nothing" refusals

GENERATED_TESTS=()
for name in "${GENERATED[@]}"; do GENERATED_TESTS+=("tests/api/routes/test_${name}s.py"); done
# The generated tests, and every test that reads all routes, schemas, tables or
# migrations (marked whole_app): what a new resource can break beyond its own.
# The rest of the suite runs on the template itself, in backend-sqlite.
backend_sqlite() {
  (cd backend && TEST_DATABASE=sqlite uv run --frozen pytest -n 2 -p randomly -q "${GENERATED_TESTS[@]}" &&
    TEST_DATABASE=sqlite uv run --frozen pytest -n 2 -p randomly -q -m whole_app)
}
backend_postgres() {
  if ! postgres_reachable; then echo "skip: no PostgreSQL at ${TEST_POSTGRES_URL:-127.0.0.1:5432}"; return 0; fi
  (cd backend && TEST_DATABASE="${TEST_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432/postgres}" \
    uv run --frozen pytest -n 2 -q "${GENERATED_TESTS[@]}" tests/unit/test_migrations.py)
}
backend_lint() {
  (cd backend && uv run --frozen ruff check . && uv run --frozen ruff format --check . &&
    uv run --frozen mypy .)
}
# region capability: dashboard
route_tree_is_current() {
  cp frontend/src/routeTree.gen.ts "$work/routeTree.gen.ts"
  (cd frontend && npm run --silent routes) && diff -u "$work/routeTree.gen.ts" frontend/src/routeTree.gen.ts
}
client_is_current() {
  bash scripts/generate-client.sh "$work/client" >/dev/null 2>&1 && diff -r -q frontend/src/client "$work/client"
}
# endregion capability: dashboard

step "generated and whole-application tests (SQLite)" backend_sqlite
step "generated tests and migrations (PostgreSQL)" backend_postgres
step "ruff and mypy" backend_lint
if ((!with_dashboard)); then
  echo "generator: no frontend/ (an API-only project): the dashboard's checks are skipped"
# region capability: dashboard
else
  step "biome" bash -c 'cd frontend && node_modules/.bin/biome check --error-on-warnings .'
  step "tsc" bash -c 'cd frontend && node_modules/.bin/tsc --noEmit'
  # Of the unit tests, the one that reads the new pages: every page is in the sidebar.
  step "vitest (sidebar)" bash -c \
    'cd frontend && node_modules/.bin/vitest run --reporter=dot src/components/Layout/nav-items.test.ts'
  step "route tree up to date" route_tree_is_current
  step "generated client up to date" client_is_current
  specs=()
  for name in "${GENERATED[@]}"; do specs+=("e2e/${name//_/-}s.spec.ts"); done
  step "playwright (generated specs)" bash scripts/suites/e2e.sh "${specs[@]}"
# endregion capability: dashboard
fi

echo "generator: $((steps - failures)) passed, $failures failed in $(($(date +%s) - started))s"
((failures == 0))
