#pragma once
/// @file sorted_view.hpp
/// The similarity band seen in sorted-coordinate order (ALGORITHM.md §1: π, M̂).

#include <cstddef>
#include <span>
#include <vector>

#include "zspace/band_matrix.hpp"

namespace zspace::fixed_point {

/// Stable argsort of z: sorted position p -> original index. Ties keep the original index
/// order, so equal coordinates never collapse (fixes ALGORITHM.md §8.4, the ordered-map argsort
/// behind issue #5). `order` is used as the starting guess and reused when z is already sorted
/// under it, which is the common case and costs O(N). Returns true if the order changed.
bool stable_argsort(std::span<const double> z, std::vector<std::size_t>& order);

/// M̂_pq = M_{π(p) π(q)} for |p - q| <= R, stored row by row as 2R+1 entries (offset -R..R).
/// The band is always |i - j| <= R in ORIGINAL index space (§1); sorted neighbours that fall
/// outside it, or outside [0, N), read NaN = missing (fixes §8.8: nothing outside the band is
/// ever read or written).
class SortedBand {
 public:
  void assign(const BandMatrix& band, std::span<const std::size_t> order);

  std::size_t size() const { return n_; }
  std::size_t range() const { return r_; }
  std::size_t width() const { return 2 * r_ + 1; }
  /// Row p: entry [R + o] is M̂_{p, p+o}.
  const double* row(std::size_t p) const { return values_.data() + p * width(); }
  double at(std::size_t p, std::ptrdiff_t offset) const {
    return row(p)[static_cast<std::ptrdiff_t>(r_) + offset];
  }

 private:
  std::size_t n_ = 0;
  std::size_t r_ = 0;
  std::vector<double> values_;
};

}  // namespace zspace::fixed_point
