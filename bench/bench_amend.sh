#!/usr/bin/env bash
# bench_amend.sh PARLEY — times `parley amend` as whole commands (median of 21 runs) on the
# bundled case and on a 10^7-package, 4-party scenario generated here from a fixed seed (7
# issues of 10 options, random weights and values, reservations at 0.55, a draft far from what
# most parties want). docs/performance.md keeps the figures.
set -eu
bin=${1:-build/parley}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$tmp/big.yaml" <<'PY'
import random, sys
rng = random.Random(7)
issues = [f"i{k}" for k in range(7)]
out = ["issues:"]
for i in issues:
    out.append(f"  - {{id: {i}, options: [{', '.join(f'o{o}' for o in range(10))}]}}")
out.append("parties:")
for p in range(4):
    w = ", ".join(f"{i}: {rng.randint(1, 9)}" for i in issues)
    vals = ", ".join(f"{i}: [{', '.join(str(rng.randint(0, 10) / 10) for _ in range(10))}]" for i in issues)
    out.append(f"  - {{id: p{p}, reservation: 0.55, weights: {{{w}}}, values: {{{vals}}}}}")
out.append("frameworks:")
out.append("  - {id: draft, package: {" + ", ".join(f"{i}: o{rng.randint(0, 9)}" for i in issues) + "}}")
open(sys.argv[1], "w").write("\n".join(out) + "\n")
PY
RUNS=21
. "$(dirname "$0")/lib.sh"
echo "parley --version:                    $(median "$bin" --version)"
echo "amend (bundled case):                $(median "$bin" amend examples/ukraine-framework.yaml)"
echo "amend, 10^7 packages, 4 parties:     $(median "$bin" amend "$tmp/big.yaml")"
"$bin" amend "$tmp/big.yaml" | grep -E "Fewest|No package|Exact"
