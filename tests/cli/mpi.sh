#!/usr/bin/env bash
# parley-mpi: a tournament shared between 3 processes on this machine (--oversubscribe, so two
# cores do) writes the same rows file, byte for byte, as `parley tournament` on threads; and
# --resume under MPI goes on from a cut file. Usage: mpi.sh PARLEY PARLEY_MPI REPO_ROOT
set -u
bin=$1
mpi=$2
root=$3
cd "$root" || exit 1
. tests/cli/lib.sh
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_btl_vader_single_copy_mechanism=none
A=../shared/data/anac
agents="boulware conceder linear hardliner tit-for-tat micro random"
doms="$A/y2010/EnglandZimbabwe $A/y2010/ItexvsCypress $A/y2011/Laptop"

run "threaded tournament" 0 "$bin" tournament --agents "$agents" --repetitions 3 --out "$tmp/threads.csv" $doms
run "3 MPI processes" 0 mpirun --oversubscribe -n 3 "$mpi" tournament --agents "$agents" --repetitions 3 --out "$tmp/mpi.csv" $doms &&
  if cmp -s "$tmp/threads.csv" "$tmp/mpi.csv"; then ok; else bad "3 MPI processes: not the threaded run's rows"; fi &&
  contains "3 MPI processes" "$tmp/out" "parley tournament: 441 negotiations, 7 agents"
head -c 20000 "$tmp/threads.csv" >"$tmp/cut.csv"
run "MPI --resume" 0 mpirun --oversubscribe -n 3 "$mpi" tournament --resume --agents "$agents" --repetitions 3 --out "$tmp/cut.csv" $doms &&
  if cmp -s "$tmp/threads.csv" "$tmp/cut.csv"; then ok; else bad "MPI --resume: not the threaded run's rows"; fi
# other commands run once, on the first process
run "MPI validate" 0 mpirun --oversubscribe -n 2 "$mpi" validate examples/ukraine-framework.yaml &&
  if [ "$(grep -c ': ok' "$tmp/out")" -eq 1 ]; then ok; else bad "MPI validate: not one report"; fi

echo "cli mpi: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
