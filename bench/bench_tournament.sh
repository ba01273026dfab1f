#!/usr/bin/env bash
# bench_tournament.sh PARLEY — a tournament of 7 agents over the ANAC 2010-2011 domains, every
# assignment (both role orders, self-play included), 10 repetitions: the whole command's time on
# all cores and on one, and negotiations a minute. docs/performance.md keeps the figures.
set -eu
bin=${1:-build/parley}
anac=${2:-../shared/data/anac}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
agents="boulware conceder linear hardliner tit-for-tat micro random"
for threads in 2 1; do
  s=$(date +%s%N)
  n=$("$bin" tournament --threads $threads --agents "$agents" --repetitions 10 --out "$out" "$anac"/y2010/* "$anac"/y2011/* |
    sed -n 's/^parley tournament: \([0-9]*\) negotiations.*/\1/p')
  e=$(date +%s%N)
  ms=$(((e - s) / 1000000))
  echo "threads=$threads: $n negotiations in $ms ms: $((n * 60000 / (ms ? ms : 1))) a minute"
done
