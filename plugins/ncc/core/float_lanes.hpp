#pragma once
// Lane sums of the float dot products (kernels.hpp, centered_dots_f32), shared by both paths so
// that they add up in the same order.
//
// With bc = b - mean(b), the sum over pixels of (a - ma) * bc is computed as
// sum(a * bc) - ma * sum(bc): one multiply and one add per pixel and partner instead of three
// operations. sum(bc) is about zero (b is centred on its own mean), so the correction is small
// and nothing cancels that the centred form would keep.

#include <algorithm>
#include <cstddef>
#include <vector>

#include "core/kernel_paths.hpp"

namespace zspace::ncc::kernels {

class FloatLanes {
 public:
  explicit FloatLanes(std::size_t count) : sums_((count + 1) * kFloatLanes, 0.0) {}
  /// Lane sums of bc.
  double* b_lanes() { return sums_.data(); }
  /// Lane sums of a_k * bc.
  double* partner_lanes(std::size_t k) { return sums_.data() + (k + 1) * kFloatLanes; }

  /// out[k] = (lanes of a_k * bc, in order) - partner_means[k] * (lanes of bc, in order).
  void finish(const double* partner_means, double* out) const {
    const double b_total = total(sums_.data());
    for (std::size_t k = 0; k + 1 < sums_.size() / kFloatLanes; ++k)
      out[k] = total(sums_.data() + (k + 1) * kFloatLanes) - partner_means[k] * b_total;
  }

 private:
  static double total(const double* lanes) {
    double t = 0;
    for (std::size_t l = 0; l < kFloatLanes; ++l) t += lanes[l];
    return t;
  }
  std::vector<double> sums_;
};

/// The chunk loop of both paths: b centred one chunk at a time (`centre(b, mean, c, end,
/// centred, b_lanes)`), then every partner's lanes of a * bc over that chunk (`dot(a, centred,
/// c, end, lanes)`), so that the chunk of bc stays in L1 for all partners.
template <class Centre, class Dot>
void chunked_centred_dots(const float* b, double b_mean, const float* const* partners, const double* partner_means,
                          std::size_t count, std::size_t n, double* out, Centre centre, Dot dot) {
  FloatLanes lanes(count);
  std::vector<double> centred(std::min(n, kFloatChunkPixels));
  for (std::size_t c = 0; c < n; c += kFloatChunkPixels) {
    const std::size_t end = std::min(n, c + kFloatChunkPixels);
    centre(b, b_mean, c, end, centred.data(), lanes.b_lanes());
    for (std::size_t k = 0; k < count; ++k) dot(partners[k], centred.data(), c, end, lanes.partner_lanes(k));
  }
  lanes.finish(partner_means, out);
}

}  // namespace zspace::ncc::kernels
