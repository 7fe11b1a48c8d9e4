#pragma once
/// @file robust_positions.hpp
/// Positions from pair distances: Huber-weighted least squares by iteratively reweighted least
/// squares (IRLS), with z_0 = 0 as the gauge.

#include <cstddef>
#include <functional>
#include <vector>

#include "core/pair_distances.hpp"

namespace zspace::calibrated {

struct RobustFitOptions {
  double huber = 1.0;  ///< threshold in robust standard deviations of the residuals
  /// Smallest Huber threshold, distance units. On (nearly) consistent distances the MAD
  /// collapses towards 0; without a floor every pair would then be down-weighted until the
  /// spacing prior outweighs them.
  double min_huber_scale = 1e-3;
  int max_iterations = 20;  ///< reweighting rounds at most
  double converged_change = 1e-9;  ///< stop when no position moves more than this
  /// Consecutive-spacing prior: every z_{i+1} - z_i is pulled towards prior_spacing with
  /// prior_weight. It keeps sections that no pair links (a flagged section, a gap wider than
  /// the calibration) in place; must be > 0.
  double prior_spacing = 1.0;
  double prior_weight = 1e-6;
};

struct RobustFit {
  std::vector<double> z;  ///< positions, same units as the distances, z[0] = 0
  int iterations = 0;  ///< reweighting rounds run (the first, unweighted solve not counted)
  bool converged = false;  ///< the last round moved no position more than converged_change
  bool interrupted = false;  ///< the callback asked to stop
  double last_change = 0;  ///< largest position change of the last round
  double huber_scale = 0;  ///< Huber threshold of the last round, distance units
  std::size_t downweighted = 0;  ///< pairs beyond the threshold in the last round
};

/// Called after each reweighting round with its number and the positions; false stops.
using RoundCallback = std::function<bool(int, const std::vector<double>&)>;

/// Minimises sum_p w_p huber(z_j - z_i - d_p) + prior. The normal equations are banded (the
/// pairs' largest j - i), solved by a sparse LDL^T in natural order. Deterministic.
RobustFit fit_positions(std::size_t sections, const std::vector<PairDistance>& pairs,
                        const RobustFitOptions& options, const RoundCallback& round = {});

}  // namespace zspace::calibrated
