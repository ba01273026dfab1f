#!/usr/bin/env bash
# exact_frontier.sh PARLEY SHARED_DATA — parley's frontier against tests/conformance/exact_frontier.py,
# which recomputes it in exact fractions from the XML text and shares no code with parley: the
# same number of vectors, the same vectors (to 10 significant digits, as the JSON writes them)
# and the same number of packages reaching them; and the published figures for the two domains
# whose exact ties the old rounded arithmetic broke.
set -u
bin=$1 data=$2/anac
here=$(cd "$(dirname "$0")" && pwd)
if [ ! -d "$data" ]; then
  if [ "${CI:-}" = true ]; then echo "FAIL: $data is missing (CI=true: the shared data must be there)"; exit 1; fi
  echo "SKIP: $data is missing"; exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { # DOMAIN [VECTORS PACKAGES]
  local d=$data/$1
  python3 "$here/exact_frontier.py" --json --list "$d" >"$tmp/exact.json" || { echo "FAIL: $1: the checker failed"; fail=1; return; }
  "$bin" analyze --json "$d" >"$tmp/parley.json" || { echo "FAIL: $1: parley failed"; fail=1; return; }
  if python3 - "$tmp/exact.json" "$tmp/parley.json" "${2:-}" "${3:-}" <<'PY'
import json, sys
from fractions import Fraction
x, p = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
want_v, want_n = sys.argv[3], sys.argv[4]
ids = x["parties"]
exact = sorted(tuple(float(Fraction(u)) for u in v["utilities"]) for v in x["frontier"])
got = sorted(tuple(pt["utilities"][i] for i in ids) for pt in p["frontier"])
assert len(got) == len(exact) == x["vectors"], (len(got), len(exact))
for a, b in zip(exact, got):
    assert all(abs(s - t) <= 1e-9 * max(1, abs(s)) for s, t in zip(a, b)), (a, b)
assert p["frontier_packages"] == x["packages"], (p["frontier_packages"], x["packages"])
assert sum(pt["packages"] for pt in p["frontier"]) == x["packages"]
if want_v:
    assert x["vectors"] == int(want_v) and x["packages"] == int(want_n), (x["vectors"], x["packages"])
print(f"{len(got)} vectors, {x['packages']} packages")
PY
  then echo "ok: $1"; else echo "FAIL: $1"; fail=1; fi
}
check y2011/Energy 204 205
check y2016/AgentHp2 589 924385
check y2011/Laptop
check y2010/ItexvsCypress
check y2011/Car
check y2016/Terra
check y2016/Maxoops
exit $fail
