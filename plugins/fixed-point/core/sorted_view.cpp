#include "core/sorted_view.hpp"

#include <algorithm>
#include <limits>
#include <numeric>

#include "core/parallel.hpp"

namespace zspace::fixed_point {

bool stable_argsort(std::span<const double> z, std::vector<std::size_t>& order) {
  const std::size_t n = z.size();
  // Total order (z, index): the result is unique, whatever the starting guess or algorithm.
  auto less = [&](std::size_t a, std::size_t b) { return z[a] < z[b] || (z[a] == z[b] && a < b); };
  bool valid = order.size() == n;
  if (valid) {
    for (std::size_t p = 1; p < n; ++p) {
      if (!less(order[p - 1], order[p])) {
        valid = false;
        break;
      }
    }
    if (valid) return false;
  }
  std::vector<std::size_t> before = order;
  if (order.size() != n) {
    order.resize(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
  }
  std::sort(order.begin(), order.end(), less);
  return order != before;
}

void SortedBand::assign(const BandMatrix& band, std::span<const std::size_t> order) {
  n_ = band.size();
  r_ = band.range();
  const std::size_t w = width();
  values_.resize(n_ * w);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const auto r = static_cast<std::ptrdiff_t>(r_);
  const auto n = static_cast<std::ptrdiff_t>(n_);
  for_each_block(n_, [&](std::size_t, std::size_t begin, std::size_t end) {
    for (std::size_t p = begin; p < end; ++p) {
      double* out = values_.data() + p * w;
      const auto ps = static_cast<std::ptrdiff_t>(p);
      for (std::ptrdiff_t o = -r; o <= r; ++o) {
        const std::ptrdiff_t q = ps + o;
        out[r + o] = (q < 0 || q >= n) ? nan : band(order[p], order[static_cast<std::size_t>(q)]);
      }
    }
  });
}

}  // namespace zspace::fixed_point
