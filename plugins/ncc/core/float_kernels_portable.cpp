// Portable float dot products of the ncc metric (kernels.hpp, centered_dots_f32): the lane
// order the AVX2 path keeps, written out as scalar loops.

#include "core/float_lanes.hpp"
#include "core/kernel_paths.hpp"

namespace zspace::ncc::kernels::portable {

namespace {

void centre(const float* b, double mean, std::size_t c, std::size_t end, double* centred, double* lanes) {
  for (std::size_t i = c; i < end; ++i) {
    centred[i - c] = static_cast<double>(b[i]) - mean;
    lanes[i % kFloatLanes] += centred[i - c];
  }
}

void dot(const float* a, const double* centred, std::size_t c, std::size_t end, double* lanes) {
  for (std::size_t i = c; i < end; ++i) lanes[i % kFloatLanes] += static_cast<double>(a[i]) * centred[i - c];
}

}  // namespace

void centered_dots_f32(const float* b, double b_mean, const float* const* partners, const double* partner_means,
                       std::size_t count, std::size_t n, double* out) {
  chunked_centred_dots(b, b_mean, partners, partner_means, count, n, out, centre, dot);
}

}  // namespace zspace::ncc::kernels::portable
