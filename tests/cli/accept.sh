#!/usr/bin/env bash
# `parley accept` on the bundled case: the probability that the U.S. draft is accepted under
# the scenario's uncertainty, every output form, --robust, the same bytes whatever the thread
# count, and the command's errors. Usage: accept.sh PARLEY_BINARY REPO_ROOT
set -u
bin=$1
root=$2
cd "$root" || exit 1
. tests/cli/lib.sh
ex=examples/ukraine-framework.yaml

run "accept the example" 0 "$bin" accept $ex &&
  golden "accept the example" "$tmp/out" tests/cli/golden/accept.txt &&
  contains "accept the example" "$tmp/out" "10,000 draws (seed 1) of 10 uncertain numbers"
run "accept --threads 1" 0 "$bin" accept --threads 1 $ex &&
  if cmp -s "$tmp/out" tests/cli/golden/accept.txt; then ok; else bad "accept: one thread gave other bytes"; fi
run "accept --seed" 0 "$bin" accept --seed 2 $ex &&
  if cmp -s "$tmp/out" tests/cli/golden/accept.txt; then bad "accept --seed 2 gave the same draws as seed 1"; else ok; fi
run "accept --json" 0 "$bin" accept --json $ex &&
  if python3 - "$tmp/out" docs/schema/accept.schema.json <<'PY'
import json, sys
import jsonschema
d = json.load(open(sys.argv[1]))
schema = json.load(open(sys.argv[2]))
jsonschema.Draft202012Validator.check_schema(schema)
jsonschema.Draft202012Validator(schema).validate(d)
p = {x["party"]: x for x in d["parties"]}
assert d["framework"] == "us_draft" and d["samples"] == 10000
assert 0.3 < p["ukraine"]["probability"] < 0.6 and p["us"]["probability"] == 1 and not p["us"]["uncertain"]
assert p["ukraine"]["sensitivity"][0]["number"].startswith("ukraine: reservation")
assert d["everyone"]["probability"] == p["ukraine"]["probability"]
PY
  then ok; else bad "accept --json: not as expected"; fi
run "accept --csv" 0 "$bin" accept --csv $ex &&
  contains "accept --csv" "$tmp/out" "party,probability,low,high,refuses_alone" &&
  if [ "$(wc -l <"$tmp/out")" -eq 6 ]; then ok; else bad "accept --csv: not 4 parties and everyone"; fi
run "accept --package" 0 "$bin" accept --samples 2000 \
  --package territory=ceded,army_cap=800,weapons=range_limited,nato=renounced,guarantee=us,sanctions=lifted $ex &&
  contains "accept --package" "$tmp/out" "parley acceptance of a package in $ex, under uncertainty"
run "accept --all-frameworks --json" 0 "$bin" accept --all-frameworks --json --samples 1000 $ex &&
  if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert isinstance(d, list) and len(d) == 1 and d[0]["framework"] == "us_draft"' "$tmp/out"; then ok; else bad "accept --all-frameworks --json: not an array"; fi
run "accept --robust" 0 "$bin" accept --robust --top 3 --samples 2000 --json $ex &&
  if python3 - "$tmp/out" docs/schema/accept.schema.json <<'PY'
import json, sys
import jsonschema
d = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator(json.load(open(sys.argv[2]))).validate(d)
assert d["packages"] == 2268 and len(d["best"]) == 3
assert [x["probability"] for x in d["best"]] == sorted((x["probability"] for x in d["best"]), reverse=True)
assert {s["solution"] for s in d["solutions"]} >= {"nash", "kalai_smorodinsky", "egalitarian", "utilitarian"}
PY
  then ok; else bad "accept --robust: not as expected"; fi
# a scenario with nothing uncertain: every verdict exact
run "accept, nothing uncertain" 0 "$bin" accept tests/data/small.json &&
  contains "accept, nothing uncertain" "$tmp/out" "nothing is uncertain, every verdict is exact"
# validate lists the uncertain numbers; analyze says it uses the means
run "validate uncertain" 0 "$bin" validate $ex &&
  contains "validate uncertain" "$tmp/out" "    ukraine: reservation ~ uniform [0.35, 0.55], mean 0.45"
run "analyze at the means" 0 "$bin" analyze $ex &&
  contains "analyze at the means" "$tmp/out" "Uncertain numbers: 10, each at its mean here"
# the distributions survive the YAML writer
run "convert keeps distributions" 0 "$bin" convert $ex --to yaml --out "$tmp/x.yaml" &&
  contains "convert keeps distributions" "$tmp/x.yaml" "reservation: {schedule: [[0, {uniform: [0.35, 0.55]}], [4, {uniform: [0.3, 0.5]}], [12, {uniform: [0.27, 0.47]}]]}" &&
  contains "convert keeps distributions" "$tmp/x.yaml" 'weights: {dirichlet: {"territory": 30'
run "accept the converted" 0 "$bin" accept "$tmp/x.yaml" &&
  if [ "$(sed 1d "$tmp/out")" = "$(sed 1d tests/cli/golden/accept.txt)" ]; then ok; else bad "the converted scenario draws otherwise"; fi
# errors
run "accept --samples 0" 2 "$bin" accept --samples 0 $ex
run "accept two drafts" 2 "$bin" accept --framework us_draft --robust $ex
run "accept --framework unknown" 2 "$bin" accept --framework nope $ex &&
  contains "accept --framework unknown" "$tmp/err" "--framework 'nope' is not a framework of $ex"
run "accept --package bad" 2 "$bin" accept --package territory=ceded $ex
run "accept a bad distribution" 3 "$bin" accept tests/data/bad/uniform-reversed.yaml &&
  contains "accept a bad distribution" "$tmp/err" "uniform-reversed.yaml:8:28: error: uniform [0.55, 0.35]: the upper end is below the lower"
run "accept --help" 0 "$bin" accept --help && contains "accept --help" "$tmp/out" "usage: parley accept [OPTIONS] FILE"

# the README shows the start of this run
if python3 -c 'import sys
readme = open("README.md").read()
block = readme.split("$ parley accept examples/ukraine-framework.yaml\n", 1)[1].split("...\n", 1)[0]
assert open(sys.argv[1]).read().startswith(block), block' tests/cli/golden/accept.txt; then ok; else bad "the README's accept block is not what the command prints"; fi

echo "cli accept: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
