#!/usr/bin/env bash
# Accuracy benchmark: stacks with known z cut from the isotropic FIB-SEM sample cube along its
# native z axis, each solved by every method in one compare run, scored against the truth; the
# tables go to docs/accuracy.md. Not a timed test: see bench/README.md, section "Accuracy".
#
#   bench/accuracy/run.sh [--zspace build/bin/zspace] [--out DIR] [--variants LIST]
#                         [--seeds "1 2 3"] [--doc docs/accuracy.md] [--threads N]
#                         [--params METHOD='{key: value, ...}']...
#
# --variants: comma-separated methods of fixed-point-r10, fixed-point-r5, ceres-r10, calibrated-r2
#   (default: all whose solver plugin the binary finds; the others are left out with a message).
# --out: work folder for stacks and runs (default build/accuracy; replaced on every call, refused
#   if it holds anything else).
# --doc: where the tables are written ("-" prints them instead).
# --params: solver parameters of one method instead of the defaults (repeatable; default
#   none: the plugins' defaults).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
zspace=$root/build/bin/zspace
out=$root/build/accuracy
variants=""
seeds="1 2 3"
doc=$root/docs/accuracy.md
threads=0
declare -A params=()
volume=$root/tests/data/fibsem_medulla_iso10nm_s1

usage() {  # exit code; help goes to standard output, after a usage error to standard error
  if [[ $1 == 0 ]]; then sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; else sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//' >&2; fi
  exit "$1"
}
while [[ $# -gt 0 ]]; do
  case $1 in
    --zspace) zspace=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --variants) variants=$2; shift 2 ;;
    --seeds) seeds=$2; shift 2 ;;
    --doc) doc=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --params) [[ $2 == *=* ]] || { echo "run.sh: --params $2: expected METHOD={key: value}" >&2; exit 2; }
              params[${2%%=*}]=${2#*=}; shift 2 ;;
    -h|--help) usage 0 ;;
    *) echo "run.sh: unknown option $1" >&2; usage 2 ;;
  esac
done
[[ -x $zspace ]] || { echo "run.sh: --zspace $zspace: not an executable (build the zspace target)" >&2; exit 2; }
zspace=$(cd "$(dirname "$zspace")" && pwd)/$(basename "$zspace")

# The methods: the NCC band at range R, solved by one solver plugin with its defaults unless
# --params names others. Any choice made here is made on the top half only, the bottom half
# being the check against over-fitting.
variant_order=(fixed-point-r10 fixed-point-r5 ceres-r10 calibrated-r2)
declare -A range_of=([fixed-point-r10]=10 [fixed-point-r5]=5 [ceres-r10]=10 [calibrated-r2]=2)
declare -A solver_of=([fixed-point-r10]=fixed-point [fixed-point-r5]=fixed-point [ceres-r10]=ceres
                      [calibrated-r2]=calibrated)
variant_yaml() {
  local extra=${params[$1]:-}
  echo "{name: $1, similarity: {metric: ncc, neighborhood_range: ${range_of[$1]}}," \
    "solver: {name: ${solver_of[$1]}${extra:+, params: $extra}}}"
}

available_solvers=$("$zspace" plugins 2>/dev/null | awk '$1 == "solver" {print $2}')
chosen=()
if [[ -z $variants ]]; then
  for v in "${variant_order[@]}"; do
    if grep -qx "${solver_of[$v]}" <<<"$available_solvers"; then chosen+=("$v")
    else echo "run.sh: $v left out: solver plugin '${solver_of[$v]}' not found by $zspace" >&2; fi
  done
else
  IFS=, read -ra chosen <<<"$variants"
  for v in "${chosen[@]}"; do
    [[ -n ${solver_of[$v]:-} ]] || { echo "run.sh: --variants: unknown method '$v' (known: ${variant_order[*]})" >&2; exit 2; }
    grep -qx "${solver_of[$v]}" <<<"$available_solvers" ||
      { echo "run.sh: --variants: $v needs solver plugin '${solver_of[$v]}', which $zspace does not find" >&2; exit 2; }
  done
