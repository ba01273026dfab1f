#!/usr/bin/env bash
# The shared library exports exactly the public API: every defined dynamic symbol is a
# parley_ function declared with PARLEY_API in the installed headers, and every such function
# is exported. Usage: symbols.sh LIBPARLEY.so INCLUDE_DIR
set -u
lib=$1
inc=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
nm -D --defined-only "$lib" | awk '$2 ~ /^[TDRBW]$/ {print $3}' | sort >"$tmp/exported"
cat "$inc"/parley.h "$inc"/parley/*.h | tr '\n' ' ' | grep -oE 'PARLEY_API [^;]*' |
  grep -oE '\bparley_[a-z0-9_]+ *\(' | tr -d ' (' | sort -u >"$tmp/declared"
status=0
if grep -v '^parley_' "$tmp/exported" >"$tmp/stray"; then
  echo "symbols: exported but not public: $(tr '\n' ' ' <"$tmp/stray")"
  status=1
fi
extra=$(comm -23 "$tmp/exported" "$tmp/declared")
missing=$(comm -13 "$tmp/exported" "$tmp/declared")
if [ -n "$extra" ]; then echo "symbols: exported but not declared with PARLEY_API: $extra"; status=1; fi
if [ -n "$missing" ]; then echo "symbols: declared but not exported: $missing"; status=1; fi
echo "symbols: $(wc -l <"$tmp/exported") exported, $(wc -l <"$tmp/declared") declared"
exit $status
