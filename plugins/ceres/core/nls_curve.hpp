#pragma once
/// @file nls_curve.hpp
/// The similarity-vs-distance curve of the least-squares model. f(0) = 1 and the knots 1..K
/// (at the distances k / curve_resolution; integers by default, as in the published method)
/// each lie a step >= 0 below the previous one (the steps are the parameters, bounded below by
/// 0), so f is non-increasing by construction. f is linear between knots; beyond the last knot
/// the last segment is extended rather than clamped, so that a pair slightly further apart still
/// tells its sections how to move (f may fall below 0 there).

#include <cstddef>
#include <span>
#include <vector>

#include "zspace/band_matrix.hpp"

namespace zspace::nls {

/// f at one distance, with what its derivatives need.
struct CurveSample {
  double value = 0;          ///< f(d)
  double slope = 0;          ///< df/du on the segment used
  std::size_t segment = 0;   ///< s: the segment [s, s+1] used (the last one beyond K)
  double fraction = 0;       ///< u - s; above 1 beyond K
};

/// f(u) for u >= 0 in knot units (knot k at u = k) from K steps (steps[k-1] = f(k-1) - f(k)).
/// Its derivative with respect to steps[l] is -1 for l < segment, -fraction for l == segment
/// and 0 beyond.
CurveSample sample_curve(const double* steps, std::size_t knots, double u);

/// Knot values f(0..K) of the steps.
std::vector<double> curve_values(std::span<const double> steps);

/// Steps of the knot values f(0..K), made non-increasing: f(0) counts as 1, and a knot that is
/// NaN or above the previous one gets step 0.
std::vector<double> steps_from_values(std::span<const double> values);

/// First estimate of f at the distances k / resolution, k = 0..R·resolution, from the band at
/// positions z with quality factors q: at each knot the mean of q_i·q_j·M_ij over the pairs,
/// each pair split between the two knots around its distance by linear-interpolation weights.
/// f(0) = 1; a knot between two reached ones is interpolated; NaN beyond the last one reached.
std::vector<double> estimate_curve(const BandMatrix& band, std::span<const double> z,
                                   std::span<const double> quality, int resolution);

}  // namespace zspace::nls
