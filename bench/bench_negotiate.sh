#!/usr/bin/env bash
# bench_negotiate.sh PARLEY — times `parley negotiate` as whole commands (median of 11 runs):
# Boulware against Conceder on ANAC Energy (y2012/EnergyA, 390,625 packages) over 1,000 rounds,
# the same with one round (what reading the domain and building the offer indexes cost), and a
# 100-round session on England-Zimbabwe. docs/performance.md keeps the figures.
set -eu
bin=${1:-build/parley}
anac=${2:-../shared/data/anac}
. "$(dirname "$0")/lib.sh"
echo "parley --version:                           $(median "$bin" --version)"
echo "Energy, boulware v conceder, 1 round:       $(median "$bin" negotiate --agent 1=boulware --agent 2=conceder --rounds 1 "$anac/y2012/EnergyA")"
echo "Energy, boulware v conceder, 1,000 rounds:  $(median "$bin" negotiate --agent 1=boulware --agent 2=conceder --rounds 1000 "$anac/y2012/EnergyA")"
echo "England-Zimbabwe, 100 rounds:               $(median "$bin" negotiate --agent 1=boulware --agent 2=conceder "$anac/y2010/EnglandZimbabwe")"
echo "England-Zimbabwe, 1 round:                  $(median "$bin" negotiate --agent 1=boulware --agent 2=conceder --rounds 1 "$anac/y2010/EnglandZimbabwe")"
