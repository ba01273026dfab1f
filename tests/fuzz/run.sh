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
for target in fuzz_scenario; do
  corpus=$(mktemp -d)
  cp "$root"/examples/*.yaml "$root"/tests/data/*.yaml "$root"/tests/data/*.json "$root"/tests/data/bad/* "$corpus"/
  echo "fuzz: $target for ${seconds}s"
  if ! "$build/$target" -max_total_time="$seconds" -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 -dict="$root/tests/fuzz/scenario.dict" -artifact_prefix="$findings/" \
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
