#!/usr/bin/env bash
# Runs every libFuzzer target for SECONDS each, starting from a corpus of the project's own
# scenarios (copied, so the repository is not written to). Any crash, leak or sanitizer report
# fails the run; the reproducer is kept under BUILD/fuzz-findings/.
# Usage: run.sh BUILD_DIR SECONDS
set -euo pipefail
build=$1
seconds=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
findings="$build/fuzz-findings"
mkdir -p "$findings"
status=0
for target in fuzz_scenario fuzz_genius fuzz_deu fuzz_ktab; do
  corpus=$(mktemp -d)
  if [ "$target" = fuzz_scenario ]; then
    cp "$root"/examples/*.yaml "$root"/tests/data/*.yaml "$root"/tests/data/*.json "$root"/tests/data/bad/* "$corpus"/
    dict="$root/tests/fuzz/scenario.dict"
  elif [ "$target" = fuzz_deu ]; then
    cp "$root"/tests/data/deu/*.csv "$corpus"/
    head -c 6000 "$root/../shared/data/deu3/deu3_issues.csv" >"$corpus/deu3-head.csv" 2>/dev/null || true
    dict="$root/tests/fuzz/deu.dict"
  elif [ "$target" = fuzz_ktab ]; then
    cp "$root"/tests/data/ktab/*.csv "$corpus"/
    cp "$root"/../shared/data/ktab/dummyData_3Dim.csv "$root"/../shared/data/ktab/SOE-Pol-Comp.csv "$corpus"/ 2>/dev/null || true
    dict="$root/tests/fuzz/ktab.dict"
  else
    # a domain and its profiles, joined by "====" lines, as the target splits them
    g="$root/tests/data/genius"
    { cat "$g/domain.xml"; printf '\n====\n'; cat "$g/buyer.xml"; printf '\n====\n'; cat "$g/seller.xml"; } >"$corpus/tiny"
    for f in "$g"/bad/*.xml; do
      { cat "$g/domain.xml"; printf '\n====\n'; cat "$f"; } >"$corpus/bad-$(basename "$f")"
    done
    dict="$root/tests/fuzz/genius.dict"
  fi
  echo "fuzz: $target for ${seconds}s"
  if ! "$build/$target" -max_total_time="$seconds" -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 -dict="$dict" -artifact_prefix="$findings/" \
      "$corpus" >"$findings/$target.log" 2>&1; then
    echo "fuzz: $target found a problem; see $findings/$target.log"
    tail -40 "$findings/$target.log"
    status=1
  else
    grep -E 'stat::number_of_executed_units|stat::peak_rss_mb' "$findings/$target.log" | sed 's/^/fuzz: /'
  fi
  rm -rf "$corpus"
done
exit $status
