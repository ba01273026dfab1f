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
for section in mediation-1-path accept-1-tornado timeline-1-windows; do
  contains "report -o: the sections that apply" "$tmp/r.html" "id=\"$section\""
done
run "report --only-analysis" 0 "$bin" report $ex --only-analysis -o "$tmp/only.html" &&
  not_contains "report --only-analysis" "$tmp/only.html" 'id="mediation-1' &&
  contains "report --only-analysis" "$tmp/only.html" 'id="draft-1-fw1"'
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

run "mediate --html" 0 "$bin" mediate $ex --html "$tmp/m.html" --pair ukraine,russia &&
  contains "mediate --html" "$tmp/m.html" "The drafting path in the utilities of Ukraine and Russia"
run "mediate --compare --html" 0 "$bin" mediate $ex --compare --html "$tmp/mc.html" &&
  contains "mediate --compare --html" "$tmp/mc.html" 'id="compare-1-cost"'
run "mediate --html and --trace-csv the same" 2 "$bin" mediate $ex --html "$tmp/x" --trace-csv "$tmp/x"
run "accept --html" 0 "$bin" accept $ex --samples 2000 --html "$tmp/a.html" &&
  contains "accept --html" "$tmp/a.html" "Will they accept “Reported U.S. draft framework”?" &&
  contains "accept --html" "$tmp/a.html" 'id="accept-1-tornado"'
run "accept --all-frameworks --html" 0 "$bin" accept $ex --all-frameworks --samples 1000 --html "$tmp/aa.html" &&
  contains "accept --all-frameworks --html" "$tmp/aa.html" 'id="accept-1-probability"'
run "accept --robust --html" 0 "$bin" accept $ex --robust --samples 1000 --html "$tmp/ar.html" &&
  contains "accept --robust --html" "$tmp/ar.html" 'id="robust-1-top"'
run "timeline --html" 0 "$bin" timeline $ex --steps 4 --html "$tmp/t.html" &&
  contains "timeline --html" "$tmp/t.html" "months from now"
run "forecast --html" 0 "$bin" forecast tests/data/deu/small.csv --html "$tmp/f.html" &&
  contains "forecast --html" "$tmp/f.html" 'id="forecast-1-models"'
run "forecast --html over its input" 1 "$bin" forecast tests/data/deu/small.csv --html tests/data/deu/small.csv
run "backtest --html" 0 "$bin" backtest tests/data/deu/small.csv --min-actors 2 --resamples 100 --html "$tmp/b.html" &&
  contains "backtest --html" "$tmp/b.html" 'id="backtest-1-errors"'
rm -f "$tmp/none.html"
run "accept --html, output unwritable" 1 "$bin" accept $ex --samples 1000 --html "$tmp/none.html" --out "$tmp/no/such/dir/x" &&
  if [ -e "$tmp/none.html" ]; then bad "accept: the page was written though the report could not be"; else ok; fi

run "analyze --csv --feasible" 0 "$bin" analyze $ex --csv --feasible &&
  contains "analyze --csv --feasible" "$tmp/out" "outcome_index,territory,army_cap,weapons,nato,guarantee,sanctions,ukraine,russia,us,europe" &&
  if [ "$(wc -l <"$tmp/out")" -eq 332 ]; then ok; else bad "analyze --csv --feasible: not 331 packages"; fi
run "analyze --feasible without --csv" 2 "$bin" analyze $ex --feasible &&
  contains "analyze --feasible without --csv" "$tmp/err" "add --csv"

# positions a hair apart: the chart's axis is widened, not ticked forever
printf 'actor,capability,position,salience\na,1,1000000,50\nb,1,1000000.0000000002,50\nc,1,1000000,40\n' >"$tmp/tiny.csv"
run "forecast --html, positions a hair apart" 0 timeout 20 "$bin" forecast "$tmp/tiny.csv" --model mean --html "$tmp/tiny.html" &&
  contains "forecast --html, positions a hair apart" "$tmp/tiny.html" 'id="forecast-1-models"'
run "forecast --html and --out the same" 2 "$bin" forecast tests/data/deu/small.csv --html "$tmp/same" --out "$tmp/same"
run "tournament --html and --out the same file, two spellings" 2 "$bin" tournament --agents boulware,conceder --rounds 5 \
  --out "$tmp/rows.csv" --html "$tmp/./rows.csv" $ex
rm -f "$tmp/t.csv"
run "negotiate: nothing written when --html cannot be" 1 "$bin" negotiate $ex --trace-csv "$tmp/t.csv" --html "$tmp/no/such/x.html" &&
  if [ -e "$tmp/t.csv" ]; then bad "negotiate wrote the trace though the page could not be written"; else ok; fi

echo "cli report: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
