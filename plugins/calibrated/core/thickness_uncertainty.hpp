#pragma once
/// @file thickness_uncertainty.hpp
/// How well each section's thickness is pinned down by the pairs that span it.

#include <cstddef>
#include <vector>

#include "core/pair_distances.hpp"

namespace zspace::calibrated {

/// Standard uncertainty of each thickness t_i = z[i+1] - z[i] (size N - 1, pair distance units).
/// Every measured pair (a, b) with a <= i < b gives an estimate of t_i: its distance minus the
/// fitted rest of its span, d_ab - (z_b - z_a - t_i); the standard error of those estimates
/// about t_i is s / sqrt(n) with s^2 = sum (e - t_i)^2 / (n - 1), defined only where the pair
/// (i, i+1) itself was measured: pairs that skip a section fix the sum of the two thicknesses
/// around it, not how it splits, so their agreement says nothing about t_i. The result is the
/// larger of that and `tile_spread[i]` (the disagreement of the tiles on the pair (i, i+1)),
/// since either may be the one that shows the problem; NaN where neither exists.
std::vector<double> thickness_uncertainty(const std::vector<double>& z, const std::vector<PairDistance>& pairs,
                                          const std::vector<double>& tile_spread);

}  // namespace zspace::calibrated
