#!/usr/bin/env bash
# The generator works: `copier copy` from the current commit gives a project whose
# .env holds the answers and fresh secrets; the capability questions leave out what
# they say, in a set of combinations covering every pair of answers, each project
# passing its own backend and frontend suites; and `copier update` from an older
# commit to the current one applies cleanly.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
takes_no_arguments "$@"

COPIER="copier==9.19.1"
ANSWERS_FILE=.copier/.copier-answers.yml
# Each generated project must not inherit these from the template.
EXCLUDED=(copier.yml bench-results .git node_modules frontend/node_modules backend/.venv backend/data .test-logs .tools
  .copier/dotenv-answers.json .copier/prune.py .copier/capabilities.toml .copier/combinations.py
  scripts/suites/copier.sh .github/workflows/test-generator.yml)
# How far back the update starts, when that commit already had the generator.
UPDATE_DISTANCE=5

cd "$REPO_ROOT"
if [[ ! -f copier.yml ]]; then
  echo "skip: no copier.yml here (this is a generated project, not the template)"
  exit 0
fi
ensure_uv

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export GIT_AUTHOR_NAME=template-check GIT_AUTHOR_EMAIL=template-check@example.com
export GIT_COMMITTER_NAME=template-check GIT_COMMITTER_EMAIL=template-check@example.com

passed=0
failed=0
check() {
  local name="$1"; shift
  if "$@"; then passed=$((passed + 1)); echo "ok   $name"
  else failed=$((failed + 1)); echo "FAIL $name"; fi
}
dotenv_value() { sed -n "s/^$2=//p" "$1/.env" | tail -1 | sed "s/^'\(.*\)'\$/\1/"; }
is_hex() { [[ "$1" =~ ^[0-9a-f]{$2}$ ]]; }
none_present() { local root="$1" path; shift; for path in "$@"; do [[ ! -e "$root/$path" ]] || { echo "  $path was copied"; return 1; }; done; }

# Copier reads the template from git: the committed HEAD, not the working tree.
template="$work/template"
git clone --quiet "$REPO_ROOT" "$template"
has_generator() { git -C "$template" cat-file -e "$1:copier.yml" 2>/dev/null && git -C "$template" cat-file -e "$1:.copier/update_dotenv.py" 2>/dev/null; }
old_ref=""
for distance in $(seq "$UPDATE_DISTANCE" -1 1); do
  if has_generator "HEAD~$distance"; then old_ref="HEAD~$distance"; break; fi
done
if [[ -z "$old_ref" ]]; then
  # The generator is younger than its first update: start from HEAD and make a newer commit.
  echo "note: no earlier commit has the generator; updating HEAD to a template change made on top of it"
  git -C "$template" tag v0.0.1 HEAD
  printf '\n# A change made upstream after the project was generated.\n' >>"$template/docker-compose.traefik.yml"
  git -C "$template" commit --quiet -am "Change the template after generation"
else
  git -C "$template" tag v0.0.1 "$old_ref"
fi
git -C "$template" tag v0.0.2 HEAD
echo "template: v0.0.1 = $(git -C "$template" rev-parse --short v0.0.1), v0.0.2 = $(git -C "$template" rev-parse --short v0.0.2) ($(git -C "$template" rev-list --count v0.0.1..v0.0.2) commits apart)"

copier() { uvx "$COPIER" "$@"; }

log "copier copy from the current commit"
project="$work/acme-inventory"
copier copy --quiet --defaults --trust --vcs-ref v0.0.2 \
  --data project_name="Acme Inventory" --data domain=acme.example.com \
  --data first_superuser=owner@acme.example.com "$template" "$project"
check ".env has the project name, stack name, domain and superuser given" \
  test "$(dotenv_value "$project" PROJECT_NAME)|$(dotenv_value "$project" STACK_NAME)|$(dotenv_value "$project" DOMAIN)|$(dotenv_value "$project" FIRST_SUPERUSER)" \
  = "Acme Inventory|acme-inventory|acme.example.com|owner@acme.example.com"
check ".env has no changethis" bash -c "! grep -qi changethis '$project/.env'"
check "SECRET_KEY is 256 random bits" is_hex "$(dotenv_value "$project" SECRET_KEY)" 64
check "FIRST_SUPERUSER_PASSWORD and POSTGRES_PASSWORD are 128 random bits" \
  bash -c "[[ '$(dotenv_value "$project" FIRST_SUPERUSER_PASSWORD)' =~ ^[0-9a-f]{32}\$ && '$(dotenv_value "$project" POSTGRES_PASSWORD)' =~ ^[0-9a-f]{32}\$ ]]"
