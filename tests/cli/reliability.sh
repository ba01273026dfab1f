#!/usr/bin/env bash
# Reliability of the real `parley` binary: output files that cannot destroy anything, bounded
# reads, interruption that leaves nothing behind, limits and messages that say what is wrong.
# Usage: reliability.sh PARLEY_BINARY REPO_ROOT
set -u
bin=$1
root=$2
cd "$root" || exit 1
. tests/cli/lib.sh
ex=examples/ukraine-framework.yaml

# interrupted NAME OUTPUT ARGS...: runs parley ARGS --out OUTPUT, sends SIGTERM after a second,
# and checks that it stopped cleanly: exit 128 + 15, a message, no output file
interrupted() {
  local name=$1 output=$2
  shift 2
  "$bin" "$1" --out "$output" "${@:2}" >"$tmp/out" 2>"$tmp/err" &
  local pid=$!
  sleep 1
  kill -TERM $pid
  wait $pid
  local got=$?
  if [ $got -eq 143 ]; then ok; else bad "$name: exit $got, expected 143"; fi
  contains "$name" "$tmp/err" "interrupted; nothing was written"
  if [ ! -e "$output" ]; then ok; else bad "$name wrote its output"; fi
}

no_temp_files() { # NAME FOLDER
  if [ -z "$(find "$2" -name '*.tmp-*' 2>/dev/null)" ]; then ok; else bad "$1: temporary files left in $2"; fi
}

# --- output files -------------------------------------------------------------------------
# a device, a folder or a FIFO at --out is refused and left as it was
if [ -w /dev/full ] && [ -c /dev/full ]; then
  run "--out /dev/full" 1 "$bin" analyze --out /dev/full $ex &&
    contains "--out /dev/full" "$tmp/err" "/dev/full: error: is a character device; parley writes only regular files"
  if [ -c /dev/full ]; then ok; else bad "--out replaced /dev/full"; fi
fi
mkdir "$tmp/folder"
run "--out folder" 1 "$bin" analyze --out "$tmp/folder" $ex &&
  contains "--out folder" "$tmp/err" "is a folder; parley writes only regular files"
mkfifo "$tmp/fifo"
run "--out FIFO" 1 "$bin" analyze --out "$tmp/fifo" $ex && contains "--out FIFO" "$tmp/err" "is a FIFO"
if [ -p "$tmp/fifo" ]; then ok; else bad "--out replaced the FIFO"; fi

# a symbolic link is written through: the link stays, the file it names gets the report
"$bin" analyze $ex >"$tmp/plain.txt"
ln -s real.txt "$tmp/link.txt"
run "--out dangling link" 0 "$bin" analyze --out "$tmp/link.txt" $ex
if [ -L "$tmp/link.txt" ] && cmp -s "$tmp/real.txt" "$tmp/plain.txt"; then ok; else bad "--out through a dangling link"; fi
echo old >"$tmp/real.txt"
run "--out link" 0 "$bin" analyze --out "$tmp/link.txt" $ex
if [ -L "$tmp/link.txt" ] && cmp -s "$tmp/real.txt" "$tmp/plain.txt"; then ok; else bad "--out through a link"; fi

# the replaced file keeps its permissions
echo secret >"$tmp/private.txt"
chmod 600 "$tmp/private.txt"
run "--out 0600" 0 "$bin" analyze --out "$tmp/private.txt" $ex
if [ "$(stat -c %a "$tmp/private.txt")" = 600 ]; then ok; else bad "--out changed 0600 to $(stat -c %a "$tmp/private.txt")"; fi
chmod 640 "$tmp/private.txt"
run "--out 0640" 0 "$bin" forecast --out "$tmp/private.txt" tests/data/positions.yaml
if [ "$(stat -c %a "$tmp/private.txt")" = 640 ]; then ok; else bad "--out changed 0640"; fi
# a new file gets 0666 less the umask
(umask 027 && "$bin" analyze --out "$tmp/new.txt" $ex)
if [ "$(stat -c %a "$tmp/new.txt")" = 640 ]; then ok; else bad "--out new file is $(stat -c %a "$tmp/new.txt") under umask 027"; fi

# never over an input, by any name
cp $ex "$tmp/in.yaml"
run "--out is the input" 1 "$bin" analyze --out "$tmp/in.yaml" "$tmp/in.yaml" &&
  contains "--out is the input" "$tmp/err" "is an input of this command; refusing to write over it"
