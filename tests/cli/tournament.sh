#!/usr/bin/env bash
# `parley tournament` on ANAC domains and the bundled case: the rows, the same file whatever the
# thread count, --resume after a cut, the summary, and the command's errors.
# Usage: tournament.sh PARLEY_BINARY REPO_ROOT
set -u
bin=$1
root=$2
cd "$root" || exit 1
. tests/cli/lib.sh
A=../shared/data/anac
agents="boulware conceder linear hardliner tit-for-tat micro random"
doms="$A/y2010/EnglandZimbabwe $A/y2010/ItexvsCypress $A/y2011/Laptop"

run "tournament" 0 "$bin" tournament --agents "$agents" --repetitions 3 --out "$tmp/a.csv" $doms &&
  contains "tournament" "$tmp/out" "parley tournament: 441 negotiations, 7 agents" &&
  if [ "$(wc -l <"$tmp/a.csv")" -eq 442 ]; then ok; else bad "tournament: not 441 rows and a header"; fi
contains "tournament rows" "$tmp/a.csv" "job,scenario,agents,repetition,seed,end,round,time,utilities,welfare,pareto_distance,nash_distance,agreement"
cp "$tmp/out" "$tmp/summary.txt"
run "tournament one thread" 0 "$bin" tournament --threads 1 --agents "$agents" --repetitions 3 --out "$tmp/b.csv" $doms &&
  if cmp -s "$tmp/a.csv" "$tmp/b.csv"; then ok; else bad "tournament: one thread wrote other rows"; fi
# cut off in the middle of a row, then resumed: the same file, the same summary
head -c 30000 "$tmp/a.csv" >"$tmp/c.csv"
run "tournament --resume" 0 "$bin" tournament --resume --agents "$agents" --repetitions 3 --out "$tmp/c.csv" $doms &&
  if cmp -s "$tmp/a.csv" "$tmp/c.csv"; then ok; else bad "tournament --resume: not the rows of a full run"; fi &&
  if cmp -s "$tmp/out" "$tmp/summary.txt"; then ok; else bad "tournament --resume: another summary"; fi
run "tournament --resume, all done" 0 "$bin" tournament --resume --agents "$agents" --repetitions 3 --out "$tmp/c.csv" $doms &&
  if cmp -s "$tmp/a.csv" "$tmp/c.csv"; then ok; else bad "tournament --resume on a finished file changed it"; fi
# a multilateral scenario, sampled assignments, JSON summary
run "tournament --sample --json" 0 "$bin" tournament --agents boulware,conceder --sample 5 --repetitions 2 --json --out "$tmp/d.csv" examples/ukraine-framework.yaml &&
  if python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))
assert d["negotiations"] == 10 and sorted(a["rank"] for a in d["agents"]) == [1, 2]
assert sum(a["sessions"] for a in d["agents"]) == 40' "$tmp/out"; then ok; else bad "tournament --sample --json: not as expected"; fi
# errors
run "tournament no --out" 2 "$bin" tournament --agents boulware $doms
run "tournament bad agent" 2 "$bin" tournament --agents "boulware stubborn" --out "$tmp/e.csv" $doms &&
  contains "tournament bad agent" "$tmp/err" "agent 'stubborn': unknown strategy"
printf 'not,a,tournament\n' >"$tmp/f.csv"
run "tournament --resume a stranger" 1 "$bin" tournament --resume --agents boulware --out "$tmp/f.csv" $doms &&
  contains "tournament --resume a stranger" "$tmp/err" "does not start with a tournament's header"
run "tournament --out an input" 1 "$bin" tournament --agents boulware --out examples/ukraine-framework.yaml examples/ukraine-framework.yaml
run "tournament --help" 0 "$bin" tournament --help && contains "tournament --help" "$tmp/out" "usage: parley tournament [OPTIONS] --out FILE SCENARIO..."

echo "cli tournament: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