check "the answers file records the template commit and keeps no secret" \
  bash -c "grep -qx '_commit: v0.0.2' '$project/$ANSWERS_FILE' && ! grep -q '$(dotenv_value "$project" SECRET_KEY)' '$project/$ANSWERS_FILE'"
check "copier.yml, .git, dependencies, local data, the secrets hand-over file and the generator's own test are left out" \
  none_present "$project" "${EXCLUDED[@]}"

check "the capability markers pair up and each capability, left out alone, leaves no trace" \
  bash -c "cd '$template' && python3 .copier/prune.py --check"
check "with every capability kept, the project holds no marker" \
  python3 "$template/.copier/prune.py" --leftovers "$project"

# Every capability question answered "no" in some project, every pair of answers
# in at least one. The project keeping everything is the template itself, whose own
# suites run in this test command. Every other project gets the static checks (Ruff,
# mypy, Biome, TypeScript: a dangling reference to left-out code fails them); the
# one leaving out the most also runs its backend suites in full, the one leaving
# out the most but the dashboard its frontend suite, and with COPIER_FULL=1 every
# project runs them all. Each project's time is printed.
mapfile -t combinations < <(cd "$template" && python3 .copier/combinations.py)
echo "combinations covering every pair of answers: ${#combinations[@]} (the first keeps everything)"
# The slimmest project runs its backend suites in full, and the slimmest one
# that keeps the dashboard its frontend suite too.
slimmest=""
slimmest_with_dashboard=""
for combination in "${combinations[@]}"; do
  (( $(wc -w <<<"$combination") > $(wc -w <<<"$slimmest") )) && slimmest="$combination"
  if [[ " $combination " != *" dashboard "* ]] &&
    (( $(wc -w <<<"$combination") > $(wc -w <<<"$slimmest_with_dashboard") )); then
    slimmest_with_dashboard="$combination"
  fi
