#!/usr/bin/env bash
# Remakes docs/audit-page-1.png, page 1 of the November example audit as printed on A4 by headless
# Chromium (Debian's chromium and poppler-utils). Run after `npm run build` when the audit changes.
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
node bin/careplan.js audit --repo examples/sunrise-house --as-of 2026-11-26 --month 2026-11 --out "$work/audit.html"
chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer --print-to-pdf="$work/audit.pdf" "$work/audit.html" 2>/dev/null
pdftoppm -png -r 96 -f 1 -l 1 -singlefile "$work/audit.pdf" docs/audit-page-1
echo "Wrote docs/audit-page-1.png"
