#!/usr/bin/python3
"""Peer implementation of the `fixed-point` z-spacing solver in Python/numpy.

Purpose: an independent cross-check of plugins/fixed-point (C++) and a speed reference for
bench/compare_fixed_point.sh. It implements /work/shared/ALGORITHM.md §3 (the published
fixed-point inference, InferFromMatrix.estimateZCoordinates) with the same options, defaults and
§8 decisions as plugins/fixed-point/core/infer.hpp:

  * defaults = the Fiji plugin's: 100 outer iterations, shift proportion α = 0.6, K = 10 inner
    Gauss–Seidel sweeps, inner regularisation λ = 0.1, quality prior "one" (Tikhonov towards 1),
    reordering allowed, force_monotonicity on, δ = 1e-9, global curve, BORDER (pin the ends),
    minimum similarity 0, update anchor μ = 0;
  * stable argsort keyed on (z, original index) (§8.4);
  * NaN-aware linear interpolation: a corner with zero weight is never read (§4, §8.5), so the
    last sorted section keeps its fit samples and ρ(R) = f[R]; everything outside the band
    |i-j| <= R (original indices) is missing (§8.8);
  * symmetric scaling-factor neighbourhood [p-R, p+R] \\ {p} (§8.6);
  * both vote directions weight alike and drop non-finite distances; NaN entries of f are
    bridged in the inverse (§8.7); the inverse's bracket is "largest j in [0, n-2] with
    g[j] <= y" (std::upper_bound semantics, also for a non-monotone curve);
  * a section without votes keeps its position; a NaN scaling-factor update is skipped.

Implementation notes.
  * Everything that is naturally data-parallel is vectorised over sections with numpy: the
    sorted band, the curve fit (both directions, all distances at once; forced monotonicity
    via a running minimum), the ρ table, the shift votes and their mediation (np.bincount).
  * The scaling-factor estimation is a faithful Gauss–Seidel sweep, i.e. a Python loop over the
    sorted sections with numpy over the 2R+1 neighbours (m_q of q < p already updated in the
    current sweep). This loop dominates the run time.
  * Only the global curve is implemented (local_curve_windows = 1, the default); local curves
    raise NotImplementedError.

Input: the float32 (2R+1)-wide, N-high strip TIFF that `zspace run` writes as similarity.tif
(row i = similarities of section i with sections i-R..i+R, NaN outside), or the synthetic band
of bench/bench_fixed_point.cpp (same formula, computed with the C library's sin/exp via `math`).

Uses only Debian's python3-numpy (+ python3-pil for TIFF input). Run with /usr/bin/python3.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time

import numpy as np

NAN = float("nan")


# --------------------------------------------------------------------------------------------
# Inputs
# --------------------------------------------------------------------------------------------

def read_strip_tiff(path: str) -> np.ndarray:
    """similarity.tif -> float64 strip, shape (N, 2R+1); strip[i, R+o] = M(i, i+o)."""
    from PIL import Image  # python3-pil

    with Image.open(path) as im:
        strip = np.array(im, dtype=np.float64)
    if strip.ndim != 2 or strip.shape[1] % 2 != 1:
        raise ValueError(f"{path}: expected a (2R+1)-wide strip, got shape {strip.shape}")
    return strip


def synthetic_strip(n: int, r: int) -> np.ndarray:
    """The band of bench/bench_fixed_point.cpp: M_ij = exp(-|z_i - z_j| / 3) for an irregular z
    (spacing 1 ± 0.35) with a gap of 1.5 after section N/2 - 1; diagonal 1; NaN outside.
    Computed with math.sin/math.exp (the C library, like std::sin/std::exp) so that the values
    are the C++ benchmark's to the last bit."""
    z = [0.0] * n
    pos = 0.0
    for i in range(n):
        z[i] = pos
        x = float(i)
        pos += 1.0 + 0.2 * math.sin(0.37 * x) + 0.15 * math.sin(12.9898 * x + 1.0)
        if i + 1 == n // 2:
            pos += 1.5
    strip = np.full((n, 2 * r + 1), np.nan)
    strip[:, r] = 1.0
    exp = math.exp
    for i in range(n):
        zi = z[i]
        for d in range(1, r + 1):
            j = i + d
            if j >= n:
                break
            v = exp(-abs(zi - z[j]) / 3.0)
            strip[i, r + d] = v
            strip[j, r - d] = v
    return strip


