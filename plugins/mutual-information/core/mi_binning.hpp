#pragma once
/// @file mi_binning.hpp
/// Maps pixel values to histogram bins over one intensity range shared by the whole stack, so
/// that a bin means the same intensities in every section.

#include <cmath>
#include <cstdint>
#include <vector>

#include "core/mi_options.hpp"
#include "zspace/metric.hpp"

namespace zspace::mi {

class Binning {
 public:
  /// The range [q(low_percentile), q(high_percentile)] of the stack sample. When the two
  /// percentiles coincide (a stack that is nearly all one value) the whole sampled range is
  /// used instead. Throws std::runtime_error for an empty sample, a non-finite range or a
  /// sample holding a single value (nothing to bin).
  static Binning from_statistics(const StackStatistics& statistics, const Options& options);

  /// Equal-width bins over [lo, hi); values below lo go to bin 0, values at or above hi to the
  /// last bin. Requires lo < hi, both finite, and 1 <= bins <= kMaxBins.
  Binning(double lo, double hi, int bins);

  double lo() const { return lo_; }
  double hi() const { return hi_; }
  int bins() const { return bins_; }

  /// Bin of a valid (non-NaN) value: floor((v - lo) / (hi - lo) * bins), clamped.
  int bin_of(double v) const {
    const double t = (v - lo_) / width_ * bins_;
    if (!(t >= 0)) return 0;
    if (t >= bins_) return bins_ - 1;
    return static_cast<int>(t);
  }

  /// bin_of(v) for every 16-bit value v (so also for every 8-bit one): integer sections are
  /// binned by a lookup, with exactly the indices their float conversion would get.
  const std::vector<std::uint16_t>& integer_bins() const { return integer_bins_; }

 private:
  double lo_, hi_, width_;
  int bins_;
  std::vector<std::uint16_t> integer_bins_;
};

}  // namespace zspace::mi
