#!/usr/bin/env bash
# bench_accept.sh PARLEY — times `parley accept` and `parley timeline` on the bundled case as
# whole commands (median of 11 runs): 100,000 draws of the U.S. draft, --robust with 10,000
# draws over its 2,268 packages, and the twelve-month timeline. docs/performance.md keeps them.
set -eu
bin=${1:-build/parley}
ex=examples/ukraine-framework.yaml
. "$(dirname "$0")/lib.sh"
echo "parley --version:                         $(median "$bin" --version)"
echo "accept, 10,000 draws:                     $(median "$bin" accept $ex)"
echo "accept, 100,000 draws:                    $(median "$bin" accept --samples 100000 $ex)"
echo "accept, 100,000 draws, one thread:        $(median "$bin" accept --samples 100000 --threads 1 $ex)"
echo "accept --robust, 10,000 draws x 2,268:    $(median "$bin" accept --robust $ex)"
echo "timeline, 12 steps:                       $(median "$bin" timeline $ex)"
