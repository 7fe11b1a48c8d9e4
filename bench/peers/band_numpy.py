#!/usr/bin/python3
"""The similarity band as a careful numpy / scikit-image user computes it: the peers of
zspace-bench-band (bench/compare_band.sh runs both).

--mode ncc (the default): reads the stack's TIFFs with PIL and computes the whole NCC band
  (R lags): stack as float64, each section minus its mean and divided by its norm, then one
  np.einsum('ij,ij->i', z[:-lag], z[lag:]) per lag. Prints JSON: read_s, band_s, pairs and,
  with --check, max_abs_diff against zspace's similarity.tif.
--mode pairs: times skimage.registration.phase_cross_correlation (FFT) and
  skimage.metrics.normalized_mutual_information (MI) on --pairs band pairs (spread over the
  stack and over lags 1..R) and prints JSON with the mean seconds per pair of each; a full
  band of them takes many minutes, so the time per pair is what to compare.

    /usr/bin/python3 bench/peers/band_numpy.py STACK_DIR [--range 10] [--mode ncc|pairs]
                                               [--pairs 12] [--bins 64] [--check similarity.tif]
"""
import argparse
import json
import os
import re
import time

import numpy as np
from PIL import Image


def natural_key(name):
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name)]


def read_stack(folder):
    names = sorted((n for n in os.listdir(folder) if n.lower().endswith((".tif", ".tiff", ".png"))),
                   key=natural_key)
    if not names:
        raise SystemExit("band_numpy.py: no TIFF or PNG files in %s" % folder)
    return np.stack([np.asarray(Image.open(os.path.join(folder, n))) for n in names])


def ncc_band(stack, r):
    """band[i, d] = NCC of sections i and i+d (d = 1..R; NaN past the end)."""
    n = stack.shape[0]
    z = stack.reshape(n, -1).astype(np.float64)
    z -= z.mean(axis=1, keepdims=True)
    z /= np.linalg.norm(z, axis=1, keepdims=True)
    band = np.full((n, r + 1), np.nan)
    band[:, 0] = 1.0
    for lag in range(1, min(r, n - 1) + 1):
        band[:-lag, lag] = np.einsum("ij,ij->i", z[:-lag], z[lag:])
    return band


def max_abs_diff(band, similarity_tif):
    """zspace's similarity.tif is a strip: row i holds sections i-R .. i+R."""
    strip = np.asarray(Image.open(similarity_tif), dtype=np.float64)
    r = band.shape[1] - 1
    if strip.shape != (band.shape[0], 2 * r + 1):
        raise SystemExit("band_numpy.py: %s is %s, expected %d x %d" % (similarity_tif, strip.shape,
                                                                        band.shape[0], 2 * r + 1))
    theirs = strip[:, r + 1:]
    ours = band[:, 1:]
    known = np.isfinite(ours) & np.isfinite(theirs)
    return float(np.max(np.abs(ours[known] - theirs[known])))


def sample_pairs(n, r, count):
    """count pairs (i, i+d), i spread over the stack, d cycling through 1..R."""
    pairs = []
    for q in range(count):
        d = 1 + q % r
        i = (q * (n - d)) // max(count, 1)
        pairs.append((i, i + d))
    return pairs


def time_pairs(function, stack, pairs):
    start = time.perf_counter()
    for i, j in pairs:
        function(stack[i], stack[j])
    return (time.perf_counter() - start) / len(pairs)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stack", help="folder of 8/16-bit TIFF or PNG sections")
    parser.add_argument("--range", type=int, default=10, help="neighbourhood range R")
    parser.add_argument("--mode", choices=["ncc", "pairs"], default="ncc")
    parser.add_argument("--pairs", type=int, default=12, help="pairs timed per skimage function")
    parser.add_argument("--bins", type=int, default=64, help="histogram bins of the MI peer")
    parser.add_argument("--check", help="zspace similarity.tif to compare the NCC band with")
    args = parser.parse_args()

    start = time.perf_counter()
    stack = read_stack(args.stack)
    read_s = time.perf_counter() - start
    n = stack.shape[0]
    result = {"sections": n, "read_s": read_s}
    if args.mode == "ncc":
        start = time.perf_counter()
        band = ncc_band(stack, args.range)
        result["band_s"] = time.perf_counter() - start
        result["pairs"] = int(np.isfinite(band[:, 1:]).sum())
        if args.check:
            result["max_abs_diff"] = max_abs_diff(band, args.check)
    else:
        from skimage.metrics import normalized_mutual_information
        from skimage.registration import phase_cross_correlation

        pairs = sample_pairs(n, args.range, args.pairs)
        result["pairs_timed"] = len(pairs)
        result["fft_s_per_pair"] = time_pairs(phase_cross_correlation, stack, pairs)
        result["mi_s_per_pair"] = time_pairs(
            lambda a, b: normalized_mutual_information(a, b, bins=args.bins), stack, pairs)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
