#!/usr/bin/env bash
# The HTML reports in a real browser: for the bundled case and an ANAC domain, the report, a
# negotiation and a tournament, each opened in headless Chromium (tests/browser/check.py): no
# console message, every chart drawn with its title and table, the solutions' and frameworks'
# labels present, a screenshot that is not blank; and the same bytes on a second run.
# Usage: run.sh PARLEY REPO_ROOT [SHARED_DATA]
set -euo pipefail
parley=$1 root=$2 data=${3:-$2/../shared/data}
here=$(cd "$(dirname "$0")" && pwd)
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "browser: chromium is not installed (scripts/install-deps.sh installs it)" >&2
  exit 1
fi
dinner=$data/anac/y2015/group2-dinner
if [ ! -d "$dinner" ]; then
  if [ "${CI:-}" = true ]; then echo "browser: $dinner is missing" >&2; exit 1; fi
  echo "browser: $dinner is missing; skipping" >&2
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { python3 "$here/check.py" "$browser" "$@" || fail=1; }
example=$root/examples/ukraine-framework.yaml

"$parley" report "$example" -o "$tmp/case.html"
"$parley" report "$example" -o "$tmp/again.html"
cmp -s "$tmp/case.html" "$tmp/again.html" || { echo "browser: the same input gave different bytes"; fail=1; }
check "$tmp/case.html" --chart space-1-plane --chart space-1-parallel --chart draft-1-fw1 \
  --chart mediation-1-path --chart mediation-1-steps --chart mediation-1-verdicts \
  --chart accept-1-probability --chart accept-1-tornado \
  --chart timeline-1-windows --chart timeline-1-feasible --chart timeline-1-nash \
  --label nash --label utilitarian --label egalitarian --label us_draft --label "final text" --screenshot "$tmp/case.png"

"$parley" mediate "$example" --compare --html "$tmp/compare.html" >/dev/null
check "$tmp/compare.html" --chart compare-1-groups --chart compare-1-cost --label everyone --label "declared group"

"$parley" accept "$example" --robust --html "$tmp/robust.html" >/dev/null
check "$tmp/robust.html" --chart robust-1-top --label "#1"

"$parley" negotiate "$example" --agent ukraine=boulware --agent russia=conceder --html "$tmp/negotiation.html" >/dev/null
check "$tmp/negotiation.html" --chart negotiation-1-time --chart negotiation-1-path --label nash --screenshot "$tmp/n.png"

"$parley" report "$dinner" --pair 1,3 -o "$tmp/dinner.html"
check "$tmp/dinner.html" --chart space-1-plane --chart space-1-parallel --label nash --screenshot "$tmp/dinner.png"

"$parley" negotiate "$dinner" --agent 1=boulware --agent 2=conceder --agent 3=linear --html "$tmp/dinner-n.html" >/dev/null
check "$tmp/dinner-n.html" --chart negotiation-1-time --chart negotiation-1-path --label nash --label agreement

"$parley" tournament --agents boulware,conceder,micro --repetitions 2 --rounds 50 --out "$tmp/t.csv" \
  --html "$tmp/tournament.html" "$data/anac/y2010/ItexvsCypress" >/dev/null
check "$tmp/tournament.html" --chart tournament-1-scores --label boulware --label micro --screenshot "$tmp/t.png"

deu=$data/deu3/deu3_issues.csv
"$parley" forecast "$deu" --html "$tmp/forecast.html" >/dev/null
check "$tmp/forecast.html" --chart forecast-1-models --label d00032i1 --screenshot "$tmp/f.png"
"$parley" forecast "$deu" --model expected-utility --html "$tmp/eu.html" >/dev/null
check "$tmp/eu.html" --chart forecast-1-run1 --chart forecast-1-run6
"$parley" forecast "$data/ktab/dummyData_3Dim.csv" --model smp --html "$tmp/smp.html" >/dev/null
check "$tmp/smp.html" --chart forecast-1-run1-1 --chart forecast-1-run1-3
"$parley" backtest "$deu" --model compromise --resamples 200 --html "$tmp/backtest.html" >/dev/null
check "$tmp/backtest.html" --chart backtest-1-errors --label compromise

exit $fail
