#!/usr/bin/env bash
# `parley report` and the --html of negotiate and tournament, as commands: what they write, to
# standard output or a file, the same bytes twice, and their errors (a bad pair, one party, an
# output over an input, nothing half-written). What the page shows is tested in a browser
# (tests/browser) and in tests/unit/test_html.c.
# Usage: report.sh PARLEY_BINARY REPO_ROOT
set -u
bin=$1
root=$2
cd "$root" || exit 1
. tests/cli/lib.sh
ex=examples/ukraine-framework.yaml

run "report -o" 0 "$bin" report $ex -o "$tmp/r.html" &&
  contains "report -o" "$tmp/r.html" "<title>U.S. framework to end the war in Ukraine (illustrative numbers)</title>" &&
  contains "report -o" "$tmp/r.html" 'id="space-1-plane"' &&
  contains "report -o" "$tmp/r.html" 'id="draft-1-fw1"' &&
  contains "report -o" "$tmp/r.html" "Best one-line amendment: guarantee=us_and_european" &&
  contains "report -o" "$tmp/r.html" "The deal space in the utilities of Ukraine and Russia"
run "report to standard output" 0 "$bin" report $ex &&
  if cmp -s "$tmp/out" "$tmp/r.html"; then ok; else bad "report: standard output and -o differ"; fi
run "report --pair --title" 0 "$bin" report $ex --pair us,4 --title "A <title>" -o "$tmp/p.html" &&
  contains "report --pair" "$tmp/p.html" "The deal space in the utilities of United States and European allies" &&
  contains "report --title" "$tmp/p.html" "<h1>A &lt;title&gt;</h1>"
run "report of a GENIUS folder" 0 "$bin" report ../shared/data/anac/y2010/ItexvsCypress -o "$tmp/g.html" &&
  contains "report of a GENIUS folder" "$tmp/g.html" "Drawn: all 180 packages"
run "report --pair one party twice" 2 "$bin" report $ex --pair us,us &&
  contains "report --pair twice" "$tmp/err" "parley report: --pair names one party twice"
run "report --pair unknown" 2 "$bin" report $ex --pair us,mars &&
  contains "report --pair unknown" "$tmp/err" "--pair names 'mars', which is not a party"
run "report --pair three" 2 "$bin" report $ex --pair us,ukraine,russia &&
  contains "report --pair three" "$tmp/err" "--pair names two parties"
cat >"$tmp/one.yaml" <<'Y'
issues: [{id: a, options: [x, y]}]
parties: [{id: solo, weights: {a: 1}, values: {a: [1, 0]}}]
Y
run "report of one party" 3 "$bin" report "$tmp/one.yaml" &&
  contains "report of one party" "$tmp/err" "has one party; the report compares two or more"
run "report of a missing file" 3 "$bin" report "$tmp/none.yaml"
cp $ex "$tmp/in.yaml"
run "report over its input" 1 "$bin" report "$tmp/in.yaml" -o "$tmp/in.yaml" &&
  contains "report over its input" "$tmp/err" "is an input of this command" &&
  if cmp -s "$tmp/in.yaml" $ex; then ok; else bad "report over its input: the input changed"; fi
run "report into a folder" 1 "$bin" report $ex -o "$tmp"
run "report --help" 0 "$bin" report --help && contains "report --help" "$tmp/out" "usage: parley report"
run "help report" 0 "$bin" help report && contains "help report" "$tmp/out" "--pair A,B"

run "negotiate --html" 0 "$bin" negotiate $ex --agent ukraine=conceder --html "$tmp/n.html" &&
  contains "negotiate --html" "$tmp/n.html" 'id="negotiation-1-path"' &&
  contains "negotiate --html" "$tmp/n.html" "Agents: ukraine: conceder, russia: boulware"
run "negotiate --html and --out the same" 2 "$bin" negotiate $ex --html "$tmp/x" --out "$tmp/x"
run "negotiate --html --pair" 0 "$bin" negotiate $ex --html "$tmp/n2.html" --pair russia,us &&
  contains "negotiate --html --pair" "$tmp/n2.html" "The offers in the utilities of Russia and United States"
run "tournament --html" 0 "$bin" tournament --agents boulware,conceder --rounds 20 --out "$tmp/t.csv" --html "$tmp/t.html" $ex &&
  contains "tournament --html" "$tmp/t.html" 'id="tournament-1-scores"' &&
  contains "tournament --html" "$tmp/t.html" "16 negotiations."
run "tournament --html and --out the same" 2 "$bin" tournament --agents boulware,conceder --out "$tmp/t.csv" --html "$tmp/t.csv" $ex

echo "cli report: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
