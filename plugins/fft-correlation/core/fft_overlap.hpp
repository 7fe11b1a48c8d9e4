#pragma once
// The exact value the metric reports: Pearson correlation, in double precision, of the weighted
// values of two sections over their overlap at one shift.

#include <cstddef>
#include <limits>

#include "fft_prepared.hpp"

namespace zspace::fft_correlation {

struct OverlapPearson {
  double value = std::numeric_limits<double>::quiet_NaN();  ///< NaN: < 2 common pixels or no variance
  std::size_t count = 0;  ///< pixels valid in both sections at this shift
};

/// Pearson correlation over the pixels x valid in `a` with x + (dx, dy) valid in `b` (same
/// size), means and norms taken over those pixels only. Swapping the sections and negating the
/// shift gives the same bits.
OverlapPearson overlap_pearson(const PreparedFft& a, const PreparedFft& b, int dx, int dy);

}  // namespace zspace::fft_correlation
