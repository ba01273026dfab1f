# lib.sh — what the benchmark scripts share. Source it.
# median CMD...: the median wall time of $RUNS runs of CMD (default 11), in ms, its output dropped.
median() {
  local runs=${RUNS:-11}
  for _ in $(seq "$runs"); do
    s=$(date +%s%N)
    "$@" >/dev/null
    e=$(date +%s%N)
    echo $(((e - s) / 1000))
  done | sort -n | sed -n "$((runs / 2 + 1))p" | awk '{printf "%.1f ms\n", $1 / 1000}'
}
