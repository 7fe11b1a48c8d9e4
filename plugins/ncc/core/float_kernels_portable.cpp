// Portable float dot products of the ncc metric (kernels.hpp, centered_dots_f32): the lane
// order the AVX2 path keeps, written out as scalar loops.

#include <algorithm>
#include <vector>

#include "core/float_lanes.hpp"
#include "core/kernel_paths.hpp"

namespace zspace::ncc::kernels::portable {

void centered_dots_f32(const float* b, double b_mean, const float* const* partners, const double* partner_means,
                       std::size_t count, std::size_t n, double* out) {
  FloatLanes lanes(count);
  std::vector<double> centred(std::min(n, kFloatChunkPixels));
  for (std::size_t c = 0; c < n; c += kFloatChunkPixels) {
    const std::size_t end = std::min(n, c + kFloatChunkPixels);
    double* b_lanes = lanes.b_lanes();
    for (std::size_t i = c; i < end; ++i) {
      centred[i - c] = static_cast<double>(b[i]) - b_mean;
      b_lanes[i % kFloatLanes] += centred[i - c];
    }
    for (std::size_t k = 0; k < count; ++k) {
      double* s = lanes.partner_lanes(k);
      const float* a = partners[k];
      for (std::size_t i = c; i < end; ++i) s[i % kFloatLanes] += static_cast<double>(a[i]) * centred[i - c];
    }
  }
  lanes.finish(partner_means, out);
}

}  // namespace zspace::ncc::kernels::portable
