#!/usr/bin/env bash
# Peak memory of `zspace similarity` (the band of the default pipeline) on a large synthetic
# 8-bit stack on disk: the band engine streams the stack, so the peak resident set size should
# not grow with the number of sections.
#
# Usage, from anywhere (builds nothing; build the target zspace first):
#   bench/rss_band.sh [BUILD_DIR] [--sections N] [--size S] [--config FILE] [--keep DIR]
#   BUILD_DIR   CMake build folder, relative to the repository root or absolute (default: build)
#   --sections  sections of the generated stack (default 2000)
#   --size      their width and height (default 1024: 2000 x 1024^2 is 2 GiB of TIFF files)
#   --config    pipeline (default configs/default.yaml)
#   --keep DIR  write the stack into DIR and keep it, or reuse it if DIR already holds one
#               (default: a temporary folder under TMPDIR or /tmp, removed at the end)
# Prints the wall time and the "Maximum resident set size" of GNU time (/usr/bin/time -v).
# Environment: PYTHON (default /usr/bin/python3, Debian's, with python3-numpy and python3-pil).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=build sections=2000 size=1024 config=$root/configs/default.yaml keep=
while [[ $# -gt 0 ]]; do
  case $1 in
    --sections) sections=$2; shift 2 ;;
    --size) size=$2; shift 2 ;;
    --config) config=$2; shift 2 ;;
    --keep) keep=$2; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    -*) echo "rss_band.sh: unknown argument: $1" >&2; exit 2 ;;
    *) build=$1; shift ;;
  esac
done
[[ $build = /* ]] || build=$root/$build
py=${PYTHON:-/usr/bin/python3}
zspace=$build/bin/zspace
[[ -x $zspace ]] || { echo "rss_band.sh: no $zspace: cmake --build $build --target zspace" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { echo "rss_band.sh: needs GNU time (/usr/bin/time, Debian package time)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
stack=${keep:-$work/stack}

if [[ -n $keep && -f $keep/section_$(printf %04d $((sections - 1))).tif ]]; then
  echo "# reusing the stack in $stack"
else
  echo "# generating $sections sections of ${size}x$size (8-bit TIFF) in $stack ..."
  "$py" "$root/bench/peers/make_band_stack.py" "$stack" --sections "$sections" --size "$size"
fi
echo "# $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); stack $(du -sh "$stack" | cut -f1)"

command=(run "$config")
if "$zspace" similarity --help >/dev/null 2>&1; then command=(similarity "$config"); fi
/usr/bin/time -v -o "$work/time.txt" "$zspace" "${command[@]}" --input "$stack" --output "$work/out" --quiet \
  >/dev/null
wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time.txt")
rss_kib=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.txt")
echo "zspace ${command[0]}: $sections sections of ${size}x$size, wall $wall, peak RSS $((rss_kib / 1024)) MiB ($rss_kib KiB)"
