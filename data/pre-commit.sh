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
# Added, copied, modified or renamed files in the records folder (deleted ones cannot be
# validated). The pathspec is a plain folder, not a glob: careplan commits with
# --literal-pathspecs, which git hands on to this hook as GIT_LITERAL_PATHSPECS, and a glob would
# then match nothing. YAML files only, and none under dot-folders or node_modules (not records).
staged=$(git diff --cached --name-only --diff-filter=ACMR -- "$CAREPLAN_REPO")
files=$(printf '%s\n' "$staged" | grep -E '\.ya?ml$' | grep -Ev '(^|/)(\.|node_modules/)' || true)
[ -n "$files" ] || exit 0
# shellcheck disable=SC2086
exec $CAREPLAN validate --repo "$CAREPLAN_REPO" $files
