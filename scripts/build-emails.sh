#!/usr/bin/env bash
# Compiles the MJML email templates (backend/app/email-templates/src/*.mjml)
# into the HTML the backend renders with Jinja2 (build/*.html, committed).
#
#   scripts/build-emails.sh            rebuild backend/app/email-templates/build/
#   scripts/build-emails.sh OUT_DIR    compile into OUT_DIR instead (the staleness test does this)
#
# The output depends only on the sources and the pinned mjml version, so a
# rebuild of unchanged sources leaves build/ byte for byte identical.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

TEMPLATES_DIR="$REPO_ROOT/backend/app/email-templates"
MJML="$TEMPLATES_DIR/node_modules/.bin/mjml"

mjml_needs_install() {
  local stamp="$TEMPLATES_DIR/node_modules/.package-lock.json"
  [[ ! -x "$MJML" || ! -f "$stamp" || "$TEMPLATES_DIR/package-lock.json" -nt "$stamp" ]]
}

ensure_mjml() {
  command -v npm >/dev/null 2>&1 || die "Node 20+ and npm are required to compile the email templates"
  mjml_needs_install || return 0
  # Test suites run in parallel and may both get here on a fresh checkout;
  # two npm ci in one folder would delete each other's files.
  if command -v flock >/dev/null 2>&1; then
    local lock_file
    lock_file="${TMPDIR:-/tmp}/email-templates-npm-$(printf '%s' "$TEMPLATES_DIR" | cksum | cut -d' ' -f1).lock"
    exec 9>"$lock_file"
    flock 9
  fi
  if mjml_needs_install; then
    log "installing mjml for the email templates"
    (cd "$TEMPLATES_DIR" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

compile_templates() {
  local out_dir="$1"
  local sources=("$TEMPLATES_DIR"/src/*.mjml)
  mkdir -p "$out_dir"
  # A template deleted from src/ must not linger in the output.
  rm -f "$out_dir"/*.html
  # Files in src/partials/ are only pulled in through <mj-include>, so includes
  # must be allowed; strict validation turns any MJML mistake into a failure.
  # Running from src/ keeps absolute paths out of mjml's messages.
  (cd "$TEMPLATES_DIR/src" && "$MJML" \
    --config.allowIncludes true \
    --config.validationLevel strict \
    --read "${sources[@]##*/}" \
    --output "$out_dir/")
  log "compiled ${#sources[@]} email templates into $out_dir"
}

main() {
  local out_dir="${1:-$TEMPLATES_DIR/build}"
  mkdir -p "$out_dir"
  out_dir="$(cd "$out_dir" && pwd)"
  ensure_mjml
  compile_templates "$out_dir"
}

main "$@"
