#pragma once
// Exact integer kernels of the ncc metric on 8- and 16-bit pixels: per-section sums and the
// dot products of one section with several partners. Every result is an exact integer, so the
// portable and AVX2 paths, any chunking and any thread count give the same bits.
//
// 16-bit pixels are kept shifted, as s = v - 32768 in an int16 (the AVX2 multiply-add takes
// signed 16-bit operands); 8-bit pixels as they are. Pearson's correlation does not change
// under such a shift.

#include <cstddef>
#include <cstdint>

namespace zspace::ncc::kernels {

/// Which implementation runs.
enum class Path {
  portable,  ///< plain C++, any CPU
  avx2       ///< x86-64 AVX2 intrinsics; only where avx2_supported()
};

/// True when this build has the AVX2 path and the CPU runs it.
bool avx2_supported();

/// The path the metric uses: AVX2 where supported, otherwise portable.
Path fastest_path();

/// Exact sums of one section's values s (8-bit pixels, or shifted 16-bit pixels v - 32768).
struct Sums {
  std::int64_t sum = 0;           ///< sum of s
  std::uint64_t sum_squares = 0;  ///< sum of s*s
};

/// Copies n 8-bit pixels to `to` and returns their sums, in one pass over the pixels. Throws
/// std::invalid_argument for Path::avx2 where unsupported.
Sums prepare_u8(const std::uint8_t* from, std::uint8_t* to, std::size_t n, Path path);
/// The sums of n 8-bit pixels left where they are (prepare_u8 without the copy).
Sums sums_u8(const std::uint8_t* pixels, std::size_t n, Path path);
/// Copies n 16-bit pixels to `to` shifted (v - 32768) and returns the sums of the shifted
/// values, in one pass. `to` may be `from` itself (shifts in place). Same contract as prepare_u8.
Sums prepare_u16(const std::uint16_t* from, std::int16_t* to, std::size_t n, Path path);

/// out[k] = sum over i < n of b[i] * partners[k][i], for k < count: section b against each
/// partner, all of n pixels. Walks the pixels in cache-sized chunks and dots each chunk of b
/// with the same chunk of every partner, so b is read from memory once for all partners.
/// Throws std::invalid_argument for Path::avx2 where unsupported.
void dots_u8(const std::uint8_t* b, const std::uint8_t* const* partners, std::size_t count, std::size_t n,
             std::int64_t* out, Path path);
/// The same for shifted 16-bit pixels: out[k] = sum of b[i] * partners[k][i], each v - 32768.
void dots_s16(const std::int16_t* b, const std::int16_t* const* partners, std::size_t count, std::size_t n,
              std::int64_t* out, Path path);

/// Lanes of the float dot products: pixel i is summed into lane i % kFloatLanes, and the lanes
/// are added in order at the end. Both paths keep this order (and round every product and sum
/// to double the same way, without fused multiply-adds), so they give the same bits.
constexpr std::size_t kFloatLanes = 16;

/// out[k] = sum over i < n of (partners[k][i] - partner_means[k]) * (b[i] - b_mean), in double,
/// for k < count: float sections without invalid pixels, each centred on its own mean. Walks
/// the pixels in chunks whose centred b is computed once for all partners. Throws
/// std::invalid_argument for Path::avx2 where unsupported.
void centered_dots_f32(const float* b, double b_mean, const float* const* partners, const double* partner_means,
                       std::size_t count, std::size_t n, double* out, Path path);

}  // namespace zspace::ncc::kernels
