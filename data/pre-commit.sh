#!/bin/sh
# careplan pre-commit hook: refuse a commit whose staged care records fail their schemas or the
# record rules. Install: copy to .git/hooks/pre-commit and make it executable.
# CAREPLAN runs careplan (default: the project's own install via npx, never the network);
# CAREPLAN_REPO is the records folder inside the git repository (default: its top).
set -eu
CAREPLAN="${CAREPLAN:-npx --no-install careplan}"
CAREPLAN_REPO="${CAREPLAN_REPO:-.}"
top=$(git rev-parse --show-toplevel)
cd "$top"
# Only added, copied, modified or renamed YAML files in the records folder: deleted ones cannot
# be validated. (In a pathspec, * also matches across folders.)
files=$(git diff --cached --name-only --diff-filter=ACMR -- "$CAREPLAN_REPO/*.yaml" "$CAREPLAN_REPO/*.yml")
[ -n "$files" ] || exit 0
# shellcheck disable=SC2086
exec $CAREPLAN validate --repo "$CAREPLAN_REPO" $files
