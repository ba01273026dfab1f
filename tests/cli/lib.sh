# lib.sh — what the CLI test scripts share: a scratch folder, counters and checks.
# Source it after setting bin (the parley binary) and cd-ing to the repository root.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() {
  fail=$((fail + 1))
  printf 'FAIL: %s\n' "$*"
}

# run NAME EXPECTED_EXIT CMD...: runs, keeps stdout/stderr in $tmp/out and $tmp/err
run() {
  local name=$1 want=$2
  shift 2
  "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  if [ "$got" -ne "$want" ]; then
    bad "$name: exit $got, expected $want"
    sed 's/^/    stderr: /' "$tmp/err" | head -5
    return 1
  fi
  ok
}

contains() { # NAME FILE TEXT
  if grep -qF -- "$3" "$2"; then ok; else bad "$1: '$3' not in $(basename "$2")"; sed 's/^/    /' "$2" | head -5; fi
}

not_contains() { # NAME FILE TEXT
  if grep -qF -- "$3" "$2"; then bad "$1: '$3' in $(basename "$2")"; else ok; fi
}

matches() { # NAME FILE REGEX
  if grep -qE -- "$3" "$2"; then ok; else bad "$1: /$3/ not in $(basename "$2")"; sed 's/^/    /' "$2" | head -8; fi
}

golden() { # NAME FILE GOLDEN
  if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then cp "$2" "$3"; fi
  if cmp -s "$2" "$3"; then ok; else bad "$1: output differs from $3"; diff "$3" "$2" | head -20; fi
}

