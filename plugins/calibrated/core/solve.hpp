#pragma once
/// @file solve.hpp
/// The calibrated solver: every z-pair similarity of every tile is turned into a distance in
/// pixels through the in-plane calibration curves of that tile (pair_distances.hpp), and the
/// positions are the robust weighted least-squares fit of those distances
/// (robust_positions.hpp). Distances are absolute, so the result carries thickness in pixels.

#include "core/calibrated_options.hpp"
#include "zspace/solver.hpp"

namespace zspace::calibrated {

/// Solves one stack. Solution::z is in mean spacings (z[0] = 0, z[N-1] = N-1),
/// Solution::z_pixels in input pixels. Throws std::runtime_error when the input carries no
/// calibration, when the calibration does not match the band, or when no pair is measurable.
Solution solve(const SolverInput& input, const Options& options, SolverObserver& observer);

}  // namespace zspace::calibrated