done
ensure_frontend_deps
index=0
for combination in "${combinations[@]}"; do
  [[ "$combination" == - ]] && continue
  index=$((index + 1))
  read -r -a left_out <<<"$combination"
  log "project $index: without ${left_out[*]}"
  started=$(date +%s)
  data=()
  for name in "${left_out[@]}"; do data+=(--data "$name=false"); done
  combo="$work/combination-$index"
  # A copy of the template's packages: npm installs again only if the lock file differs.
  mkdir -p "$combo/frontend" && cp -a "$REPO_ROOT/frontend/node_modules" "$combo/frontend/"
  if ! copier copy --quiet --defaults --trust --vcs-ref v0.0.2 "${data[@]}" "$template" "$combo" >"$work/copy-$index.log" 2>&1; then
    tail -20 "$work/copy-$index.log"; check "project $index is generated" false; continue
  fi
  [[ -d "$combo/frontend/src" ]] || rm -rf "$combo/frontend"
  check "project $index leaves nothing of ${left_out[*]} behind" \
    python3 "$template/.copier/prune.py" --leftovers "$combo" "${left_out[@]}"
  check "project $index has one linear chain of migrations" \
    bash -c "cd '$combo/backend' && [[ \$(uv run --frozen alembic heads | wc -l) == 1 ]]"
  suites=()
  if [[ "$combination" == "$slimmest" || -n "${COPIER_FULL:-}" ]]; then
    suites+=(backend-lint backend-sqlite)
  fi
  if [[ "$combination" == "$slimmest_with_dashboard" && ${#suites[@]} -eq 0 ]]; then
    suites+=(backend-lint)
  fi
  if [[ -d "$combo/frontend" && ${#suites[@]} -gt 0 ]]; then
    suites+=(frontend)
  fi
  if ((${#suites[@]})); then
    what="passes ${suites[*]}"
    run_checks() { (cd "$combo" && bash scripts/test.sh "${suites[@]}"); }
  else
    what="passes Ruff and mypy"
    [[ ! -d "$combo/frontend" ]] || what+=", Biome and TypeScript"
    run_checks() {
      (cd "$combo" && bash scripts/suites/backend-lint.sh) || return 1
      [[ ! -d "$combo/frontend" ]] || (cd "$combo/frontend" && npm run --silent lint && npm run --silent typecheck)
    }
  fi
  if run_checks >"$work/test-$index.log" 2>&1; then
    check "project $index $what" true
  else
    # The project's test command repeats its failures after "last lines of".
    if grep -q 'last lines of' "$work/test-$index.log"; then
      sed -n '/last lines of/,$p' "$work/test-$index.log" | head -n 400
    else
      tail -60 "$work/test-$index.log"
    fi
    check "project $index $what" false
  fi
  grep -E '^suite |passed, .* failed$' "$work/test-$index.log" | sed 's/^/  /' || true
  echo "  project $index (without ${left_out[*]}): $(( $(date +%s) - started ))s"
  rm -rf "$combo"
done

log "copier update from v0.0.1 to v0.0.2"
old_project="$work/updated-project"
copier copy --quiet --defaults --trust --vcs-ref v0.0.1 "$template" "$old_project"
check "a second copy gets different secrets" \
  test "$(dotenv_value "$old_project" SECRET_KEY)" != "$(dotenv_value "$project" SECRET_KEY)"
cp "$old_project/.env" "$work/env-before-update"
(cd "$old_project" && git init --quiet && git add --all && git commit --quiet -m "Generated project")
update_log="$work/update.log"
if (cd "$old_project" && copier update --defaults --trust --vcs-ref v0.0.2 --answers-file "$ANSWERS_FILE") >"$update_log" 2>&1; then
  check "copier update exits successfully" true
else
  cat "$update_log"; check "copier update exits successfully" false
fi
check "the answers file now records v0.0.2" grep -qx '_commit: v0.0.2' "$old_project/$ANSWERS_FILE"
check "no conflict markers and no .rej files" \
  bash -c "cd '$old_project' && ! git grep -qE '^(<<<<<<<|>>>>>>>) ' && [[ -z \$(find . -name '*.rej' -not -path './.git/*') ]]"
check ".env and its secrets are kept as they were" cmp -s "$work/env-before-update" "$old_project/.env"

# Every file the template changed between the two versions now matches a project
# generated from the new version with the same answers.
fresh="$work/fresh-v0.0.2"
copier copy --quiet --defaults --trust --vcs-ref v0.0.2 "$template" "$fresh"
mismatches=0
changed=0
while IFS= read -r path; do
  # Not in generated projects (excluded, rendered, or the project's own after the first copy).
  case "$path" in copier.yml|.env|.copier/*|bench-results/*|scripts/suites/copier.sh|.github/workflows/test-generator.yml) continue ;; esac
  changed=$((changed + 1))
  if [[ -e "$fresh/$path" ]]; then
    cmp -s "$fresh/$path" "$old_project/$path" || { echo "  differs from the template: $path"; mismatches=$((mismatches + 1)); }
  elif [[ -e "$old_project/$path" ]]; then
    echo "  deleted in the template but still here: $path"; mismatches=$((mismatches + 1))
  fi
done < <(git -C "$template" diff --name-only v0.0.1 v0.0.2)
echo "template files changed between the versions: $changed, not carried over: $mismatches"
check "every template change between the versions is carried over" test "$mismatches" -eq 0

log "copier update keeps left-out capabilities out"
# A project generated without some capabilities takes in a later template change
# that touches both the code it kept and the code it left out.
slim="$work/slim-project"
copier copy --quiet --defaults --trust --vcs-ref v0.0.2 --data admin_panel=false --data sentry=false \
  "$template" "$slim" >"$work/slim-copy.log" 2>&1 || tail -20 "$work/slim-copy.log"
(cd "$slim" && git init --quiet && git add --all && git commit --quiet -m "Generated project")
printf '\n# Served by the API process.\n' >>"$template/backend/app/admin_db/panel.py"
printf '\n# The application object that every process serves.\n' >>"$template/backend/app/main.py"
git -C "$template" commit --quiet -am "Change kept and left-out code after generation"
git -C "$template" tag v0.0.3 HEAD
if (cd "$slim" && copier update --defaults --trust --vcs-ref v0.0.3 --answers-file "$ANSWERS_FILE") >"$work/slim-update.log" 2>&1; then
  check "copier update of a project without the admin panel and Sentry exits successfully" true
else
  tail -30 "$work/slim-update.log"; check "copier update of a project without the admin panel and Sentry exits successfully" false
fi
check "the kept code took the change" grep -q "The application object that every process serves" "$slim/backend/app/main.py"
check "the left-out capabilities stay out, with no conflict" \
  bash -c "python3 '$template/.copier/prune.py' --leftovers '$slim' admin_panel sentry \
    && cd '$slim' && ! git grep -qE '^(<<<<<<<|>>>>>>>) ' && [[ -z \$(find . -name '*.rej' -not -path './.git/*') ]]"

echo "copier: $passed passed, $failed failed"
((failed == 0))
