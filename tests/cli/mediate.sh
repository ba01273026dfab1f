#!/usr/bin/env bash
# `parley mediate` on the bundled case: the reported process (the U.S. drafting with Russia's
# input), the same mediator drafting with everyone, Turkey drafting through its channels, and
# the command's errors. Usage: mediate.sh PARLEY_BINARY REPO_ROOT
set -u
bin=$1
root=$2
cd "$root" || exit 1
. tests/cli/lib.sh
ex=examples/ukraine-framework.yaml

run "mediate the example" 0 "$bin" mediate $ex &&
  golden "mediate the example" "$tmp/out" tests/cli/golden/mediate.txt
run "mediate --procedure nash" 0 "$bin" mediate --procedure nash $ex &&
  golden "mediate --procedure nash" "$tmp/out" tests/cli/golden/mediate-nash.txt
run "mediate --json" 0 "$bin" mediate --json --procedure nash $ex &&
  golden "mediate --json" "$tmp/out" tests/cli/golden/mediate.json &&
  if python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))
assert d["procedure"] == "nash" and d["mediator"]["id"] == "us" and d["view"] == ["ukraine", "russia", "us"]
assert d["believed"] == ["ukraine"]
v = {x["party"]: x for x in d["verdicts"]}
assert v["ukraine"]["accepts"] and v["ukraine"]["expected"]["reservation"] == 0.35 and v["europe"]["expected"] is None
assert v["russia"]["expected"] == {k: v["russia"][k] for k in ("utility", "reservation", "red_lines_crossed", "accepts")}
assert d["all_accept"]' "$tmp/out"; then ok; else bad "mediate --json: not as expected"; fi
# without the U.S.'s picture of Kyiv, the Nash text of the two drafters cuts Ukraine's army to 400
grep -v -e '^  beliefs:' -e '^    us:$' -e '^      ukraine:$' -e '^        reservation: 0.35' -e '^        weights: {territory: 20' $ex >"$tmp/nobelief.yaml"
run "mediate without the belief" 0 "$bin" mediate --procedure nash "$tmp/nobelief.yaml" &&
  contains "mediate without the belief" "$tmp/out" "Its view: russia, us (true profiles)" &&
  contains "mediate without the belief" "$tmp/out" "Outside its view (not heard, no belief): ukraine, europe" &&
  contains "mediate without the belief" "$tmp/out" "ukraine                0.430       0.450  rejects: 0.020 below its reservation"
# a belief that expected the wrong verdict is named, in the report and in the comparison
sed 's/^        weights: {territory: 20.*/        red_lines: []/' $ex >"$tmp/wrong.yaml"
run "mediate a wrong belief" 0 "$bin" mediate --procedure veto "$tmp/wrong.yaml" &&
  contains "mediate a wrong belief" "$tmp/out" "Where the mediator's belief was wrong in a way that mattered:" &&
  contains "mediate a wrong belief" "$tmp/out" "us expected ukraine to accept at 0.410; its true utility is 0.410, below its reservation 0.450."
run "mediate --compare a wrong belief" 0 "$bin" mediate --compare --procedure veto "$tmp/wrong.yaml" &&
  contains "mediate --compare a wrong belief" "$tmp/out" "  declared group: us expected ukraine to accept at 0.410; its true utility is 0.410, below its reservation 0.450."
run "mediate --compare --json a wrong belief" 0 "$bin" mediate --compare --json --procedure veto "$tmp/wrong.yaml" &&
  if python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))
assert d["variants"][0]["belief_misses"][0]["party"] == "ukraine" and d["variants"][1]["belief_misses"] == []' "$tmp/out"; then ok; else bad "mediate --compare --json: no belief miss"; fi
# drafting with everyone, the same mediator: every party accepts
run "mediate single-text --json" 0 "$bin" mediate --json $ex &&
  if python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))
