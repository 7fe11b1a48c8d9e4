// Chooses the kernel path: AVX2 when the CPU has it, the portable loops otherwise.

#include "core/kernels.hpp"

#include <stdexcept>

#include "core/kernel_paths.hpp"

namespace zspace::ncc::kernels {

namespace {
// True for Path::avx2 (after checking that it can run), false for Path::portable.
bool use_avx2(Path path) {
  if (path == Path::portable) return false;
  if (!avx2_supported()) throw std::invalid_argument("ncc: the AVX2 kernels are not available on this machine");
  return true;
}
}  // namespace

bool avx2_supported() {
#if ZSPACE_NCC_HAVE_AVX2
  static const bool supported = __builtin_cpu_supports("avx2");
  return supported;
#else
  return false;
#endif
}

Path fastest_path() { return avx2_supported() ? Path::avx2 : Path::portable; }

#if ZSPACE_NCC_HAVE_AVX2
#define ZSPACE_NCC_DISPATCH(path, call) \
  if (use_avx2(path)) return avx2::call; \
  return portable::call
#else
#define ZSPACE_NCC_DISPATCH(path, call) \
  use_avx2(path);                        \
  return portable::call
#endif

Sums prepare_u8(const std::uint8_t* from, std::uint8_t* to, std::size_t n, Path path) {
  ZSPACE_NCC_DISPATCH(path, prepare_u8(from, to, n));
}

Sums sums_u8(const std::uint8_t* pixels, std::size_t n, Path path) { ZSPACE_NCC_DISPATCH(path, sums_u8(pixels, n)); }

Sums prepare_u16(const std::uint16_t* from, std::int16_t* to, std::size_t n, Path path) {
  ZSPACE_NCC_DISPATCH(path, prepare_u16(from, to, n));
}

void dots_u8(const std::uint8_t* b, const std::uint8_t* const* partners, std::size_t count, std::size_t n,
             std::int64_t* out, Path path) {
  ZSPACE_NCC_DISPATCH(path, dots_u8(b, partners, count, n, out));
}

void dots_s16(const std::int16_t* b, const std::int16_t* const* partners, std::size_t count, std::size_t n,
              std::int64_t* out, Path path) {
  ZSPACE_NCC_DISPATCH(path, dots_s16(b, partners, count, n, out));
}

void centered_dots_f32(const float* b, double b_mean, const float* const* partners, const double* partner_means,
                       std::size_t count, std::size_t n, double* out, Path path) {
  ZSPACE_NCC_DISPATCH(path, centered_dots_f32(b, b_mean, partners, partner_means, count, n, out));
}

#undef ZSPACE_NCC_DISPATCH

}  // namespace zspace::ncc::kernels