fi
[[ ${#chosen[@]} -gt 0 ]] || { echo "run.sh: no method to run" >&2; exit 2; }
for v in "${!params[@]}"; do
  [[ -n ${solver_of[$v]:-} ]] || { echo "run.sh: --params: unknown method '$v' (known: ${variant_order[*]})" >&2; exit 2; }
done

# The work folder is replaced only if it is empty or an earlier run's (it has the marker).
if [[ -e $out && -n $(ls -A "$out" 2>/dev/null) && ! -e $out/.accuracy-bench ]]; then
  echo "run.sh: --out $out: exists and is not an earlier accuracy run; choose another folder" >&2
  exit 2
fi
rm -rf "$out"
mkdir -p "$out/stacks" "$out/runs"
touch "$out/.accuracy-bench"
out=$(cd "$out" && pwd)

# The stacks. Each pattern fits in the cube's 250 slices with room for the start offsets that
# make the seeds of a pattern differ in texture too (uniform stacks differ only by them).
declare -A crop=([top]="0,0,250,125" [bottom]="0,125,250,125")
simulate() {  # half pattern seed options...
  local half=$1 pattern=$2 seed=$3
  shift 3
  "$zspace" simulate --volume "$volume" --crop "${crop[$half]}" --seed "$seed" \
    --output "$out/stacks/$half-$pattern-s$seed" "$@" >/dev/null
}
start=$(date +%s)
stacks=0
for half in top bottom; do
  for seed in $seeds; do
    k=$(( (seed - 1) % 3 ))
    simulate "$half" uniform "$seed" --sections 80 --pattern uniform --thickness 2 --start $((k * 40))
    simulate "$half" random "$seed" --sections 60 --pattern random --thickness 1:5 --start $((k * 15))
    simulate "$half" gaps "$seed" --sections 80 --pattern gaps --thickness 2 --gaps 3 \
      --gap-length $(( (seed - 1) % 2 + 1 )) --start $((k * 30))
    simulate "$half" drift "$seed" --sections 60 --pattern drift --thickness 3 --drift 0.5 --start $((k * 10))
    # Noisy and low-contrast sections at places that move with the seed.
    simulate "$half" defects "$seed" --sections 60 --pattern random --thickness 1:5 --start $((k * 15)) \
      --noisy $((5 + seed)),$((24 + 2 * seed)),$((44 + seed)) \
      --low-contrast $((14 + seed)),$((33 + seed)),$((51 + seed))
    stacks=$((stacks + 5))
  done
done
echo "run.sh: $stacks stacks in $(( $(date +%s) - start )) s" >&2

pipeline=$out/compare.yaml
{
  echo "version: 1"
  echo "input: {path: stack}"
  echo "similarity: {metric: ncc, neighborhood_range: 10}"
  echo "solver: {name: fixed-point}"
  echo "output: {dir: out, report: false}"
  echo "variants:"
  for v in "${chosen[@]}"; do echo "  - $(variant_yaml "$v")"; done
} >"$pipeline"

start=$(date +%s)
for stack in "$out"/stacks/*; do
  name=$(basename "$stack")
  run=$out/runs/$name
  "$zspace" run "$pipeline" --quiet --threads "$threads" --input "$stack" --output "$run" \
    --set "truth=$stack/truth.csv" >/dev/null
  # compare.csv has the scores; the span of absolute positions comes from zspace evaluate.
  for v in "${chosen[@]}"; do
    "$zspace" evaluate --json --truth "$stack/truth.csv" "$run/$v" >"$run/$v/evaluation.json"
  done
  echo "run.sh: $name done" >&2
done
seconds=$(( $(date +%s) - start ))
echo "run.sh: runs took $seconds s" >&2

/usr/bin/python3 "$here/tables.py" --runs "$out/runs" --stacks "$out/stacks" --pipeline "$pipeline" \
  --methods "$(IFS=,; echo "${chosen[*]}")" --zspace "$zspace" --seconds "$seconds" --doc "$doc"