# --------------------------------------------------------------------------------------------
# Options (plugins/fixed-point/core/options.hpp)
# --------------------------------------------------------------------------------------------

DEFAULTS = dict(
    outer_iterations=100,
    shift_proportion=0.6,        # α = 1 - Fiji "outer_regularization" (0.4)
    inner_iterations=10,         # K
    inner_regularization=0.1,    # λ
    quality_prior="one",         # "one": towards 1; "previous": damping towards m_old
    allow_reordering=True,
    force_monotonicity=True,
    min_section_thickness=1e-9,  # δ
    local_curve_windows=1,
    border="pin-ends",           # or "none"
    min_similarity=0.0,
    update_anchor=0.0,           # μ
)


# --------------------------------------------------------------------------------------------
# The algorithm
# --------------------------------------------------------------------------------------------

def sorted_band(strip: np.ndarray, order: np.ndarray) -> np.ndarray:
    """M̂[p, R+o] = M[π(p), π(p+o)] if both exist and |π(p) - π(p+o)| <= R, else NaN."""
    n, w = strip.shape
    r = w // 2
    p = np.arange(n)[:, None]
    q = p + np.arange(-r, r + 1)[None, :]
    valid = (q >= 0) & (q < n)
    i = order[p]
    j = order[np.clip(q, 0, n - 1)]
    d = j - i
    valid &= np.abs(d) <= r
    vals = strip[np.broadcast_to(i, d.shape), np.clip(r + d, 0, w - 1)]
    return np.where(valid, vals, np.nan)


def scaled_band(mhat: np.ndarray, m: np.ndarray) -> np.ndarray:
    """Ŝ[p, R+o] = m_p m_q M̂_pq (q = p+o), Ŝ_pp = M̂_pp; NaN outside."""
    n, w = mhat.shape
    r = w // 2
    mpad = np.concatenate([np.ones(r), m, np.ones(r)])
    idx = np.arange(n)[:, None] + np.arange(w)[None, :]   # index of m_q in mpad
    s = (m[:, None] * mpad[idx]) * mhat                    # (m_p m_q) M̂_pq, as in C++
    s[:, r] = mhat[:, r]
    return s


