#!/usr/bin/env bash
# Every shell block the docs mark as runnable (```bash runnable) works as written:
# each runs from the root of a temporary copy of the repository (the committed
# tree plus uncommitted changes), so the developer's checkout and data stay untouched.
# Documents given (paths from the repository root) are checked instead of all of them.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"

DOCUMENTS=(README.md development.md deployment.md backend/README.md)
# region capability: dashboard
DOCUMENTS+=(frontend/README.md)
# endregion capability: dashboard
if (($#)); then DOCUMENTS=("$@"); fi

# A documented command may run the test command; it must not recurse into this suite.
if [[ -n "${DOCS_COMMANDS_RUNNING:-}" ]]; then
  echo "skip: already running inside a documented command"
  exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
git clone --quiet "$REPO_ROOT" "$work/repo"
# Overlay what is not committed yet (modified and new files, ignored ones excepted).
(cd "$REPO_ROOT" && git ls-files -z --modified --others --exclude-standard \
  | xargs -0 -r sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' sh \
  | tar --null -T - -cf -) | tar -xf - -C "$work/repo"

python3 "$REPO_ROOT/scripts/deploy-checks/docs_commands.py" "$work/repo" "${DOCUMENTS[@]}"
