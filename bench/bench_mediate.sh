#!/usr/bin/env bash
# bench_mediate.sh PARLEY — times `parley mediate` as whole commands (median of repeated runs):
# --compare on the bundled case, and single-text on a 10^6-package, 5-party scenario generated
# here with a fixed seed (6 issues of 10 options, random weights and values, starting from a
# framework far from the frontier). docs/performance.md keeps the figures.
set -eu
bin=${1:-build/parley}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$tmp/big.yaml" <<'PY'
import random, sys
rng = random.Random(20261130)
issues = [f"i{k}" for k in range(6)]
out = ["issues:"]
for i in issues:
    out.append(f"  - {{id: {i}, options: [{', '.join(f'o{o}' for o in range(10))}]}}")
out.append("parties:")
for p in range(5):
    w = ", ".join(f"{i}: {rng.randint(1, 9)}" for i in issues)
    vals = ", ".join(f"{i}: [{', '.join(str(rng.randint(0, 10) / 10) for _ in range(10))}]" for i in issues)
    out.append(f"  - {{id: p{p}, reservation: 0.3, weights: {{{w}}}, values: {{{vals}}}}}")
out.append("frameworks:")
out.append("  - {id: far, package: {" + ", ".join(f"{i}: o0" for i in issues) + "}}")
open(sys.argv[1], "w").write("\n".join(out) + "\n")
PY
RUNS=21
. "$(dirname "$0")/lib.sh"
echo "parley --version:                          $(median "$bin" --version)"
echo "mediate (bundled case):                    $(median "$bin" mediate examples/ukraine-framework.yaml)"
echo "mediate --compare (bundled case):          $(median "$bin" mediate --compare examples/ukraine-framework.yaml)"
echo "mediate single-text, 10^6 packages, 5 parties: $(median "$bin" mediate "$tmp/big.yaml")"
echo "mediate --shuttle, 10^6 packages, 5 parties:   $(median "$bin" mediate --shuttle "$tmp/big.yaml")"
"$bin" mediate "$tmp/big.yaml" | grep -E "steps|step [0-9]+, consulted" | tail -2