assert d["procedure"] == "single-text" and d["start"]["army_cap"] == "600" and d["start"]["sanctions"] == "maintained"
adopted = [s for s in d["steps"] if s["proposer"]]
assert adopted and all(set(s["consulted"]) == {"russia", "us"} for s in d["steps"])' "$tmp/out"; then ok; else bad "mediate single-text --json: not as expected"; fi
run "mediate with everyone" 0 "$bin" mediate --procedure nash --drafts-with ukraine,russia,us,europe $ex &&
  contains "mediate with everyone" "$tmp/out" "Its view: ukraine, russia, us, europe (true profiles)" &&
  not_contains "mediate with everyone" "$tmp/out" "Outside its view" &&
  contains "mediate with everyone" "$tmp/out" "Every party accepts the text."
# Turkey drafting with Ukraine and Europe: Europe is heard through Ukraine
run "mediate through Turkey" 0 "$bin" mediate --mediator turkey --drafts-with ukraine,europe $ex &&
  contains "mediate through Turkey" "$tmp/out" "Mediator: turkey (an outside actor)" &&
  contains "mediate through Turkey" "$tmp/out" "Its view: ukraine, europe (true profiles)"
run "mediate --csv" 0 "$bin" mediate --csv $ex &&
  contains "mediate --csv" "$tmp/out" "party,utility,reservation,shortfall,red_lines_crossed,accepts" &&
  if [ "$(wc -l <"$tmp/out")" -eq 5 ]; then ok; else bad "mediate --csv: not one line per party"; fi
run "mediate --out" 0 "$bin" mediate --out "$tmp/m.txt" $ex &&
  if cmp -s "$tmp/m.txt" tests/cli/golden/mediate.txt; then ok; else bad "mediate --out differs from stdout"; fi
run "mediate --power" 0 "$bin" mediate --procedure nash --power $ex
run "mediate --steps 1" 0 "$bin" mediate --steps 1 $ex &&
  contains "mediate --steps 1" "$tmp/out" "1 step, 1 change adopted; stopped at the step limit."
run "mediate --from" 0 "$bin" mediate --from us_draft $ex
run "mediate least-satisfied" 0 "$bin" mediate --procedure least-satisfied $ex &&
  contains "mediate least-satisfied" "$tmp/out" "Procedure: least-satisfied:" &&
  contains "mediate least-satisfied" "$tmp/out" "4 steps, 4 changes adopted; stopped: the last change brought back an earlier text (a cycle)."
run "mediate --compare" 0 "$bin" mediate --compare $ex &&
  golden "mediate --compare" "$tmp/out" tests/cli/golden/mediate-compare.txt
run "mediate --compare --json" 0 "$bin" mediate --compare --json $ex &&
  if python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))
v = d["variants"]
assert [x["kind"] for x in v] == ["declared", "everyone", "plus", "plus", "all_but", "all_but", "all_but", "mediator"]
assert v[0]["view"] == ["ukraine", "russia", "us"] and v[1]["all_accept"]
assert d["exclusion_cost"]["us"] is None and d["exclusion_cost"]["russia"] > 0.5' "$tmp/out"; then ok; else bad "mediate --compare --json: not as expected"; fi
run "mediate --compare --csv" 0 "$bin" mediate --compare --csv $ex &&
  if [ "$(wc -l <"$tmp/out")" -eq 33 ]; then ok; else bad "mediate --compare --csv: not 8 variants x 4 parties"; fi
# the drafting trace as CSV, beside the report
run "mediate --trace-csv" 0 "$bin" mediate --trace-csv "$tmp/trace.csv" $ex &&
  golden "mediate --trace-csv" "$tmp/trace.csv" tests/cli/golden/mediate-trace.csv &&
  if cmp -s "$tmp/out" tests/cli/golden/mediate.txt; then ok; else bad "mediate --trace-csv changed the report"; fi
run "mediate --trace-csv over the input" 1 "$bin" mediate --trace-csv $ex $ex &&
  contains "mediate --trace-csv over the input" "$tmp/err" "is an input of this command; refusing to write over it"
