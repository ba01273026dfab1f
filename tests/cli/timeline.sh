#!/usr/bin/env bash
# `parley timeline`, and --at for analyze and accept, on the bundled case (its clock runs twelve
# months: Kyiv's reservation weakening, Moscow's rising) and on bad schedules.
# Usage: timeline.sh PARLEY_BINARY REPO_ROOT
set -u
bin=$1
root=$2
cd "$root" || exit 1
. tests/cli/lib.sh
ex=examples/ukraine-framework.yaml

run "timeline the example" 0 "$bin" timeline $ex &&
  golden "timeline the example" "$tmp/out" tests/cli/golden/timeline.txt &&
  contains "timeline the example" "$tmp/out" "Framework 'us_draft' is acceptable to every party: from month 0.6 to the end"
run "timeline --json" 0 "$bin" timeline --json --steps 4 $ex &&
  if python3 - "$tmp/out" docs/schema/timeline.schema.json <<'PY'
import json, sys
import jsonschema
d = json.load(open(sys.argv[1]))
schema = json.load(open(sys.argv[2]))
jsonschema.Draft202012Validator.check_schema(schema)
jsonschema.Draft202012Validator(schema).validate(d)
assert d["unit"] == "month" and d["horizon"] == 12 and [p["time"] for p in d["points"]] == [0, 3, 6, 9, 12]
assert d["deal_windows"] == [[0, 12]]
(f, t), = d["framework_windows"]["us_draft"]
assert abs(f - 0.6) < 1e-6 and t == 12
assert not d["points"][0]["frameworks"]["us_draft"] and d["points"][1]["frameworks"]["us_draft"]
PY
  then ok; else bad "timeline --json: not as expected"; fi
run "timeline --csv" 0 "$bin" timeline --csv --steps 2 $ex &&
  contains "timeline --csv" "$tmp/out" "time,feasible,nash_ukraine,nash_russia,nash_us,nash_europe,us_draft" &&
  if [ "$(wc -l <"$tmp/out")" -eq 4 ]; then ok; else bad "timeline --csv: not 3 times"; fi
# --at: the scenario as it stands then
run "analyze --at 6" 0 "$bin" analyze --at 6 $ex &&
  contains "analyze --at 6" "$tmp/out" "Ukraine            0.443       0.393  accepts"
run "accept --at 12" 0 "$bin" accept --at 12 --samples 2000 --json $ex &&
  if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); p={x["party"]: x["probability"] for x in d["parties"]}; assert p["ukraine"] > 0.8' "$tmp/out"; then ok; else bad "accept --at 12: Kyiv not likelier to accept"; fi
run "analyze --at past the horizon" 3 "$bin" analyze --at 13 $ex &&
  contains "analyze --at past the horizon" "$tmp/err" "$ex: error: --at 13 is past the scenario's horizon, 12 month (its 'time:')"
run "analyze --at not a time" 2 "$bin" analyze --at soon $ex
# bad schedules: one positioned error each
cat >"$tmp/order.yaml" <<'YAML'
time: {unit: month, horizon: 12}
issues: [{id: a, options: [x, y]}]
parties:
  - {id: p, weights: {a: 1}, values: {a: [1, 0]}, reservation: {schedule: [[0, 0.5], [6, 0.4], [3, 0.3]]}}
YAML
run "schedule out of order" 3 "$bin" validate "$tmp/order.yaml" &&
  contains "schedule out of order" "$tmp/err" "order.yaml:4:64: error: a schedule's times must increase (3 follows 6)"
sed 's/\[3, 0.3\]/[13, 0.3]/' "$tmp/order.yaml" >"$tmp/past.yaml"
run "schedule past the horizon" 3 "$bin" validate "$tmp/past.yaml" &&
  contains "schedule past the horizon" "$tmp/err" "past.yaml:4:64: error: the schedule runs to time 13, past the horizon 12"
printf 'time: {unit: month, horizon: 0}\nissues: [{id: a, options: [x]}]\nparties: [{id: p, weights: {a: 1}, values: {a: [1]}}]\n' >"$tmp/h0.yaml"
run "horizon 0" 3 "$bin" validate "$tmp/h0.yaml" &&
  contains "horizon 0" "$tmp/err" "h0.yaml:1:30: error: the horizon must be a number > 0, not 0"
# the README shows this run
run "timeline --steps 4" 0 "$bin" timeline --steps 4 $ex &&
  if python3 -c 'import sys
readme = open("README.md").read()
block = readme.split("$ parley timeline --steps 4 examples/ukraine-framework.yaml\n", 1)[1].split("```", 1)[0]
assert block == open(sys.argv[1]).read(), block' "$tmp/out"; then ok; else bad "the README's timeline block is not what the command prints"; fi
run "timeline --help" 0 "$bin" timeline --help && contains "timeline --help" "$tmp/out" "usage: parley timeline [OPTIONS] FILE"

echo "cli timeline: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
