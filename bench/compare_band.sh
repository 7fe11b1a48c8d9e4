#!/usr/bin/env bash
# Times the similarity band of zspace (Google Benchmark, bench/bench_band.cpp, and the whole
# `zspace similarity` process) against numpy / scikit-image peers (bench/peers/band_numpy.py)
# on one synthetic 8-bit stack of TIFF files, in one run, and prints the ratios.
#
# Usage, from anywhere (builds nothing; build the targets zspace and zspace-bench-band first):
#   bench/compare_band.sh [BUILD_DIR] [--sections N] [--size S] [--range R] [--pairs K]
#                         [--repeats K] [--keep DIR]
#   BUILD_DIR    CMake build folder, relative to the repository root or absolute (default: build)
#   --sections   sections of the generated stack (default 150)
#   --size       their width and height (default 768: 150 x 768^2 is 84 MiB, more than L3)
#   --range      neighbourhood range R (default 10)
#   --pairs      pairs timed for each scikit-image peer (default 12; the time per pair is compared,
#                and the full band extrapolated from it)
#   --repeats    runs of each timed process and benchmark repetitions; medians are reported
#                (default 3)
#   --keep DIR   write the stack into DIR and keep it (default: a temporary folder, removed)
# Environment: PYTHON (default /usr/bin/python3, Debian's, with python3-numpy, python3-pil and
# python3-skimage).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=build sections=150 size=768 range=10 pairs=12 repeats=3 keep=
while [[ $# -gt 0 ]]; do
  case $1 in
    --sections) sections=$2; shift 2 ;;
    --size) size=$2; shift 2 ;;
    --range) range=$2; shift 2 ;;
    --pairs) pairs=$2; shift 2 ;;
    --repeats) repeats=$2; shift 2 ;;
    --keep) keep=$2; shift 2 ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    -*) echo "compare_band.sh: unknown argument: $1" >&2; exit 2 ;;
    *) build=$1; shift ;;
  esac
