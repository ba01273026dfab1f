#!/usr/bin/env bash
# make-man.sh PARLEY OUT — writes the manual page parley(1) from the command's own help texts,
# so that the page says exactly what `parley --help` and `parley help COMMAND` say.
set -eu
bin=$1 out=$2
version=$("$bin" --version | awk '{print $2}')
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
# troff: a leading dot or quote would be read as a request; backslashes must be doubled
esc() { sed -e 's/\\/\\e/g' -e 's/^\([.'\'']\)/\\\&\1/'; }
{
  echo ".TH PARLEY 1 \"\" \"parley $version\" \"User Commands\""
  echo ".SH NAME"
  echo "parley \\- analyse multi-party negotiations and forecast collective decisions"
  echo ".SH SYNOPSIS"
  echo ".B parley"
  echo ".I COMMAND"
  echo "[\\fIOPTIONS\\fR] \\fIFILE\\fR"
  echo ".SH DESCRIPTION"
  echo ".nf"
  "$bin" --help | esc
  echo ".fi"
  for cmd in validate analyze offers amend accept timeline negotiate tournament mediate report convert forecast backtest; do
    echo ".SH \"PARLEY $(echo "$cmd" | tr a-z A-Z)\""
    echo ".nf"
    "$bin" help "$cmd" | esc
    echo ".fi"
  done
  echo ".SH FILES"
  echo "The documentation of the formats, the methods and the models is installed under"
  echo ".IR share/doc/parley ."
} >"$tmp"
mv "$tmp" "$out"
trap - EXIT
