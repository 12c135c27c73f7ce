#!/usr/bin/env bash
# The one command that runs every test and check. Installs what it needs,
# runs each suite in scripts/suites/ (two at a time: this is sized for a
# 2-core machine), prints each suite's output as it finishes, a summary line
# per suite, and a closing "N passed, N failed" line.
#
#   scripts/test.sh                 every suite
#   scripts/test.sh backend-sqlite  only the named suites
set -uo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$REPO_ROOT"

JOBS="${TEST_JOBS:-2}"
LOG_DIR="$REPO_ROOT/.test-logs"
rm -rf "$LOG_DIR" && mkdir -p "$LOG_DIR"

log "installing dependencies"
ensure_backend_deps || die "backend dependencies could not be installed"
if [[ -f frontend/package.json ]]; then
  ensure_frontend_deps || die "frontend dependencies could not be installed"
fi
# region capability: dashboard
if [[ -f scripts/suites/e2e.sh ]]; then
  ensure_chromium || log "Chromium is not available: the e2e suite will say so"
fi
# endregion capability: dashboard

if (($#)); then
  suites=("$@")
else
  # Longest first (as measured on a 2-core machine), so the two lanes finish
  # close together; suites not named here follow.
  longest_first="copier e2e generator backend-sqlite backend-postgres bench-short fuzz resilience"
  mapfile -t suites < <(
    for order in $longest_first; do
      [[ -f "scripts/suites/$order.sh" ]] && echo "$order"
    done
    for file in scripts/suites/*.sh; do
      name="$(basename "$file" .sh)"
      case " $longest_first " in *" $name "*) ;; *) echo "$name" ;; esac
    done
  )
fi

declare -A started status
passed=0
failed=0
summary=()
failed_suites=()

finish() {
  local name="$1" code="$2"
  local seconds=$(( $(date +%s) - started[$name] )) cpu
  cpu="$(awk '{ printf "%d", $1 + $2 }' "$LOG_DIR/$name.cpu" 2>/dev/null || echo "?")"
  printf '\n\033[1m──── %s (exit %s, %ss) ────\033[0m\n' "$name" "$code" "$seconds"
  cat "$LOG_DIR/$name.log"
  if [[ "$code" == 0 ]]; then
    # A suite that could not run here says why on a line of its own ("skip: …"):
    # the summary repeats it, so a skip never reads as a pass.
    local skipped
    skipped="$(grep -m1 '^skip: ' "$LOG_DIR/$name.log" || true)"
    passed=$((passed + 1)); summary+=("suite $name: passed in ${seconds}s, ${cpu}s of CPU${skipped:+ ($skipped)}")
  else
    failed=$((failed + 1)); summary+=("suite $name: FAILED (exit $code) in ${seconds}s, ${cpu}s of CPU")
    failed_suites+=("$name")
  fi
}

declare -A pids
for name in "${suites[@]}"; do
  [[ -f "scripts/suites/$name.sh" ]] || die "no suite named $name"
  while (( $(jobs -rp | wc -l) >= JOBS )); do
    wait -n -p done_pid; code=$?
    for n in "${!pids[@]}"; do
      if [[ "${pids[$n]}" == "$done_pid" ]]; then finish "$n" "$code"; unset "pids[$n]"; fi
    done
  done
  log "starting suite $name"
  started[$name]=$(date +%s)
  # Timed by the shell: the CPU seconds of the suite and every process it waited
  # for, which tell what a suite costs when the wall clock is shared.
  (
    TIMEFORMAT='%U %S'
    { time bash "scripts/suites/$name.sh" >"$LOG_DIR/$name.log" 2>&1 </dev/null; } 2>"$LOG_DIR/$name.cpu"
  ) &
  pids[$name]=$!
done
for name in "${!pids[@]}"; do
  wait "${pids[$name]}"; finish "$name" "$?"
done

# A failed suite's last lines again, right above the summary: the end of the
# output is what a CI page shows first.
# Pytest's tracebacks come before its coverage table, out of a tail's reach: they
# are repeated first.
for name in "${failed_suites[@]}"; do
  printf '\n\033[1m──── last lines of %s ────\033[0m\n' "$name"
  awk '/^=+ (FAILURES|ERRORS) =+$/ { on = 1 }
    on && /^(-+ coverage|=+ (tests coverage|short test summary|warnings summary))/ { on = 0 }
    on' "$LOG_DIR/$name.log" | head -n 300
  tail -n "${TEST_FAILURE_TAIL:-80}" "$LOG_DIR/$name.log"
done

printf '\n\033[1mSummary\033[0m\n'
printf '%s\n' "${summary[@]}"
echo "suites: $passed passed, $failed failed"
((failed == 0))
