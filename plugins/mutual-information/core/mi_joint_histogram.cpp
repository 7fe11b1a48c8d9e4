#include "core/mi_joint_histogram.hpp"

#include <cmath>
#include <limits>

namespace zspace::mi {

namespace {

// One combined index per pixel into a single table: the table (17 KB for 64 bins) stays in L1
// and the loop is one load pair, one multiply-add and one increment per pixel.
template <class Index>
void accumulate(const Index* a, const Index* b, std::size_t n, std::size_t stride, std::uint32_t* counts) {
  for (std::size_t k = 0; k < n; ++k) ++counts[static_cast<std::size_t>(a[k]) * stride + b[k]];
}

// c·(log n - log c): one cell's share of n·H. A cell holding every pixel gives exactly 0, so a
// constant section has exactly zero entropy.
double entropy_term(std::uint64_t c, double log_n) {
  if (c == 0) return 0.0;
  const double x = static_cast<double>(c);
  return x * (log_n - std::log(x));
}

}  // namespace

JointHistogram::JointHistogram(int bins)
    : bins_(bins),
      stride_(static_cast<std::size_t>(bins) + 1),
      counts_(stride_ * stride_, 0) {}

void JointHistogram::add(const std::uint8_t* a, const std::uint8_t* b, std::size_t n) {
  accumulate(a, b, n, stride_, counts_.data());
}

void JointHistogram::add(const std::uint16_t* a, const std::uint16_t* b, std::size_t n) {
  accumulate(a, b, n, stride_, counts_.data());
}

double JointHistogram::normalized_mutual_information() const {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  const auto bins = static_cast<std::size_t>(bins_);
  std::vector<std::uint64_t> rows(bins, 0), columns(bins, 0);
  std::uint64_t total = 0;
  for (std::size_t i = 0; i < bins; ++i) {
    for (std::size_t j = 0; j < bins; ++j) {
      const std::uint32_t c = counts_[i * stride_ + j];
      rows[i] += c;
      columns[j] += c;
      total += c;
    }
  }
  if (total < 2) return kNaN;
  const double log_n = std::log(static_cast<double>(total));

  // Cells (i, j) and (j, i) are added first and the pairs summed in a fixed order; likewise
  // row and column sums. Swapping the two sections therefore changes no bit of the result.
  double joint = 0, marginals = 0;
  for (std::size_t i = 0; i < bins; ++i) {
    joint += entropy_term(counts_[i * stride_ + i], log_n);
    for (std::size_t j = i + 1; j < bins; ++j)
      joint += entropy_term(counts_[i * stride_ + j], log_n) + entropy_term(counts_[j * stride_ + i], log_n);
    marginals += entropy_term(rows[i], log_n) + entropy_term(columns[i], log_n);
  }
  if (!(marginals > 0)) return kNaN;
  // n·H terms: the common factor 1/n cancels in the ratio.
  return 2.0 * (marginals - joint) / marginals;
}

}  // namespace zspace::mi
