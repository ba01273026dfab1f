#!/usr/bin/env bash
# bench_python.sh BUILD_DIR — the Python binding against C on the same calls, in one run: the
# analysis of a 10^6-package scenario (3 parties, 6 issues of 10 options; enumeration, then
# auto), and the frontier of a scenario whose frontier holds about 10^5 vectors reaching numpy.
# Needs the binding installed in BUILD_DIR/pyenv (the `python` test does that).
set -eu
build=${1:-build}
py=$build/pyenv/bin/python
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$py" - "$tmp/million.yaml" <<'PY'
import json, random, sys
random.seed(7)
issues = [{"id": f"i{k}", "options": [f"o{j}" for j in range(10)]} for k in range(6)]
parties = [{"id": f"p{p}", "weights": {f"i{k}": random.randint(1, 9) for k in range(6)},
            "values": {f"i{k}": [round(random.random(), 3) for _ in range(10)] for k in range(6)},
            "reservation": 0.3} for p in range(3)]
json.dump({"issues": issues, "parties": parties}, open(sys.argv[1], "w"))
PY
for method in enumerate auto; do
  c=$("$build/bench_file" "$tmp/million.yaml" $method 7)
  p=$("$py" - "$tmp/million.yaml" $method <<'PY'
import statistics, sys, time
import parley
sc = parley.Scenario.load(sys.argv[1])
times = []
for _ in range(7):
    t = time.perf_counter(); an = sc.analyze(method=sys.argv[2]); times.append((time.perf_counter() - t) * 1e3)
print(f"{statistics.median(times):.3f}")
PY
)
  echo "10^6 packages, $method: C $c ms, Python $p ms, ratio $(awk -v a="$p" -v b="$c" 'BEGIN{printf "%.3f", a/b}')"
done
"$py" - <<'PY'
import time
import numpy as np
import parley
# two parties with opposite preferences: every one of the 90,000 packages is on the frontier
import random
random.seed(3)
sizes = [10, 10, 10, 10, 9]
values = {f"i{k}": [random.random() for _ in range(n)] for k, n in enumerate(sizes)}
weights = {f"i{k}": random.randint(1, 9) for k in range(5)}
sc = parley.Scenario.from_dict({
    "issues": [{"id": f"i{k}", "options": [f"o{j}" for j in range(n)]} for k, n in enumerate(sizes)],
    "parties": [{"id": "a", "weights": weights, "values": values},
                {"id": "b", "weights": weights, "values": {k: [1 - x for x in v] for k, v in values.items()}}]})
an = sc.analyze(method="enumerate")
n = len(an.frontier)
t = time.perf_counter(); f = parley.Frontier(an); ms = (time.perf_counter() - t) * 1e3
t = time.perf_counter(); u = [[an.frontier.utilities[i, p] for p in range(2)] for i in range(n)]; per_point = (time.perf_counter() - t) * 1e3
print(f"frontier of {n} vectors to numpy (utilities and witness packages, one call): {ms:.1f} ms; "
      f"reading it back point by point in Python: {per_point:.1f} ms")
PY