ln -s in.yaml "$tmp/in-link.yaml"
run "--out links to the input" 1 "$bin" analyze --out "$tmp/in-link.yaml" "$tmp/in.yaml"
ln "$tmp/in.yaml" "$tmp/in-hard.yaml"
run "--out is a hard link to the input" 1 "$bin" analyze --out "$tmp/in-hard.yaml" "$tmp/in.yaml"
if cmp -s "$tmp/in.yaml" $ex; then ok; else bad "the input was changed"; fi
cp tests/data/positions.yaml "$tmp/pos.yaml"
run "forecast --out is the input" 1 "$bin" forecast --out "$tmp/pos.yaml" "$tmp/pos.yaml"
run "backtest --out is the input" 1 "$bin" backtest --out "$tmp/pos.yaml" "$tmp/pos.yaml"
if cmp -s "$tmp/pos.yaml" tests/data/positions.yaml; then ok; else bad "forecast/backtest changed their input"; fi
printf 'actor,capability\n' >"$tmp/cap.csv"
run "forecast --out is the capability file" 1 "$bin" forecast --capability "$tmp/cap.csv" --out "$tmp/cap.csv" tests/data/positions.yaml
mkdir "$tmp/g"
cp tests/data/genius/*.xml "$tmp/g/" 2>/dev/null
if ls "$tmp/g"/*.xml >/dev/null 2>&1; then
  first=$(ls "$tmp/g"/*.xml | head -1)
  run "convert --out into the input folder" 1 "$bin" convert --out "$first" "$tmp/g"
fi
no_temp_files "refused outputs" "$tmp"

# --- bounded reads ------------------------------------------------------------------------
run "forecast /dev/zero" 3 timeout 20 "$bin" forecast /dev/zero &&
  contains "forecast /dev/zero" "$tmp/err" "/dev/zero: error: the file is larger than the limit of 16777216 bytes"
run "analyze /dev/zero" 3 timeout 20 "$bin" analyze /dev/zero
run "offers --queries /dev/zero" 3 timeout 20 "$bin" offers --party ukraine --queries /dev/zero $ex &&
  contains "offers --queries /dev/zero" "$tmp/err" "/dev/zero:1: error: the line is longer than 4096 bytes"
printf '0.5 1\n0.2 0.1 x\0y\n0.6 1\n' >"$tmp/nul.txt"
run "offers --queries with a NUL" 3 "$bin" offers --party ukraine --queries "$tmp/nul.txt" $ex &&
  contains "offers --queries with a NUL" "$tmp/err" "nul.txt:2: error: the line contains a NUL byte"
if [ "$(wc -l <"$tmp/out")" -eq 2 ]; then ok; else bad "offers --queries: the lines around a NUL were not answered"; fi
mkfifo "$tmp/in.fifo"
run "analyze a FIFO nobody writes to" 3 timeout 20 "$bin" analyze "$tmp/in.fifo" &&
  contains "analyze a FIFO" "$tmp/err" "the file is empty"
run "forecast a FIFO nobody writes to" 3 timeout 20 "$bin" forecast "$tmp/in.fifo"
# a FIFO with a writer is read to its end
(cat tests/data/deu/plain.csv >"$tmp/in.fifo" &)
run "forecast from a FIFO" 0 timeout 20 "$bin" forecast --model mean "$tmp/in.fifo"
run "forecast a folder" 3 "$bin" forecast "$tmp/folder" && contains "forecast a folder" "$tmp/err" "is a folder, not a file"
mkdir "$tmp/gfifo"
cp tests/data/genius/*.xml "$tmp/gfifo/" 2>/dev/null
mkfifo "$tmp/gfifo/zz.xml"
run "a GENIUS folder with a FIFO in it" 0 timeout 20 "$bin" validate "$tmp/gfifo"

# --- CSV as spreadsheets write it ---------------------------------------------------------
printf '\357\273\277actor,capability,position,salience\r\n"North, the",3,10,50\r\n"South\r\nregion",2,"20",50\r\n' >"$tmp/bom.csv"
run "CSV with a BOM, CRLF and a quoted line end" 0 "$bin" forecast --model mean --json "$tmp/bom.csv" &&
  contains "CSV quoted line end" "$tmp/out" '"forecast":15.000000'
printf 'actor,capability,position,salience\nnorth,3,10,50\nsouth,"2,20,50\n' >"$tmp/open.csv"
run "CSV with an open quote" 3 "$bin" forecast "$tmp/open.csv" &&
  contains "CSV with an open quote" "$tmp/err" "open.csv:3:7: error: a quoted field is not closed"
printf 'actor,capability,position,salience\nab\377,3,10,50\n' >"$tmp/latin1.csv"
run "CSV not in UTF-8" 3 "$bin" forecast "$tmp/latin1.csv" &&
  contains "CSV not in UTF-8" "$tmp/err" "latin1.csv:2:3: error: the file is not valid UTF-8 text"
printf 'actor,capability\nnorth,3\nwest,1\n' >"$tmp/cap-unknown.csv"
run "capability of an unknown actor" 3 "$bin" forecast --capability "$tmp/cap-unknown.csv" tests/data/positions.yaml &&
  contains "capability of an unknown actor" "$tmp/err" "cap-unknown.csv:3:1: error: 'west' is not an actor of tests/data/positions.yaml"
printf 'actor,capability\nnorth,3\nnorth,1\n' >"$tmp/cap-twice.csv"
run "capability given twice" 3 "$bin" forecast --capability "$tmp/cap-twice.csv" tests/data/positions.yaml &&
  contains "capability given twice" "$tmp/err" "cap-twice.csv:3:1: error: 'north' is given a capability twice"

# --- limits -------------------------------------------------------------------------------
run "frontier limit (additive)" 3 "$bin" analyze --max-frontier 50 tests/data/big/enumerate_1e12.yaml &&
  contains "frontier limit" "$tmp/err" "the Pareto frontier has more than 50 utility vectors (the additive method stopped there)"
run "frontier limit (enumeration)" 3 "$bin" analyze --max-frontier 50 --method enumerate --max-outcomes 1e13 tests/data/big/enumerate_1e12.yaml &&
  contains "frontier limit" "$tmp/err" "(the enumerate method stopped there)"
run "--max-frontier 0" 2 "$bin" analyze --max-frontier 0 $ex

# a forecast with more actors than the cubic models take stops at once with the limit; within
# the limit, a signal stops the expected-utility model between two actors
python3 -c 'import random
random.seed(2)
print("actor,capability,position,salience")
for i in range(400): print("a%d,%d,%d,%d" % (i, random.randint(1, 100), random.randint(0, 100), random.randint(1, 100)))' >"$tmp/actors400.csv"
run "forecast over the actor limit" 3 "$bin" forecast "$tmp/actors400.csv" &&
  contains "forecast over the actor limit" "$tmp/err" "400 actors, more than the limit of 300 for the expected-utility and SMP models"
run "forecast --model mean has no actor limit" 0 "$bin" forecast --model mean "$tmp/actors400.csv"
run "backtest over the actor limit" 3 "$bin" backtest "$tmp/actors400.csv"
run "--max-actors 0" 2 "$bin" forecast --max-actors 0 "$tmp/actors400.csv" &&
  contains "--max-actors 0" "$tmp/err" "--max-actors needs a positive whole number, not '0'"
run "backtest --max-actors x" 2 "$bin" backtest --max-actors x tests/data/deu/small.csv
run "--resamples beyond the limit" 2 "$bin" backtest --resamples 1e12 tests/data/deu/small.csv &&
  contains "--resamples beyond the limit" "$tmp/err" "--resamples takes at most 1000000, not '1e12'"
interrupted "interrupted forecast" "$tmp/eu.txt" forecast --max-actors 400 --model eu-median "$tmp/actors400.csv"

# --- output that is valid JSON whatever the input -----------------------------------------
printf 'actor,capability,position,salience\na,0,10,50\nb,0,20,50\n' >"$tmp/cap0.csv"
run "every capability 0" 0 "$bin" forecast --json "$tmp/cap0.csv" &&
  if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); f={r["model"]: r for r in d["forecasts"]}
assert f["eu-median"]["forecast"] is None and "settled" not in f["eu-median"], f["eu-median"]
assert f["mean"]["forecast"] == 15' "$tmp/out"; then ok; else bad "every capability 0: the JSON is not as expected"; fi

# --- messages that say what is wrong -----------------------------------------------------
sed "0,/reservation: [0-9][0-9.]*/s//reservation: 1e400/" $ex >"$tmp/huge.yaml"
run "a number too large" 3 "$bin" validate "$tmp/huge.yaml" &&
  contains "a number too large" "$tmp/err" "reservation is out of range (a number's size must lie between about 1e-308 and 1e308): '1e400'"