def _gather(s: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Ŝ at sorted row `rows`, sorted column `cols`; NaN outside the band or the matrix."""
    n, w = s.shape
    r = w // 2
    off = cols - rows + r
    ok = (off >= 0) & (off < w) & (cols >= 0) & (cols < n)
    out = s[rows, np.clip(off, 0, w - 1)]
    return np.where(ok, out, np.nan)


def _accept(a: np.ndarray, monotone: bool, lower: float) -> np.ndarray:
    """Step 1 / step 4 acceptance along axis 1: a > lower (NaN rejected) and, if monotone,
    strictly below the last accepted value. The last accepted value equals the running minimum
    of all earlier values > lower, so this is an exclusive prefix minimum."""
    ok = a > lower
    if not monotone:
        return ok
    v = np.where(ok, a, np.inf)
    prefix = np.minimum.accumulate(v, axis=1)
    last = np.concatenate([np.full((a.shape[0], 1), np.inf), prefix[:, :-1]], axis=1)
    return ok & (a < last)


def fit_curve(s: np.ndarray, chat: np.ndarray, monotone: bool) -> np.ndarray:
    """Step 1, global fit: f[k] = mean of accepted samples Ŝ~(L^-1(ĉ_p ± k), p), f[0] = 1."""
    n, w = s.shape
    r = w // 2
    k = np.arange(r + 1, dtype=np.float64)[None, :]
    p = np.broadcast_to(np.arange(n)[:, None], (n, r + 1))
    total = np.zeros(r + 1)
    count = np.zeros(r + 1)
    with np.errstate(invalid="ignore", divide="ignore"):
        for sign in (1.0, -1.0):
            x = chat[:, None] + sign * k if sign > 0 else chat[:, None] - k
            j = np.searchsorted(chat, x, side="right") - 1     # largest j with ĉ_j <= x
            if sign < 0:
                j = np.minimum(j, p)   # C++ walks down from p: ties at k = 0 stay at p
            outside = j < 0
            jc = np.clip(j, 0, n - 1)
            cj = chat[jc]
            exact = x == cj
            j1 = np.minimum(jc + 1, n - 1)
            outside |= ~exact & (jc + 1 >= n)                  # beyond ĉ_{N-1}: L^-1 = +inf
            t = np.where(exact, 0.0, (x - cj) / (chat[j1] - cj))
            a0 = _gather(s, p, jc)
            a1 = _gather(s, p, j1)
            a = np.where(exact, a0, (1.0 - t) * a0 + t * a1)  # NaN-aware: t = 0 reads one corner
            a[outside] = np.nan
            acc = _accept(a, monotone, 0.0)
            total += np.where(acc, a, 0.0).sum(axis=0)
            count += acc.sum(axis=0)
        f = np.where(count > 0, total / np.where(count > 0, count, 1.0), np.nan)
    f[0] = 1.0
    return f


def interpolate_curve(f: np.ndarray, d: np.ndarray) -> np.ndarray:
    """f at real distances d, NaN-aware: NaN for d > R or d < 0 (or NaN), f(R) = f[R]."""
    r = len(f) - 1
    ok = (d >= 0.0) & (d <= r)
    dc = np.where(ok, d, 0.0)
    k = dc.astype(np.int64)
    t = dc - k
    k1 = np.minimum(k + 1, r)
    out = np.where(t == 0.0, f[k], (1.0 - t) * f[k] + t * f[k1])
    return np.where(ok, out, np.nan)


def estimate_scaling_factors(mhat: np.ndarray, chat: np.ndarray, f: np.ndarray, sweeps: int,
                             lam: float, prior: str, m: np.ndarray) -> np.ndarray:
    """Step 2: K Gauss–Seidel sweeps of
         m*_p = Σ_q m_q M̂_pq ρ_pq / Σ_q (m_q M̂_pq)²,  m_p <- (1-λ) m*_p + λ·target
    over q in [p-R, p+R] \\ {p}; a pair is dropped unless ρ, M̂ are finite and M̂ > 0."""
    n, w = mhat.shape
    r = w // 2
    if sweeps <= 0 or n < 2:
        return m
    q = np.arange(n)[:, None] + np.arange(-r, r + 1)[None, :]
    inside = (q >= 0) & (q < n)
    dist = np.abs(chat[np.clip(q, 0, n - 1)] - chat[:, None])
    rho = interpolate_curve(f, dist)
    usable = inside & np.isfinite(rho) & np.isfinite(mhat) & (mhat > 0.0)
    usable[:, r] = False
    sim = np.where(usable, mhat, 0.0)
    rho = np.where(usable, rho, 0.0)

    mpad = np.zeros(n + 2 * r)      # mpad[r + q] = m_q; zero padding outside
    mpad[r:r + n] = m
    keep = 1.0 - lam
    towards_one = prior == "one"
    isnan = math.isnan
    sim_rows = list(sim)            # row views: cheaper than 2-D indexing in the loop
    rho_rows = list(rho)
    dot = np.dot
    with np.errstate(invalid="ignore", divide="ignore"):
        for _ in range(sweeps):
            for p in range(n):      # Gauss–Seidel: sequential over sections
                x = mpad[p:p + w] * sim_rows[p]
                num = float(dot(x, rho_rows[p]))
                den = float(dot(x, x))
                target = 1.0 if towards_one else float(mpad[p + r])
                v = keep * (num / den if den != 0.0 else NAN) + lam * target
                if not isnan(v):
                    mpad[p + r] = v
    return mpad[r:r + n].copy()


def curve_inverse(f: np.ndarray, s: np.ndarray) -> np.ndarray:
    """Distance d with f(d) = s (NaN = no opinion). NaN entries of f are skipped and bridged.
    Bracket: largest j in [0, count-2] with g[j] <= y, g = -f (std::upper_bound semantics)."""
    kk = np.flatnonzero(~np.isnan(f)).astype(np.float64)
    g = -f[~np.isnan(f)]
    cnt = len(g)
    out = np.full(s.shape, np.nan)
    if cnt < 2:
        return out
    y = -s
    inside = (y >= g[0]) & (y <= g[-1])
    yi = y[inside]
    if np.all(g[1:] >= g[:-1]):
        j = np.searchsorted(g[:-1], yi, side="right") - 1
    else:  # libstdc++ std::upper_bound bisection on an unsorted range, vectorised
        first = np.zeros(yi.shape, dtype=np.int64)
        length = np.full(yi.shape, cnt - 1, dtype=np.int64)
        while np.any(length > 0):
            half = length >> 1
            mid = first + half
            go_left = yi < g[np.minimum(mid, cnt - 2)]
            active = length > 0
            first = np.where(active & ~go_left, mid + 1, first)
            length = np.where(active, np.where(go_left, half, length - half - 1), 0)
        j = first - 1
    j = np.clip(j, 0, cnt - 2)
    with np.errstate(invalid="ignore", divide="ignore"):
        d = kk[j] + (yi - g[j]) / (g[j + 1] - g[j]) * (kk[j + 1] - kk[j])
    d = np.where(yi == g[j], kk[j], d)
    d[~np.isfinite(d)] = np.nan
    out[inside] = d
    return out


def collect_shifts(s: np.ndarray, chat: np.ndarray, f: np.ndarray, monotone: bool,
                   min_similarity: float):
    """Steps 4-5 inputs: per sorted section q, (Σ votes, number of votes)."""
    n, w = s.shape
    r = w // 2
    dist = np.arange(1, r + 1)
    p = np.arange(n)[:, None]
    total = np.zeros(n)
    count = np.zeros(n)
    for sign in (1, -1):
        vals = s[:, r + sign * dist]                    # Ŝ_{p, p±dist}, dist = 1..R
        q = p + sign * dist[None, :]
        acc = _accept(vals, monotone, min_similarity)  # NaN (incl. q outside) rejected
        d = np.full(vals.shape, np.nan)
        d[acc] = curve_inverse(f, vals[acc])
        ok = acc & ~np.isnan(d)
        qs = q[ok]
        target = chat[:, None] + d if sign > 0 else chat[:, None] - d
        votes = target[ok] - chat[qs]
        total += np.bincount(qs, weights=votes, minlength=n)
        count += np.bincount(qs, minlength=n)
    return total, count


def repair_nans(c: np.ndarray) -> np.ndarray:
    """Step 7: interior NaN runs interpolated, leading/trailing runs with unit slope."""
    fin = np.isfinite(c)
    if fin.all():
        return c
    idx = np.arange(len(c), dtype=np.float64)
    if not fin.any():
        return idx
    good = np.flatnonzero(fin)
    out = np.interp(idx, good, c[good])
    first, last = good[0], good[-1]
    out[:first] = c[first] - (first - idx[:first])
    out[last + 1:] = c[last] + (idx[last + 1:] - last)
    return out


def infer(strip: np.ndarray, start_z=None, **options):
    """Runs the inference on a strip (N x 2R+1). Returns (z, quality, curve), z and quality in
    original section order, curve = f[0..R] of the last iteration."""
    o = dict(DEFAULTS)
    unknown = set(options) - set(o)
    if unknown:
        raise TypeError(f"unknown options: {sorted(unknown)}")
    o.update(options)
    if o["local_curve_windows"] >= 2:
        raise NotImplementedError("local curves (local_curve_windows >= 2) are not implemented")
    n, w = strip.shape
    r = w // 2
    c = np.arange(n, dtype=np.float64) if start_z is None else np.array(start_z, dtype=np.float64)
    c0 = c.copy()
    m = np.ones(n)
    order = np.argsort(c, kind="stable")
    mhat = sorted_band(strip, order)
    alpha, mu = o["shift_proportion"], o["update_anchor"]
    mono = o["force_monotonicity"]
    f = np.full(r + 1, np.nan)
    f[0] = 1.0
    for _ in range(o["outer_iterations"]):
        if n == 0:
            break
        chat = c[order]                                          # step 0
        ms = m[order]
        f = fit_curve(scaled_band(mhat, ms), chat, mono)         # step 1
        ms = estimate_scaling_factors(mhat, chat, f, o["inner_iterations"],
                                      o["inner_regularization"], o["quality_prior"], ms)  # 2
        s = scaled_band(mhat, ms)                                # step 3
        total, count = collect_shifts(s, chat, f, mono, o["min_similarity"])  # step 4
        with np.errstate(invalid="ignore", divide="ignore"):
            delta = np.where(count > 0, total / np.where(count > 0, count, 1.0), np.nan)  # 5
        move = np.isfinite(delta)                                # step 6
        moved_to = chat + alpha * delta
        if mu != 0.0:
            moved_to = (1.0 - mu) * moved_to + mu * c0[order]
        chat = np.where(move, moved_to, chat)
        chat = repair_nans(chat)                                 # step 7
        if not o["allow_reordering"]:                            # step 8
            delta_min = o["min_section_thickness"]
            if np.any(chat[1:] < chat[:-1]):
                for q in range(1, n):
                    if chat[q] < chat[q - 1]:
                        chat[q] = chat[q - 1] + delta_min
        if o["border"] == "pin-ends" and n >= 2:                 # step 9
            first = chat[0]
            extent = chat[-1] - first
            if extent != 0.0 and math.isfinite(extent):
                chat = (chat - first) * ((n - 1) / extent)
        c[order] = chat                                          # step 10
        m[order] = ms
        new_order = np.argsort(c, kind="stable")
        if not np.array_equal(new_order, order):
            order = new_order
            mhat = sorted_band(strip, order)
    return c, m, f


# --------------------------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------------------------

def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--tiff", help="similarity.tif written by `zspace run`")
    src.add_argument("--synthetic", type=int, metavar="N",
                     help="the synthetic band of bench/bench_fixed_point.cpp with N sections")
    ap.add_argument("--range", type=int, default=10, help="R for --synthetic (default 10)")
    ap.add_argument("--outer-iterations", type=int, default=DEFAULTS["outer_iterations"])
    ap.add_argument("--shift-proportion", type=float, default=DEFAULTS["shift_proportion"],
                    help="α = 1 - outer_regularization (default 0.6)")
    ap.add_argument("--inner-iterations", type=int, default=DEFAULTS["inner_iterations"])
    ap.add_argument("--inner-regularization", type=float,
                    default=DEFAULTS["inner_regularization"])
    ap.add_argument("--quality-prior", choices=["one", "previous"], default="one")
    ap.add_argument("--no-reordering", action="store_true")
    ap.add_argument("--no-force-monotonicity", action="store_true")
    ap.add_argument("--min-section-thickness", type=float,
                    default=DEFAULTS["min_section_thickness"])
    ap.add_argument("--border", choices=["pin-ends", "none"], default="pin-ends")
    ap.add_argument("--min-similarity", type=float, default=DEFAULTS["min_similarity"])
    ap.add_argument("--update-anchor", type=float, default=DEFAULTS["update_anchor"])
    ap.add_argument("--repeat", type=int, default=1,
                    help="time the solver this many times and report the median")
    ap.add_argument("--z-out", help="write z (original order) as one %%.17g value per line")
    ap.add_argument("--json", action="store_true",
                    help="print one JSON line {n, r, times_s, median_s} instead of text")
    args = ap.parse_args(argv)

    strip = read_strip_tiff(args.tiff) if args.tiff else synthetic_strip(args.synthetic, args.range)
    options = dict(
        outer_iterations=args.outer_iterations, shift_proportion=args.shift_proportion,
        inner_iterations=args.inner_iterations, inner_regularization=args.inner_regularization,
        quality_prior=args.quality_prior, allow_reordering=not args.no_reordering,
        force_monotonicity=not args.no_force_monotonicity,
        min_section_thickness=args.min_section_thickness, border=args.border,
        min_similarity=args.min_similarity, update_anchor=args.update_anchor)
    times = []
    for _ in range(max(1, args.repeat)):
        t0 = time.perf_counter()
        z, m, f = infer(strip, **options)
        times.append(time.perf_counter() - t0)
    median = float(np.median(times))
    n, w = strip.shape
    if args.z_out:
        with open(args.z_out, "w") as out:
            out.writelines(f"{v:.17g}\n" for v in z)
    if args.json:
        print(json.dumps(dict(n=n, r=w // 2, times_s=times, median_s=median)))
    else:
        print(f"N = {n}, R = {w // 2}: solver {median:.3f} s (median of {len(times)}: "
              + ", ".join(f"{t:.3f}" for t in times) + ")")
        print("curve f =", np.array2string(f, precision=6, max_line_width=100))
    return 0


if __name__ == "__main__":
    sys.exit(main())
