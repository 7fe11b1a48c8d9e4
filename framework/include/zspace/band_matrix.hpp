#pragma once
/// @file band_matrix.hpp
/// The symmetric similarity matrix, known only inside the band |i-j| <= R.

#include <cmath>
#include <cstddef>
#include <limits>
#include <stdexcept>
#include <vector>

namespace zspace {

/// Symmetric N x N similarity matrix stored as N rows of R+1 entries (offsets 0..R).
/// Entries outside the band, and pairs whose similarity could not be measured, are NaN
/// ("missing"). The diagonal is 1.
class BandMatrix {
 public:
  /// An empty matrix (0 sections); assign a sized one before use.
  BandMatrix() = default;
  /// All entries missing except the diagonal, which is 1.
  BandMatrix(std::size_t sections, std::size_t range)
      : n_(sections), r_(range), values_(sections * (range + 1), std::numeric_limits<double>::quiet_NaN()) {
    for (std::size_t i = 0; i < n_; ++i) values_[i * (r_ + 1)] = 1.0;
  }

  std::size_t size() const { return n_; }   ///< number of sections N
  std::size_t range() const { return r_; }   ///< neighbourhood range R

  /// Similarity of sections i and j; NaN outside the band or the matrix.
  double operator()(std::size_t i, std::size_t j) const {
    if (i > j) std::swap(i, j);
    if (j >= n_ || j - i > r_) return std::numeric_limits<double>::quiet_NaN();
    return values_[i * (r_ + 1) + (j - i)];
  }

  /// Sets the similarity of i and j (and j and i). Throws std::out_of_range outside the band.
  void set(std::size_t i, std::size_t j, double value) {
    if (i > j) std::swap(i, j);
    if (j >= n_ || j - i > r_) throw std::out_of_range("BandMatrix::set outside the band");
    values_[i * (r_ + 1) + (j - i)] = value;
  }

  /// Raw storage: row i holds similarities of (i, i+d) for d = 0..R.
  const std::vector<double>& values() const { return values_; }

 private:
  std::size_t n_ = 0;
  std::size_t r_ = 0;
  std::vector<double> values_;
};

}  // namespace zspace
