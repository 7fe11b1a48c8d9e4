#pragma once
/// @file pair_distances.hpp
/// From per-tile similarities and calibration curves to one distance per section pair.

#include <cstddef>
#include <vector>

#include "zspace/solver.hpp"

namespace zspace::calibrated {

/// One pair whose distance could be measured.
struct PairDistance {
  std::size_t i = 0;  ///< earlier section
  std::size_t j = 0;  ///< later section (i < j <= i + range)
  double distance = 0;  ///< median over tiles, pixels of the compared sections
  double weight = 0;    ///< (median slope of the curves at the crossings)^2
};

struct PairTable {
  std::vector<PairDistance> pairs;  ///< pairs with a finite distance, ordered by (i, j)
  /// Pairs whose median distance lies beyond the largest calibrated shift.
  std::size_t beyond_max_shift = 0;
  /// Pairs where fewer than half of the tiles had a similarity and both curves.
  std::size_t unmeasured = 0;
  /// spread[i] for the pair (i, i+1): standard error of its median distance from the spread
  /// of the tile distances (1.4826 x MAD / sqrt(n), finite tiles only); NaN when fewer than
  /// two tiles gave a finite distance. Size N - 1.
  std::vector<double> consecutive_spread;
};

/// Measures every pair (i, j) with 1 <= j - i <= range. A tile takes part when its band value
/// is finite and both sections' curves are; a tile beyond the curve's reach counts as +infinity
/// in the median (dropping it would bias far pairs short). A pair is kept when at least half
/// of the tiles took part and the median is finite.
PairTable measure_pairs(const Calibration& calibration, std::size_t sections, std::size_t range);

}  // namespace zspace::calibrated
