#pragma once
// The two implementations behind kernels.hpp; callers go through the dispatching functions.

#include <cstddef>
#include <cstdint>

#include "core/kernels.hpp"

// The AVX2 path needs x86-64 and GCC/Clang's target attribute and CPU detection.
#if (defined(__x86_64__) || defined(__i386__)) && defined(__GNUC__)
#define ZSPACE_NCC_HAVE_AVX2 1
#else
#define ZSPACE_NCC_HAVE_AVX2 0
#endif

namespace zspace::ncc::kernels {

/// Pixels per chunk of the blocked dot products: b's chunk (32 KiB at 8 bits) is read from
/// memory once and from L1/L2 by every later group of partners. Smaller chunks were slower
/// (measured at 768^2: 4096 pixels about 20 % slower), as each switch between the partners'
/// streams restarts the hardware prefetchers. Also bounds the partial sums: a chunk's 8-bit
/// products sum below 2^32 (portable path), and each 32-bit AVX2 lane below 2^31.
constexpr std::size_t kChunkPixels = 32768;
static_assert(kChunkPixels * 255u * 255u < (std::uint64_t{1} << 32));
static_assert(kChunkPixels / 32 * 4 * 255u * 255u < (std::uint64_t{1} << 31));

/// Pixels per chunk of the float dot products: b's centred chunk in double (32 KiB) stays in L1
/// while every partner's chunk streams past it.
constexpr std::size_t kFloatChunkPixels = 4096;
static_assert(kFloatChunkPixels % kFloatLanes == 0);

namespace portable {
Sums prepare_u8(const std::uint8_t* from, std::uint8_t* to, std::size_t n);
Sums sums_u8(const std::uint8_t* pixels, std::size_t n);
Sums prepare_u16(const std::uint16_t* from, std::int16_t* to, std::size_t n);
void dots_u8(const std::uint8_t* b, const std::uint8_t* const* partners, std::size_t count, std::size_t n,
             std::int64_t* out);
void dots_s16(const std::int16_t* b, const std::int16_t* const* partners, std::size_t count, std::size_t n,
              std::int64_t* out);
void centered_dots_f32(const float* b, double b_mean, const float* const* partners, const double* partner_means,
                       std::size_t count, std::size_t n, double* out);
}  // namespace portable

#if ZSPACE_NCC_HAVE_AVX2
namespace avx2 {
Sums prepare_u8(const std::uint8_t* from, std::uint8_t* to, std::size_t n);
Sums sums_u8(const std::uint8_t* pixels, std::size_t n);
Sums prepare_u16(const std::uint16_t* from, std::int16_t* to, std::size_t n);
void dots_u8(const std::uint8_t* b, const std::uint8_t* const* partners, std::size_t count, std::size_t n,
             std::int64_t* out);
void dots_s16(const std::int16_t* b, const std::int16_t* const* partners, std::size_t count, std::size_t n,
              std::int64_t* out);
void centered_dots_f32(const float* b, double b_mean, const float* const* partners, const double* partner_means,
                       std::size_t count, std::size_t n, double* out);
}  // namespace avx2
#endif

}  // namespace zspace::ncc::kernels
