#!/usr/bin/env bash
# `parley negotiate` on the bundled case and an ANAC domain: the outcome, the trace, every
# output form, the same bytes for the same seed, and the command's errors.
# Usage: negotiate.sh PARLEY_BINARY REPO_ROOT
set -u
bin=$1
root=$2
cd "$root" || exit 1
. tests/cli/lib.sh
ex=examples/ukraine-framework.yaml
ez=../shared/data/anac/y2010/EnglandZimbabwe

run "negotiate the example" 0 "$bin" negotiate $ex &&
  golden "negotiate the example" "$tmp/out" tests/cli/golden/negotiate.txt &&
  contains "negotiate the example" "$tmp/out" "Agents: ukraine boulware, russia boulware, us boulware, europe boulware"
run "negotiate --json --trace" 0 "$bin" negotiate --json --trace --agent ukraine=conceder --agent russia=hardliner $ex &&
  if python3 - "$tmp/out" docs/schema/negotiate.schema.json <<'PY'
import json, sys
import jsonschema
d = json.load(open(sys.argv[1]))
schema = json.load(open(sys.argv[2]))
jsonschema.Draft202012Validator.check_schema(schema)
jsonschema.Draft202012Validator(schema).validate(d)
a = {x["party"]: x["agent"] for x in d["parties"]}
assert a["ukraine"] == "conceder" and a["russia"] == "hardliner" and a["us"] == "boulware"
assert d["trace"][0]["action"] == "offer" and d["trace"][0]["party"] == "ukraine"
if d["end"] == "agreement":
    assert d["trace"][-1]["action"] == "accept" and d["trace"][-1]["package"] == d["agreement"]
PY
  then ok; else bad "negotiate --json --trace: not as expected"; fi
run "negotiate again" 0 "$bin" negotiate --json --trace --agent ukraine=conceder --agent russia=hardliner $ex && cp "$tmp/out" "$tmp/a.json"
run "negotiate once more" 0 "$bin" negotiate --json --trace --agent ukraine=conceder --agent russia=hardliner $ex &&
  if cmp -s "$tmp/out" "$tmp/a.json"; then ok; else bad "negotiate: the same options gave other bytes"; fi
run "negotiate random seeds" 0 "$bin" negotiate --json --agent 1=random --agent 2=random --seed 7 $ex && cp "$tmp/out" "$tmp/r7.json"
run "negotiate random seed 7 again" 0 "$bin" negotiate --json --agent 1=random --agent 2=random --seed 7 $ex &&
  if cmp -s "$tmp/out" "$tmp/r7.json"; then ok; else bad "negotiate random: the same seed gave other bytes"; fi
run "negotiate --trace-csv" 0 "$bin" negotiate --trace-csv "$tmp/t.csv" --rounds 20 $ex &&
  contains "negotiate --trace-csv" "$tmp/t.csv" "time,round,party,action,territory,army_cap,weapons,nato,guarantee,sanctions,ukraine,russia,us,europe"
run "negotiate walk=T" 0 "$bin" negotiate $ex --agent ukraine=boulware:walk=0.5 --agent russia=hardliner &&
  contains "negotiate walk=T" "$tmp/out" "No agreement: ukraine walked away in round 58 of 100 (t = 0.5700)." &&
  contains "negotiate walk=T" "$tmp/out" "discounted to when the party walked away"
run "negotiate walk=T --json" 0 "$bin" negotiate $ex --json --trace --agent ukraine=boulware:walk=0.5 --agent russia=hardliner &&
  if python3 - "$tmp/out" docs/schema/negotiate.schema.json <<'PY'
import json, sys
import jsonschema
d = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator(json.load(open(sys.argv[2]))).validate(d)
assert d["end"] == "walked_away" and d["blocker"] == "ukraine" and d["round"] == 58 and d["agreement"] is None
assert d["trace"][-1]["action"] == "walk_away" and d["trace"][-1]["party"] == "ukraine"
PY
  then ok; else bad "negotiate walk=T --json: not as expected"; fi
run "negotiate walk=2" 2 "$bin" negotiate $ex --agent ukraine=boulware:walk=2 &&
  contains "negotiate walk=2" "$tmp/err" "walk in agent 'boulware:walk=2' is a time in (0, 1]"
run "negotiate --order" 0 "$bin" negotiate --order us,russia,ukraine,europe --trace --rounds 3 $ex &&
  contains "negotiate --order" "$tmp/out" "  0.0000     1 us                   offers"
# a GENIUS folder, bilateral
run "negotiate ANAC" 0 "$bin" negotiate --agent 1=boulware --agent 2=conceder $ez &&
  contains "negotiate ANAC" "$tmp/out" "Agreement in round 38 of 100 (t = 0.3750)"
run "negotiate every strategy" 0 "$bin" negotiate --agent 1=tit-for-tat --agent 2=micro $ez
run "negotiate time:e" 0 "$bin" negotiate --agent "1=time:e=0.5,model=perfect,ac=combi:0.9" --agent "2=linear:model=none,ac=const:0.6" $ez
# nothing acceptable to one party
printf 'issues: [{id: a, options: [x, y]}]\nparties:\n  - {id: p, weights: {a: 1}, values: {a: [0.5, 0.4]}, reservation: 0.9}\n  - {id: q, weights: {a: 1}, values: {a: [0, 1]}}\n' >"$tmp/nodeal.yaml"
run "negotiate, no deal possible" 0 "$bin" negotiate "$tmp/nodeal.yaml" &&
  contains "negotiate, no deal possible" "$tmp/out" "No agreement possible: p can accept no package at all"
# errors
run "negotiate unknown strategy" 2 "$bin" negotiate --agent ukraine=stubborn $ex &&
  contains "negotiate unknown strategy" "$tmp/err" "--agent ukraine: unknown strategy 'stubborn'; the strategies are: boulware linear conceder hardliner time tit-for-tat micro random"
run "negotiate unknown party" 2 "$bin" negotiate --agent atlantis=boulware $ex &&
  contains "negotiate unknown party" "$tmp/err" "--agent names 'atlantis', which is not a party"
run "negotiate bad key" 2 "$bin" negotiate --agent "ukraine=linear:colour=red" $ex
run "negotiate --rounds 0" 2 "$bin" negotiate --rounds 0 $ex
run "negotiate short --order" 2 "$bin" negotiate --order us,russia $ex
printf 'issues: [{id: a, options: [x, y]}]
parties: [{id: p, weights: {a: 1}, values: {a: [1, 0]}}]
' >"$tmp/one.yaml"
run "negotiate one party" 3 "$bin" negotiate "$tmp/one.yaml" &&
  contains "negotiate one party" "$tmp/err" "a negotiation needs two parties or more"
run "negotiate --help" 0 "$bin" negotiate --help && contains "negotiate --help" "$tmp/out" "usage: parley negotiate [OPTIONS] FILE|DIR"

# the README shows this run
if python3 -c 'import sys
readme = open("README.md").read()
block = readme.split("$ parley negotiate examples/ukraine-framework.yaml\n", 1)[1].split("```", 1)[0]
assert block == open(sys.argv[1]).read(), block' tests/cli/golden/negotiate.txt; then ok; else bad "the README's negotiate block is not what the command prints"; fi

echo "cli negotiate: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
