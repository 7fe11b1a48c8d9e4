#include <string>
#include <vector>

#include "common/number_text.hpp"
#include "corrected/z_order.hpp"
#include "zspace/engine/corrected_stack.hpp"
#include "zspace/engine/errors.hpp"

namespace zspace {
namespace {

const char* const kWhat = "corrected stack";

std::size_t slice_count(std::size_t sections, int upsample) {
  const auto u = static_cast<std::size_t>(upsample);
  return sections * u - (u - 1);
}

void check_upsample(int upsample) {
  if (upsample < 1) throw ConfigError("output.upsample: must be at least 1, got " + std::to_string(upsample));
}

}  // namespace

std::vector<CorrectedSlice> plan_corrected_stack(const std::vector<double>& z, int upsample) {
  check_upsample(upsample);
  if (z.empty()) throw DataError(std::string(kWhat) + ": no sections");
  const std::vector<std::size_t> order = corrected::order_by_z(z, kWhat);
  const std::size_t n = z.size();
  const double lo = z[order.front()];
  const double hi = z[order.back()];
  if (n == 1) return {CorrectedSlice{lo, order[0], order[0], 0.0}};
  if (!(hi > lo))
    throw DataError(std::string(kWhat) + ": all " + std::to_string(n) + " sections share z = " + format_double(lo) +
                    "; there is no z range to resample");

  const std::size_t m = slice_count(n, upsample);
  std::vector<CorrectedSlice> plan;
  plan.reserve(m);
  std::size_t r = 0;  // rank in z order of the section at or below the current slice
  for (std::size_t k = 0; k < m; ++k) {
    // Multiplying before dividing keeps slices that should hit a section exactly on it
    // (uniform z: k (N-1) / (M-1) is exact), and pins the last slice to z_max.
    const double zk = k + 1 == m ? hi : lo + (hi - lo) * static_cast<double>(k) / static_cast<double>(m - 1);
    while (r + 1 < n && z[order[r + 1]] <= zk) ++r;
    CorrectedSlice slice{zk, order[r], order[r], 0.0};
    if (r + 1 < n && z[order[r]] < zk) {
      const double below = z[order[r]];
      const double above = z[order[r + 1]];
      slice.upper = order[r + 1];
      slice.upper_weight = (zk - below) / (above - below);
    }
    plan.push_back(slice);
  }
  return plan;
}

double corrected_slice_spacing(const std::vector<double>& z, int upsample) {
  check_upsample(upsample);
  if (z.size() < 2) return 1.0;
  const std::vector<std::size_t> order = corrected::order_by_z(z, kWhat);
  return (z[order.back()] - z[order.front()]) / static_cast<double>(slice_count(z.size(), upsample) - 1);
}

}  // namespace zspace