run "mediate --trace-csv --compare" 2 "$bin" mediate --compare --trace-csv "$tmp/t.csv" $ex
run "mediate --trace-csv = --out" 2 "$bin" mediate --out "$tmp/t.csv" --trace-csv "$tmp/t.csv" $ex
# the baselines: seeded, so the same seed gives the same bytes
run "mediate veto" 0 "$bin" mediate --procedure veto --seed 5 $ex && cp "$tmp/out" "$tmp/veto1.txt"
run "mediate veto again" 0 "$bin" mediate --procedure veto --seed 5 --threads 1 $ex &&
  if cmp -s "$tmp/out" "$tmp/veto1.txt"; then ok; else bad "mediate veto: the same seed gave other output"; fi
run "mediate hill-climb" 0 "$bin" mediate --procedure hill-climb $ex &&
  contains "mediate hill-climb" "$tmp/out" "stopped at the step limit"
run "mediate --seed bad" 2 "$bin" mediate --procedure veto --seed -1 $ex
# Adjusted Winner on Brams and Taylor's two published examples, exactly
run "mediate adjusted-winner divorce" 0 "$bin" mediate --procedure adjusted-winner tests/data/divorce.yaml &&
  contains "mediate adjusted-winner divorce" "$tmp/out" "  retirement              50.00    40.00  split: carol 5/6, bob 1/6" &&
  contains "mediate adjusted-winner divorce" "$tmp/out" "Each side gets 56.67 of its own points (170/3)." &&
  contains "mediate adjusted-winner divorce" "$tmp/out" "Text: retirement=carol, home=bob, cottage=carol, investments=bob, other=bob"
run "mediate adjusted-winner Ralph and Susan" 0 "$bin" mediate --procedure adjusted-winner --json tests/data/ralph-susan.yaml &&
  if python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))["adjusted_winner"]
assert d["a"] == "ralph" and d["split"] == "i3" and d["points"] == [2693, 47]
assert [x["a_share"] for x in d["items"]] == [[0, 1], [1, 1], [22, 47], [0, 1], [1, 1]]' "$tmp/out"; then ok; else bad "mediate adjusted-winner Ralph and Susan: not 22/47 and 2693/47"; fi
run "mediate adjusted-winner, three parties" 3 "$bin" mediate --procedure adjusted-winner $ex &&
  contains "mediate adjusted-winner, three parties" "$tmp/err" "adjusted-winner divides items between two parties; the mediator's view holds 3 (ukraine, russia, us)"
run "mediate adjusted-winner, not items" 3 "$bin" mediate --procedure adjusted-winner --drafts-with ukraine $ex &&
  contains "mediate adjusted-winner, not items" "$tmp/err" "issue 'territory' has no option 'ukraine'"
# shuttle diplomacy: one party a step, the nearest first
run "mediate --shuttle" 0 "$bin" mediate --shuttle --json --drafts-with ukraine,russia,europe $ex &&
  if python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))
c = [s["consulted"] for s in d["steps"]]
assert all(len(x) == 2 and "us" in x for x in c), c
assert [next(p for p in x if p != "us") for x in c[:3]] == ["ukraine", "russia", "europe"], c' "$tmp/out"; then ok; else bad "mediate --shuttle: not one party a step"; fi
run "mediate --shuttle with nash" 2 "$bin" mediate --shuttle --procedure nash $ex &&
  contains "mediate --shuttle with nash" "$tmp/err" "--shuttle goes with the procedures that step"
# a belief that gives every key is written back whole: a discount of 1 and empty rule lists stand
# for the party's own
cat >"$tmp/full.yaml" <<'YAML'
issues:
  - {id: a, options: [x, y, z]}
parties:
  - {id: p, weights: {a: 1}, values: {a: [1, 0.5, 0]}}
  - {id: q, weights: {a: 1}, values: {a: [0, 0.2, 1]}, discount: 0.9, red_lines: [{when: {a: z}}],
     interactions: [{when: {a: y}, bonus: 0.9}]}
mediation:
  mediators: [{id: m, name: M}]
  drafts_with: [p]
  beliefs:
    m:
      q: {power: 1, reservation: 0, discount: 1, weights: {a: 1}, interactions: [], red_lines: []}
YAML
run "mediate a belief of every key" 0 "$bin" mediate --procedure nash "$tmp/full.yaml" && cp "$tmp/out" "$tmp/full.txt"
run "convert a belief of every key" 0 "$bin" convert "$tmp/full.yaml" --to yaml --out "$tmp/full2.yaml" &&
  contains "convert a belief of every key" "$tmp/full2.yaml" "        red_lines: []" &&
  contains "convert a belief of every key" "$tmp/full2.yaml" "        discount: 1"
