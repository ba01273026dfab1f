#!/usr/bin/env bash
# `parley amend` on the bundled case and small files: the fewest changes every party accepts,
# the ranking, every output form, and the command's errors. Usage: amend.sh PARLEY_BINARY REPO_ROOT
set -u
bin=$1
root=$2
cd "$root" || exit 1
. tests/cli/lib.sh
ex=examples/ukraine-framework.yaml

run "amend the example" 0 "$bin" amend $ex &&
  golden "amend the example" "$tmp/out" tests/cli/golden/amend.txt &&
  contains "amend the example" "$tmp/out" "Fewest issues to change so that every party accepts: 1 (10 packages do so)." &&
  contains "amend the example" "$tmp/out" "  1. guarantee=us_and_european   (loss -0.030)"
run "amend --json" 0 "$bin" amend --json $ex &&
  if python3 - "$tmp/out" docs/schema/amend.schema.json <<'PY'
import json, sys
import jsonschema
d = json.load(open(sys.argv[1]))
schema = json.load(open(sys.argv[2]))
jsonschema.Draft202012Validator.check_schema(schema)
jsonschema.Draft202012Validator(schema).validate(d)
assert d["framework"] == "us_draft" and d["changes"] == 1 and d["found"] == 10 and d["keep_for"] == ["russia", "us"]
a = d["amendments"]
assert len(a) == 5 and a[0]["changed"] == {"guarantee": "us_and_european"}
assert [x["loss"] for x in a] == sorted(x["loss"] for x in a)
assert all(v["accepts"] for x in a for v in x["verdicts"])
assert not {v["party"]: v["accepts"] for v in d["draft_verdicts"]}["ukraine"]
PY
  then ok; else bad "amend --json: not as expected"; fi
run "amend --csv" 0 "$bin" amend --csv --top 3 $ex &&
  contains "amend --csv" "$tmp/out" "rank,changed,loss,ukraine,russia,us,europe" &&
  if [ "$(wc -l <"$tmp/out")" -eq 4 ]; then ok; else bad "amend --csv: not 3 amendments"; fi
# ranked for every party instead: the loss is everyone's
run "amend --keep-for" 0 "$bin" amend --keep-for ukraine,russia,us,europe --top 1 $ex &&
  contains "amend --keep-for" "$tmp/out" "Ranked by what ukraine, russia, us, europe lose"
# a draft everyone accepts is its own amendment
run "amend an accepted package" 0 "$bin" amend \
  --package territory=ceded,army_cap=800,weapons=range_limited,nato=renounced,guarantee=us,sanctions=lifted $ex &&
  contains "amend an accepted package" "$tmp/out" "parley amendments of a package in $ex" &&
  contains "amend an accepted package" "$tmp/out" "Every party accepts the draft as it stands."
# nothing at all is acceptable
run "amend, no deal" 0 "$bin" amend --json --package border=old_line,aid=none tests/data/infeasible.yaml &&
  if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["changes"] is None and d["amendments"] == []' "$tmp/out"; then ok; else bad "amend, no deal: not null"; fi
run "amend, no deal (text)" 0 "$bin" amend --package border=old_line,aid=none tests/data/infeasible.yaml &&
  contains "amend, no deal (text)" "$tmp/out" "No package at all is acceptable to every party"
run "amend --max-changes" 0 "$bin" amend --max-changes 1 --package border=old_line,aid=none tests/data/infeasible.yaml &&
  contains "amend --max-changes" "$tmp/out" "No package that changes at most 1 issue is acceptable to every party."
run "amend --out" 0 "$bin" amend --out "$tmp/a.txt" $ex &&
  if cmp -s "$tmp/a.txt" tests/cli/golden/amend.txt; then ok; else bad "amend --out differs from stdout"; fi
# analyze names the best one-line amendment of a rejected framework
run "analyze one-line amendment" 0 "$bin" analyze $ex &&
  contains "analyze one-line amendment" "$tmp/out" "  One issue changed wins every party: guarantee=us_and_european (the drafters gain 0.030; 10 such changes, \`parley amend\` ranks them)."
# under uncertainty: the packages within two changes by how often all four accept them
run "amend --samples" 0 "$bin" amend --samples 5000 $ex &&
  contains "amend --samples" "$tmp/out" "the draft and each of the 131 packages that change at most 2 of its issues" &&
  contains "amend --samples" "$tmp/out" "Most often accepted by every party:"
run "amend --samples --json" 0 "$bin" amend --samples 2000 --max-changes 1 --json $ex &&
  if python3 - "$tmp/out" docs/schema/accept.schema.json <<'PY'
import json, sys
import jsonschema
d = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator(json.load(open(sys.argv[2]))).validate(d)
assert d["max_changes"] == 1 and d["packages"] == 18 and len(d["best"]) == 5
assert all(len(x["changed"]) <= 1 for x in d["best"])
PY
  then ok; else bad "amend --samples --json: not as expected"; fi
# errors
run "amend --package unknown issue" 2 "$bin" amend --package colour=red $ex &&
  contains "amend --package unknown issue" "$tmp/err" "parley amend: --package: 'colour' is not an issue of $ex"
run "amend --package missing issue" 2 "$bin" amend --package territory=ceded $ex &&
  contains "amend --package missing issue" "$tmp/err" "the package gives no option for issue 'army_cap'"
run "amend --package bad option" 2 "$bin" amend --package territory=all,army_cap=600 $ex &&
  contains "amend --package bad option" "$tmp/err" "issue 'territory' has no option 'all'"
run "amend --framework unknown" 2 "$bin" amend --framework nope $ex &&
  contains "amend --framework unknown" "$tmp/err" "--framework 'nope' is not a framework of $ex"
run "amend no framework" 2 "$bin" amend tests/data/wage.yaml
run "amend --keep-for unknown" 2 "$bin" amend --keep-for atlantis $ex &&
  contains "amend --keep-for unknown" "$tmp/err" "--keep-for names 'atlantis', which is not a party"
run "amend both drafts" 2 "$bin" amend --framework us_draft --package territory=ceded $ex
run "amend --top 0" 2 "$bin" amend --top 0 $ex
run "amend a missing file" 3 "$bin" amend no-such-file.yaml
run "amend --help" 0 "$bin" amend --help && contains "amend --help" "$tmp/out" "usage: parley amend [OPTIONS] FILE"

# the README shows this run
if python3 -c 'import sys, subprocess
readme = open("README.md").read()
block = readme.split("$ parley amend --top 2 examples/ukraine-framework.yaml\n", 1)[1].split("```", 1)[0]
out = subprocess.run([sys.argv[1], "amend", "--top", "2", "examples/ukraine-framework.yaml"], capture_output=True, text=True).stdout
assert block == out, block' "$bin"; then ok; else bad "the README's amend block is not what the command prints"; fi

echo "cli amend: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