printf 'issues:\n  - id: tax\n    range: {min: 0, max: 1, step: 1e-300}\nparties:\n  - id: a\n    weights: {tax: 1}\n    values: {tax: {points: [[0, 1], [1, 0]]}}\n' >"$tmp/step.yaml"
run "a tiny range step" 3 "$bin" validate "$tmp/step.yaml" &&
  contains "a tiny range step" "$tmp/err" "range of issue 'tax' gives about 1e+300 options, more than the limit of 10000"
printf 'name,description,-4,2\n' >"$tmp/ktab-count.csv"
run "KTAB actor count -4" 3 "$bin" forecast "$tmp/ktab-count.csv" &&
  contains "KTAB actor count -4" "$tmp/err" "the number of actors should be 2 to 100000, not '-4'"
printf 'actor,capability,position,salience\na,1,10,50\na,2,20,50\n' >"$tmp/dup-plain.csv"
run "an actor twice (plain)" 3 "$bin" forecast "$tmp/dup-plain.csv" &&
  contains "an actor twice (plain)" "$tmp/err" "dup-plain.csv:3:1: error: actor 'a' appears twice"
printf 'isnr,pcom,scom,pcom,scom,rp,out\nd1,10,50,20,50,0,30\n' >"$tmp/dup-deu.csv"
run "an actor twice (DEU)" 3 "$bin" forecast "$tmp/dup-deu.csv" &&
  contains "an actor twice (DEU)" "$tmp/err" "a second column 'pcom': actor 'com' appears twice"
