#!/usr/bin/env bash
# bench_report.sh PARLEY [SHARED_DATA] — times the HTML report as whole commands (median of 11
# runs) and gives the pages' sizes: the bundled case (every section, and the analysis alone),
# AgentHp2 (5.76 million packages, 3 parties: a sample of 20,000 drawn), and a negotiation's
# page beside the same negotiation without one. docs/performance.md keeps the figures.
set -eu
bin=${1:-build/parley}
data=${2:-../shared/data}
ex=examples/ukraine-framework.yaml
hp2=$data/anac/y2016/AgentHp2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/lib.sh"
size() { wc -c <"$1" | awk '{printf "%.0f KB\n", $1 / 1024}'; }
echo "parley --version:                               $(median "$bin" --version)"
echo "analyze, bundled case:                          $(median "$bin" analyze $ex)"
echo "report, bundled case, analysis only:            $(median "$bin" report $ex --only-analysis -o "$tmp/a.html")  $(size "$tmp/a.html")"
echo "report, bundled case, every section:            $(median "$bin" report $ex -o "$tmp/r.html")  $(size "$tmp/r.html")"
if [ -d "$hp2" ]; then
  echo "analyze, AgentHp2:                              $(median "$bin" analyze "$hp2")"
  echo "report, AgentHp2:                               $(median "$bin" report "$hp2" -o "$tmp/h.html")  $(size "$tmp/h.html")"
  echo "negotiate, England-Zimbabwe:                    $(median "$bin" negotiate "$data/anac/y2010/EnglandZimbabwe")"
  echo "negotiate --html, England-Zimbabwe:             $(median "$bin" negotiate "$data/anac/y2010/EnglandZimbabwe" --html "$tmp/n.html")  $(size "$tmp/n.html")"
fi
