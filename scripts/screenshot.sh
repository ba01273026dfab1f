#!/usr/bin/env bash
# Regenerates docs/report.png, the picture of the bundled case's report shown in the README:
# the report written by parley, then photographed by headless Chromium (the top of the page).
# Usage: screenshot.sh PARLEY_BINARY [OUTPUT.png]
set -euo pipefail
parley=$1 out=${2:-docs/report.png}
browser=$(command -v chromium || command -v chromium-browser || true)
[ -n "$browser" ] || { echo "screenshot: chromium is not installed (scripts/install-deps.sh installs it)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$parley" report examples/ukraine-framework.yaml -o "$tmp/report.html"
"$browser" --headless --no-sandbox --disable-gpu --no-first-run --hide-scrollbars --user-data-dir="$tmp/profile" \
  --window-size=1000,1320 --screenshot="$tmp/report.png" "file://$tmp/report.html" >/dev/null 2>&1
[ -s "$tmp/report.png" ] || { echo "screenshot: chromium wrote no picture" >&2; exit 1; }
cp "$tmp/report.png" "$out"
echo "screenshot: $out"
