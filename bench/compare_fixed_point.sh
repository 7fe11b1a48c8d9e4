#!/usr/bin/env bash
# Times the C++ fixed-point solver (Google Benchmark, bench/bench_fixed_point.cpp) and the numpy
# peer (bench/peers/fixed_point_numpy.py) on the same synthetic bands (R = 10, default options:
# 100 outer iterations, K = 10) in the same run, and prints N | C++ | numpy | ratio (medians).
#
# Usage, from anywhere:
#   bench/compare_fixed_point.sh [--build-dir DIR] [--repeats K] [--sizes "1000 10000"]
#                                [--numpy-budget SECONDS] [--cross-check]
#   --build-dir     CMake build folder (default: build). Configured with
#                   `cmake -S . -B DIR -G Ninja -DCMAKE_BUILD_TYPE=Release` if it does not exist;
#                   the benchmark target is (re)built every time.
#   --repeats       repetitions for each timing (C++: --benchmark_repetitions; numpy: --repeat);
#                   medians are reported (default 3).
#   --sizes         section counts N (default "1000 10000 100000"); the numpy peer runs a size
#                   only if one run is predicted (linear in N from the previous size) to take
#                   under --numpy-budget seconds (default 300; once only if repeats would not
#                   fit), otherwise "skipped".
#   --cross-check   also compile bench/peers/fixed_point_dump.cpp against the C++ core and
#                   report max |z_numpy - z_cpp| on each size that numpy ran (bit-identical input).
# Environment: PYTHON (default /usr/bin/python3, Debian's, with python3-numpy).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=build
repeats=3
sizes="1000 10000 100000"
budget=300
cross=0
while [[ $# -gt 0 ]]; do
  case $1 in
    --build-dir) build=$2; shift 2 ;;
    --repeats) repeats=$2; shift 2 ;;
    --sizes) sizes=$2; shift 2 ;;
    --numpy-budget) budget=$2; shift 2 ;;
    --cross-check) cross=1; shift ;;
    -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
[[ $build = /* ]] || build=$root/$build
py=${PYTHON:-/usr/bin/python3}
peer=$root/bench/peers/fixed_point_numpy.py
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# --- build -------------------------------------------------------------------------------------
if [[ ! -f $build/CMakeCache.txt ]]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >"$work/configure.log" ||
    { cat "$work/configure.log"; exit 1; }
fi
cmake --build "$build" --target zspace-bench-fixed-point >"$work/build.log" 2>&1 ||
  { tail -40 "$work/build.log"; echo "build of zspace-bench-fixed-point failed" >&2; exit 1; }
bench=$build/bin/zspace-bench-fixed-point
[[ -x $bench ]] || { echo "no $bench (is Google Benchmark installed? ZSPACE_BUILD_BENCH=ON?)" >&2; exit 1; }
if (( cross )); then
  c++ -std=c++20 -O2 -I"$root/plugins/fixed-point" -I"$root/framework/include" \
    "$root/bench/peers/fixed_point_dump.cpp" "$build/lib/libzspace-fixed-point-core.a" -ltbb \
    -o "$work/fixed_point_dump"
fi
echo "# $(nproc) cores; C++: $bench; numpy: $("$py" -c 'import numpy; print(numpy.__version__)') ($py)"

# --- C++: one benchmark process for all sizes, medians of --repeats ------------------------------
filter=$(echo "$sizes" | tr ' ' '\n' | sed '/^$/d' | paste -sd'|')
"$bench" --benchmark_filter="BM_FixedPointDefaults/($filter)/" \
  --benchmark_repetitions="$repeats" --benchmark_report_aggregates_only=true \
  --benchmark_format=csv 2>/dev/null >"$work/cpp.csv"
cpp_ms() {  # median real time in ms for N (the single run when --repeats 1)
  awk -F, -v n="$1" '
    $1 ~ "BM_FixedPointDefaults/"n"/real_time_median\"?$" {median = $3}
    $1 ~ "BM_FixedPointDefaults/"n"/real_time\"?$" {single = $3}
    END {print (median != "" ? median : single)}' "$work/cpp.csv"
}

# --- numpy + table ------------------------------------------------------------------------------
printf '%-8s | %12s | %12s | %8s%s\n' N "C++ (ms)" "numpy (ms)" ratio "$( ((cross)) && echo ' | max|dz|')"
prev_n=0 prev_s=0
for n in $sizes; do
  c=$(cpp_ms "$n")
  [[ -n $c ]] || { echo "no C++ timing for N = $n" >&2; exit 1; }
  np_ms=skipped ratio=- dz=-
  predicted=0
  if (( prev_n > 0 )); then
    predicted=$(awk -v s="$prev_s" -v a="$prev_n" -v b="$n" 'BEGIN{print int(s*b/a)}')
  fi
  if (( predicted <= budget )); then
    reps=$repeats
    (( predicted * repeats > budget )) && reps=1   # one run only for a long size
    args=(--synthetic "$n" --range 10 --repeat "$reps" --json)
    (( cross )) && args+=(--z-out "$work/z_numpy.txt")
    s=$("$py" "$peer" "${args[@]}" | "$py" -c 'import json,sys; print(json.load(sys.stdin)["median_s"])')
    np_ms=$(awk -v s="$s" 'BEGIN{printf "%.1f", s*1000}')
    ratio=$(awk -v a="$np_ms" -v b="$c" 'BEGIN{printf "%.0fx", a/b}')
    prev_n=$n prev_s=$s
    if (( cross )); then
      "$py" -c "import sys; sys.path.insert(0, '$root/bench/peers'); import fixed_point_numpy as f
f.synthetic_strip($n, 10).astype('<f8').tofile('$work/strip.f64')"
      "$work/fixed_point_dump" "$work/strip.f64" "$n" 10 100 >"$work/z_cpp.txt"
      dz=$("$py" -c "import numpy as np; print('%.3g' % np.max(np.abs(np.loadtxt('$work/z_numpy.txt') - np.loadtxt('$work/z_cpp.txt'))))")
    fi
  fi
  printf '%-8s | %12s | %12s | %8s%s\n' "$n" "$(printf '%.1f' "$c")" "$np_ms" "$ratio" "$( ((cross)) && echo " | $dz")"
done