sed 's/^South,/North,/' tests/data/ktab/small.csv >"$tmp/dup-ktab.csv"
run "an actor twice (KTAB)" 3 "$bin" forecast "$tmp/dup-ktab.csv" &&
  contains "an actor twice (KTAB)" "$tmp/err" "actor 'North' appears twice"
run "validate says a long enumeration is long" 0 "$bin" validate --max-outcomes 1e13 tests/data/big/enumerate_1e12.yaml &&
  matches "validate says a long enumeration is long" "$tmp/out" "note: should it come to enumerating every package, that takes roughly [0-9]+ (hours|days)"
genius_copy() { rm -rf "$tmp/$1" && mkdir "$tmp/$1" && cp tests/data/genius/*.xml "$tmp/$1/"; }
genius_copy gindex
sed -i '0,/issue index="1"/s//issue index="1e30"/' "$tmp/gindex/domain.xml"
run "GENIUS index 1e30" 3 "$bin" validate "$tmp/gindex" &&
  contains "GENIUS index 1e30" "$tmp/err" "attribute index of <issue> must be a whole number from -2147483648 to 2147483647, not '1e30'"
for v in nan -0.25; do
  genius_copy gweight
  sed -i "s/<weight index=\"1\" value=\"[^\"]*\"/<weight index=\"1\" value=\"$v\"/" "$tmp/gweight/buyer.xml"
  run "GENIUS weight $v" 3 "$bin" validate "$tmp/gweight"
  if grep -q "no <weight>" "$tmp/err"; then bad "GENIUS weight $v: also says there is no weight"; else ok; fi
done
genius_copy gutf16
python3 -c 'import sys
p = sys.argv[1]
s = open(p).read().replace("name=\"Colour\"", "name=\"&x;\"")
s = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<!DOCTYPE negotiation_template [<!ENTITY x \"Injected\">]>\n" + s
open(p, "wb").write(s.encode("utf-16"))' "$tmp/gutf16/domain.xml"
run "GENIUS UTF-16 DOCTYPE" 3 "$bin" validate --genius "$tmp/gutf16/domain.xml" "$tmp/gutf16/buyer.xml" "$tmp/gutf16/seller.xml" &&
  contains "GENIUS UTF-16 DOCTYPE" "$tmp/err" "DOCTYPE declarations (DTDs, entities) are not accepted in GENIUS files"
if [ "$(wc -l <"$tmp/err")" -eq 1 ]; then ok; else bad "GENIUS UTF-16 DOCTYPE: libxml2 printed too"; cat "$tmp/err"; fi
genius_copy gcomment
sed -i '1i <!-- a comment that mentions <!DOCTYPE x> -->' "$tmp/gcomment/domain.xml"
run "GENIUS DOCTYPE in a comment" 0 "$bin" validate "$tmp/gcomment"

# --- interruption -------------------------------------------------------------------------
# a signal during a long analysis stops it cleanly: a message, exit 128 + the signal, no
# output file and no temporary file
interrupted "interrupted analyze" "$tmp/long.txt" analyze --method enumerate --max-outcomes 1e13 \
  tests/data/big/enumerate_1e12.yaml
no_temp_files "interrupted analyze" "$tmp"

echo "cli reliability: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
