#!/usr/bin/env bash
# Runs every libFuzzer target for SECONDS each, starting from the corpus kept in the repository
# (tests/fuzz/corpus/TARGET: the project's own inputs, every past finding, and what earlier runs
# merged in) plus the shared reference data when it is there. The corpus is copied, so the
# repository is not written to, unless FUZZ_MERGE=1: then the inputs that reach new code are
# merged (minimised) into tests/fuzz/corpus, to be committed.
#
# Undefined behaviour is fatal in the fuzz build (-fno-sanitize-recover=all), so any crash,
# leak, sanitizer report or timeout fails the run; the reproducer is kept under
# BUILD/fuzz-findings/ and belongs in tests/fuzz/corpus/TARGET once fixed.
# Usage: run.sh BUILD_DIR SECONDS
set -euo pipefail
build=$1
seconds=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
shared="$root/../shared/data"
findings="$build/fuzz-findings"
mkdir -p "$findings"
status=0
for target in ${FUZZ_TARGETS:-fuzz_scenario fuzz_genius fuzz_deu fuzz_ktab}; do
  kept="$root/tests/fuzz/corpus/$target"
  corpus=$(mktemp -d)
  cp "$kept"/* "$corpus"/
  # reference data read in place, and never when merging: nothing of it goes into the repository
  if [ "${FUZZ_MERGE:-0}" = 1 ]; then
    :
  elif [ "$target" = fuzz_deu ]; then
    head -c 6000 "$shared/deu3/deu3_issues.csv" >"$corpus/deu3-head.csv" 2>/dev/null || true
  elif [ "$target" = fuzz_ktab ]; then
    cp "$shared"/ktab/dummyData_3Dim.csv "$shared"/ktab/SOE-Pol-Comp.csv "$corpus"/ 2>/dev/null || true
  fi
  dict="$root/tests/fuzz/${target#fuzz_}.dict"
  echo "fuzz: $target for ${seconds}s from $(ls "$corpus" | wc -l) inputs"
  if ! "$build/$target" -max_total_time="$seconds" -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 -dict="$dict" -artifact_prefix="$findings/" \
      "$corpus" >"$findings/$target.log" 2>&1; then
    echo "fuzz: $target found a problem; see $findings/$target.log"
    tail -40 "$findings/$target.log"
    status=1
  else
    grep -E 'stat::number_of_executed_units|stat::peak_rss_mb' "$findings/$target.log" | sed 's/^/fuzz: /'
    if [ "${FUZZ_MERGE:-0}" = 1 ]; then
      before=$(ls "$kept" | wc -l)
      "$build/$target" -merge=1 -max_len=8192 -timeout=10 -rss_limit_mb=2048 "$kept" "$corpus" \
        >"$findings/$target.merge.log" 2>&1
      echo "fuzz: $target corpus $before -> $(ls "$kept" | wc -l) inputs"
    fi
  fi
  rm -rf "$corpus"
done
exit $status
