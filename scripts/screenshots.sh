#!/usr/bin/env bash
# Retake the README's screenshots (frontend/screenshots/) from the current UI:
# the end-to-end servers on a fresh database, then frontend/e2e/readme-screenshots.take.ts.
# Run on demand, after a visible change; the test suites never rewrite the pictures.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

# The dashboard greets with an emoji: without a colour emoji font Chromium draws a box.
if ! fc-list 2>/dev/null | grep -qi 'emoji'; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    log "installing a colour emoji font from Debian"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q fonts-noto-color-emoji >/dev/null
  else
    log "no emoji font (e.g. fonts-noto-color-emoji): the greeting's emoji will show as a box"
  fi
fi
exec bash "$(dirname "$0")/suites/e2e.sh" --config playwright.screenshots.config.ts "$@"
