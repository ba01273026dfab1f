#!/usr/bin/env bash
# make install into a temporary prefix, then build the README's library example against the
# installed header and libraries through pkg-config (shared and static) and run it.
# Usage: install.sh BUILD_DIR REPO_ROOT
set -u
build=$1
root=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
check() { if "$@"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $*"; fi; }

check cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
for f in bin/parley include/parley.h include/parley/base.h include/parley/scenario.h include/parley/analysis.h \
  include/parley/offers.h include/parley/forecast.h include/parley/report.h; do check test -f "$tmp/prefix/$f"; done
lib=$(ls -d "$tmp"/prefix/lib* | head -1)
check test -f "$lib/libparley.a"
check test -f "$lib/libparley.so"
check test -f "$lib/pkgconfig/parley.pc"
export PKG_CONFIG_PATH="$lib/pkgconfig"
# shared
check cc -std=c17 -Wall -Wextra -Werror "$root/tests/cli/lib_example.c" -o "$tmp/shared" $(pkg-config --cflags --libs parley)
out=$("$tmp/shared" "$root/examples/ukraine-framework.yaml") # found through the rpath pkg-config gives
check test "$out" = "Nash gives party 0 0.640"
# static
check cc -std=c17 -Wall -Wextra -Werror "$root/tests/cli/lib_example.c" -o "$tmp/static" $(pkg-config --static --cflags parley) "$lib/libparley.a" $(pkg-config --static --libs-only-l parley | sed 's/-lparley//')
out=$("$tmp/static" "$root/examples/ukraine-framework.yaml")
check test "$out" = "Nash gives party 0 0.640"
# the shared library exports the public API and nothing else
check bash "$root/tests/cli/symbols.sh" "$lib/libparley.so" "$tmp/prefix/include"
# the installed command works; its manual page and the documentation are there
check "$tmp/prefix/bin/parley" validate -q "$root/examples/ukraine-framework.yaml"
man=$(ls "$tmp"/prefix/share/man/man1/parley.1 2>/dev/null)
check test -n "$man"
check grep -q '^\.TH PARLEY 1' "$man"
check grep -q 'PARLEY BACKTEST' "$man"
check grep -q -- '--all-ties' "$man"
check test -f "$tmp/prefix/share/doc/parley/semantics.md"
check test -f "$tmp/prefix/share/doc/parley/README.md"
echo "install: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