done
[[ $build = /* ]] || build=$root/$build
py=${PYTHON:-/usr/bin/python3}
zspace=$build/bin/zspace
bench=$build/bin/zspace-bench-band
for exe in "$zspace" "$bench"; do
  [[ -x $exe ]] || {
    echo "compare_band.sh: no $exe: cmake --build $build --target zspace zspace-bench-band" >&2
    exit 1
  }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
stack=${keep:-$work/stack}

seconds_since() { echo "$(( $(date +%s%N) - $1 ))" | awk '{printf "%.4f", $1 / 1e9}'; }

versions=$("$py" -c 'import numpy, skimage; print("numpy", numpy.__version__, "scikit-image", skimage.__version__)')
echo "# $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $versions"
echo "# generating $sections sections of ${size}x$size (8-bit TIFF) in $stack ..."
"$py" "$root/bench/peers/make_band_stack.py" "$stack" --sections "$sections" --size "$size"

echo "# zspace-bench-band (Google Benchmark, median of $repeats) ..."
"$bench" --stack "$stack" --range "$range" --benchmark_repetitions="$repeats" --benchmark_report_aggregates_only=true \
  --benchmark_out="$work/bench.json" --benchmark_out_format=json >"$work/bench.txt" 2>"$work/bench.err" ||
  { cat "$work/bench.err" "$work/bench.txt"; exit 1; }
grep -i "^skipping\|^stack" "$work/bench.err" | sed 's/^/# /' || true

# The whole process, TIFF reading included: `zspace similarity` where it exists.
command=(run "$root/configs/default.yaml")
if "$zspace" similarity --help >/dev/null 2>&1; then command=(similarity "$root/configs/default.yaml"); fi
echo "# zspace ${command[0]} (whole process, $repeats runs) ..."
: >"$work/cli.txt"
for ((k = 0; k < repeats; ++k)); do
  start=$(date +%s%N)
  "$zspace" "${command[@]}" --input "$stack" --output "$work/out" --quiet \
    --set "similarity.neighborhood_range=$range" >/dev/null
  seconds_since "$start" >>"$work/cli.txt"; echo >>"$work/cli.txt"
done

echo "# numpy peer (whole script, $repeats runs) ..."
: >"$work/numpy.txt"; : >"$work/numpy.jsonl"
for ((k = 0; k < repeats; ++k)); do
  start=$(date +%s%N)
  "$py" "$root/bench/peers/band_numpy.py" "$stack" --range "$range" --check "$work/out/similarity.tif" \
    >>"$work/numpy.jsonl"
  seconds_since "$start" >>"$work/numpy.txt"; echo >>"$work/numpy.txt"
done

bins=$("$zspace" plugins --json 2>/dev/null | "$py" -c '
import json, sys
for p in json.load(sys.stdin):
    if p["name"] == "mutual-information":
        print(next(q["default"] for q in p["parameters"] if q["name"] == "bins"))
' || true)
echo "# scikit-image peers ($pairs pairs each${bins:+, MI with $bins bins}) ..."
"$py" "$root/bench/peers/band_numpy.py" "$stack" --range "$range" --mode pairs --pairs "$pairs" \
  ${bins:+--bins "$bins"} >"$work/pairs.json"

"$py" - "$work" "$range" <<'PY'
import json, statistics, sys

work, r = sys.argv[1], int(sys.argv[2])
bench = {}  # name -> (median wall seconds, benchmark record)
for b in json.load(open(work + "/bench.json"))["benchmarks"]:
    if b.get("aggregate_name", "median") == "median":
        scale = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}[b["time_unit"]]
        name = b["run_name"].replace("/process_time", "").replace("/real_time", "")
        bench[name] = (b["real_time"] * scale, b)
cli = statistics.median(float(x) for x in open(work + "/cli.txt").read().split())
whole = statistics.median(float(x) for x in open(work + "/numpy.txt").read().split())
runs = [json.loads(line) for line in open(work + "/numpy.jsonl")]
numpy_band = statistics.median(run["band_s"] for run in runs)
peers = json.load(open(work + "/pairs.json"))
total_pairs = runs[0]["pairs"]


def text(s):
    return "%.1f ms" % (s * 1e3) if s < 1 else "%.2f s" % s


def row(label, ours="", theirs="", ratio="", goal=""):
    print("%-42s %11s %11s %9s  %s" % (label, ours, theirs, ratio, goal))


floor = bench["read_floor"][0]
stack_bytes = bench["read_floor"][1]["stack_MiB"] * 2 ** 20
print("\nstack: %d sections, %.1f MiB at native depth, R = %d, %d pairs"
      % (runs[0]["sections"], stack_bytes / 2 ** 20, r, total_pairs))
print("streaming read: %.2f GB/s, so the read floor (stack bytes / bandwidth) is %s"
      % (stack_bytes / floor / 1e9, text(floor)))
print("numpy NCC band = zspace similarity.tif (float32) to %.1e\n" % runs[0]["max_abs_diff"])
row("", "zspace", "peer", "ratio", "goal")
if "band/ncc" in bench:
    ncc = bench["band/ncc"][0]
    row("NCC band, in memory", text(ncc), text(numpy_band), "%.0fx" % (numpy_band / ncc), ">= 25x")
    row("NCC band / read floor", text(ncc), text(floor), "%.2fx" % (ncc / floor), "<= 2x")
    if "band_handed_over/ncc" in bench:
        handed = bench["band_handed_over/ncc"][0]
        row("  sections handed over / read floor", text(handed), text(floor), "%.2fx" % (handed / floor))
    if "compare/ncc" in bench:
        compare = bench["compare/ncc"][0]
        row("  compare_many alone / read floor", text(compare), text(floor), "%.2fx" % (compare / floor))
    # The band's multiply-adds at the rate the arithmetic reaches with every byte in L1
    # (bench/ncc_ceiling.hpp): no schedule of the band can be faster with that instruction mix.
    products = total_pairs * stack_bytes / runs[0]["sections"]  # 8-bit stack: bytes = pixels
    for name, label in (("ceiling/ncc_kernel_l1", "  arithmetic alone, ncc kernel in cache"),
                        ("ceiling/exact_4op_l1", "  arithmetic alone, cheapest exact form")):
        key = next((k for k in bench if k.startswith(name)), None)
        if key:
            seconds = products / bench[key][1]["products"]
            row(label, text(seconds), text(floor), "%.2fx" % (seconds / floor))
row("whole process, TIFFs read (ncc)", text(cli), text(whole), "%.1fx" % (whole / cli), ">= 10x")
for metric, key in (("fft-correlation", "fft_s_per_pair"), ("mutual-information", "mi_s_per_pair")):
    if "band/" + metric not in bench:
        row(metric + " per pair", "skipped", "", "", "(no such plugin)")
        continue
    seconds, record = bench["band/" + metric]
    ours, theirs = seconds / record["pairs"], peers[key]
    row(metric + " per pair", "%.2f ms" % (ours * 1e3), "%.1f ms" % (theirs * 1e3), "%.1fx" % (theirs / ours),
        ">= 10x")
    row("  full band, extrapolated", text(ours * total_pairs), text(theirs * total_pairs))
slow_pairs = [record["pairs"] for name, (_, record) in bench.items() if name in
              ("band/fft-correlation", "band/mutual-information")]
print("""
zspace: zspace-bench-band's band/<metric> (compute_band over the stack in memory: copy out of the
reader, prepare, compare; fft-correlation and mutual-information over the first rows only, %s
pairs, per pair) and the wall time of the whole `zspace similarity` (or `run`) process.
"Handed over": the same band from sections decoded beforehand, not copied. "Arithmetic alone":
the band's multiply-adds at the rate reached with all data in L1, on all cores (ceiling/*).
Peers: bench/peers/band_numpy.py; its NCC band excludes reading the TIFFs; scikit-image's
phase_cross_correlation and normalized_mutual_information timed on %d pairs, per pair."""
      % (int(slow_pairs[0]) if slow_pairs else "-", peers["pairs_timed"]))
PY
