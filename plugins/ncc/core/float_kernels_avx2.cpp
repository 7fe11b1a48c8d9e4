// AVX2 float dot products of the ncc metric (kernels.hpp, centered_dots_f32). As in
// kernels_avx2.cpp only the functions marked with the avx2 target use AVX2, and the target does
// not include FMA: every product and sum rounds to double as in the portable path.

#include "core/kernel_paths.hpp"

#if ZSPACE_NCC_HAVE_AVX2

#include <immintrin.h>

#include <algorithm>
#include <vector>

#include "core/float_lanes.hpp"

namespace zspace::ncc::kernels::avx2 {

namespace {

#define ZSPACE_AVX2 __attribute__((target("avx2")))

// Four floats at p as doubles (exact).
ZSPACE_AVX2 inline __m256d widen(const float* p) { return _mm256_cvtps_pd(_mm_loadu_ps(p)); }

// bc = b - mean over [c, end) into `centred`, its lane sums added to `lanes`.
ZSPACE_AVX2 void centre(const float* b, double mean, std::size_t c, std::size_t end, double* centred, double* lanes) {
  const __m256d m = _mm256_set1_pd(mean);
  __m256d acc[4];
  for (int q = 0; q < 4; ++q) acc[q] = _mm256_loadu_pd(lanes + 4 * q);
  std::size_t i = c;
  for (; i + kFloatLanes <= end; i += kFloatLanes)
    for (int q = 0; q < 4; ++q) {
      const __m256d v = _mm256_sub_pd(widen(b + i + 4 * q), m);
      _mm256_storeu_pd(centred + (i - c) + 4 * q, v);
      acc[q] = _mm256_add_pd(acc[q], v);
    }
  for (int q = 0; q < 4; ++q) _mm256_storeu_pd(lanes + 4 * q, acc[q]);
  for (; i < end; ++i) {
    centred[i - c] = static_cast<double>(b[i]) - mean;
    lanes[i % kFloatLanes] += centred[i - c];
  }
}

// Lanes of a * bc over [c, end) added to `lanes`.
ZSPACE_AVX2 void dot(const float* a, const double* centred, std::size_t c, std::size_t end, double* lanes) {
  __m256d acc[4];
  for (int q = 0; q < 4; ++q) acc[q] = _mm256_loadu_pd(lanes + 4 * q);
  std::size_t i = c;
  for (; i + kFloatLanes <= end; i += kFloatLanes)
    for (int q = 0; q < 4; ++q)
      acc[q] = _mm256_add_pd(acc[q], _mm256_mul_pd(widen(a + i + 4 * q), _mm256_loadu_pd(centred + (i - c) + 4 * q)));
  for (int q = 0; q < 4; ++q) _mm256_storeu_pd(lanes + 4 * q, acc[q]);
  for (; i < end; ++i) lanes[i % kFloatLanes] += static_cast<double>(a[i]) * centred[i - c];
}

}  // namespace

void centered_dots_f32(const float* b, double b_mean, const float* const* partners, const double* partner_means,
                       std::size_t count, std::size_t n, double* out) {
  chunked_centred_dots(b, b_mean, partners, partner_means, count, n, out, centre, dot);
}

#undef ZSPACE_AVX2

}  // namespace zspace::ncc::kernels::avx2

#endif  // ZSPACE_NCC_HAVE_AVX2