run "mediate the converted belief" 0 "$bin" mediate --procedure nash "$tmp/full2.yaml" &&
  if [ "$(sed 1d "$tmp/out")" = "$(sed 1d "$tmp/full.txt")" ]; then ok; else bad "the converted belief drafts another text"; fi
# validate sums the mediation section up
run "validate a mediation section" 0 "$bin" validate $ex &&
  contains "validate a mediation section" "$tmp/out" "  mediation: us drafts with russia; 2 mediators; 5 channels; beliefs: us about ukraine"
# errors
run "mediate --from unknown" 2 "$bin" mediate --from nope $ex &&
  contains "mediate --from unknown" "$tmp/err" "--from 'nope' is not a framework of $ex"
run "mediate unknown mediator" 2 "$bin" mediate --mediator nobody $ex &&
  contains "mediate unknown mediator" "$tmp/err" "--mediator 'nobody' is not among the mediators of $ex"
run "mediate unknown party" 2 "$bin" mediate --drafts-with russia,atlantis $ex &&
  contains "mediate unknown party" "$tmp/err" "--drafts-with names 'atlantis', which is not a party"
run "mediate unknown procedure" 2 "$bin" mediate --procedure lottery $ex &&
  contains "mediate unknown procedure" "$tmp/err" "unknown procedure 'lottery'; the procedures are: single-text least-satisfied nash veto hill-climb adjusted-winner"
grep -v '^    - \[turkey, ' $ex >"$tmp/cut.yaml"
run "mediate through no channel" 3 "$bin" mediate --mediator turkey --drafts-with ukraine $tmp/cut.yaml &&
  contains "mediate through no channel" "$tmp/err" "mediator 'turkey' cannot draft with 'ukraine': no channel path joins them"
run "mediate without a mediation section" 0 "$bin" mediate tests/data/wage.yaml &&
  contains "mediate without a mediation section" "$tmp/out" "Mediator: an outside mediator (the scenario names none)"

# every JSON form matches docs/schema/mediation.schema.json
for args in "--procedure nash $ex" "$ex" "--procedure veto $tmp/wrong.yaml" "--compare --procedure veto $tmp/wrong.yaml" "--procedure least-satisfied $ex" "--procedure veto $ex" "--compare $ex" \
  "--compare --procedure nash $ex" \
  "tests/data/wage.yaml" "--compare tests/data/infeasible.yaml" "--procedure adjusted-winner tests/data/divorce.yaml" \
  "--shuttle $ex"; do
  "$bin" mediate --json $args >"$tmp/m.json" 2>"$tmp/err"
  if /usr/bin/python3 - "$tmp/m.json" docs/schema/mediation.schema.json <<'PY'
import json, sys
import jsonschema
schema = json.load(open(sys.argv[2]))
jsonschema.Draft202012Validator.check_schema(schema)
jsonschema.Draft202012Validator(schema).validate(json.load(open(sys.argv[1])))
PY
  then ok; else bad "mediate --json $args does not match docs/schema/mediation.schema.json"; fi
done

# the README shows this run: its lines must be the command's
if python3 -c 'import sys
readme = open("README.md").read()
block = readme.split("$ parley mediate --procedure nash examples/ukraine-framework.yaml\n...\n", 1)[1].split("```", 1)[0]
out = open(sys.argv[1]).read()
assert block in out, block' tests/cli/golden/mediate-nash.txt; then ok; else bad "the README's mediate block is not what the command prints"; fi
if python3 -c 'import sys
readme = open("README.md").read()
block = readme.split("$ parley mediate --compare examples/ukraine-framework.yaml\n...\n", 1)[1].split("```", 1)[0]
out = open(sys.argv[1]).read()
for part in block.split("...\n"):
    assert part in out, part' tests/cli/golden/mediate-compare.txt; then ok; else bad "the README's mediate --compare block is not what the command prints"; fi

echo "cli mediate: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
