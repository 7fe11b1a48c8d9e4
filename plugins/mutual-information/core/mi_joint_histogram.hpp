#pragma once
/// @file mi_joint_histogram.hpp
/// The per-pair kernel: a joint histogram of two bin-index arrays and the normalised mutual
/// information it implies.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace zspace::mi {

/// A (bins+1) x (bins+1) table of pixel counts, row = bin in the first section, column = bin
/// in the second. Index `bins` (the last row and column) collects pixels that are invalid in
/// that section, so the counting loop needs no branch; those cells are ignored afterwards.
class JointHistogram {
 public:
  explicit JointHistogram(int bins);

  /// Counts pixel k into cell (a[k], b[k]) for k < n. Indices must be <= bins.
  void add(const std::uint8_t* a, const std::uint8_t* b, std::size_t n);
  void add(const std::uint16_t* a, const std::uint16_t* b, std::size_t n);  ///< see above

  int bins() const { return bins_; }
  /// Count of cell (row, column), both in 0..bins.
  std::uint32_t count(int row, int column) const {
    return counts_[static_cast<std::size_t>(row) * stride_ + static_cast<std::size_t>(column)];
  }

  /// 2·I(A;B) / (H(A) + H(B)) over the pixels valid in both sections, with I = H(A) + H(B) -
  /// H(A,B) and the marginal entropies taken from this table's marginals (so they refer to the
  /// common pixels). 1 for identical binned sections, about 0 for independent ones. NaN for
  /// fewer than 2 common pixels or when both marginals are constant (H(A) + H(B) = 0).
  /// Exactly symmetric: the transposed table gives the same bits.
  double normalized_mutual_information() const;

 private:
  int bins_;
  std::size_t stride_;
  std::vector<std::uint32_t> counts_;
};

}  // namespace zspace::mi
