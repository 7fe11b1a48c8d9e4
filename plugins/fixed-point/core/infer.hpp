#pragma once
/// @file infer.hpp
/// The fixed-point z-spacing inference (Hanslovsky et al. 2015; ALGORITHM.md §3,
/// InferFromMatrix.estimateZCoordinates). One outer iteration: fit the similarity curve
/// (curve.hpp), estimate scaling factors (scaling_factors.hpp), collect and mediate shift votes
/// (shift_votes.hpp), update the coordinates (coordinate_update.hpp), re-sort.
///
/// Decisions on ALGORITHM.md §8 (quirks of the Java code):
///  1. Inner regulariser target: selectable (Options::quality_prior); default `one`, the
///     documented Tikhonov pull towards 1, which also pins the global scale of m. `previous`
///     reproduces the current Java damping.
///  2. "outer_regularization": Fiji semantics, α = 1 - value (done in the plugin wrapper).
///  3. Plugin overrides: the Fiji values are our defaults (force_monotonicity on, δ = 1e-9).
///  4. FIXED: stable argsort keyed on (z, original index); equal coordinates never collapse.
///  5. FIXED: NaN-aware interpolation everywhere; zero-weight corners are not read, so the last
///     sorted section keeps its fit samples, band-edge samples are symmetric, and ρ(R) = f[R].
///     Everything outside the band is missing.
///  6. FIXED: the scaling-factor neighbourhood is symmetric, [p-R, p+R].
///  7. FIXED: both vote directions weight alike and drop non-finite distances; NaN entries of f
///     are bridged in the inverse rather than producing NaN votes.
///  8. FIXED by construction: the band is read only inside |i-j| <= R (original indices) and the
///     scaled matrix is never stored, so nothing outside the band can be overwritten.
///  9. FIXED at the interface: Solution::quality is in original order.
/// 10. f[0] = 1 (the double-counted diagonal is irrelevant; it is overridden as in Java).
/// 11. REPRODUCED: local fits feed interior samples to both neighbouring windows with full
///     weight, anchors at (l+1)·r_w, r_w = N / n_loc as in Fiji.
/// 12. Not applicable (Spark config).
/// 13. REPRODUCED: fixed iteration count, plain-mean mediation, no smoothing.
/// Also: a section without any vote keeps its position (steps 5-6); a scaling factor whose
/// update is NaN (no usable neighbour) keeps its value.

#include <span>

#include "core/options.hpp"
#include "zspace/band_matrix.hpp"
#include "zspace/solver.hpp"

namespace zspace::fixed_point {

/// Runs the inference. start_z: starting z per section in original order (empty = 0..N-1).
/// Calls observer.started(outer_iterations) once and observer.iteration(i, z) after iteration
/// i = 1..outer_iterations with z in original order; stops early when that returns false.
/// Solution::curve is f[0..R] (for local fits: the average over all accepted samples).
/// Throws std::invalid_argument for invalid options or a start_z of the wrong size.
Solution infer(const BandMatrix& band, std::span<const double> start_z, const Options& options,
               SolverObserver& observer);

}  // namespace zspace::fixed_point
