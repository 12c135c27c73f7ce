#!/usr/bin/env bash
# Retake the README's screenshots (frontend/screenshots/) from the current UI:
# the end-to-end servers on a fresh database, then frontend/e2e/readme-screenshots.take.ts.
# Run on demand, after a visible change; the test suites never rewrite the pictures.
set -euo pipefail
exec bash "$(dirname "$0")/suites/e2e.sh" --config playwright.screenshots.config.ts "$@"
