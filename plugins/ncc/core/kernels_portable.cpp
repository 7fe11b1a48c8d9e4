// Portable kernels: plain loops, chunked like the AVX2 path so that b stays in cache.

#include <algorithm>

#include "core/kernel_paths.hpp"

namespace zspace::ncc::kernels::portable {

namespace {

// Sums of n 8-bit pixels, copied to `to` when kCopy.
template <bool kCopy>
Sums sums_and_copy_u8(const std::uint8_t* from, std::uint8_t* to, std::size_t n) {
  std::uint64_t sum = 0, squares = 0;
  for (std::size_t c = 0; c < n; c += kChunkPixels) {
    const std::size_t end = std::min(n, c + kChunkPixels);
    std::uint32_t s1 = 0, s2 = 0;  // a chunk's sums fit 32 bits (kChunkPixels)
    for (std::size_t i = c; i < end; ++i) {
      const std::uint32_t v = from[i];
      if constexpr (kCopy) to[i] = from[i];
      s1 += v;
      s2 += v * v;
    }
    sum += s1;
    squares += s2;
  }
  return {static_cast<std::int64_t>(sum), squares};
}

}  // namespace

Sums prepare_u8(const std::uint8_t* from, std::uint8_t* to, std::size_t n) { return sums_and_copy_u8<true>(from, to, n); }
Sums sums_u8(const std::uint8_t* pixels, std::size_t n) { return sums_and_copy_u8<false>(pixels, nullptr, n); }

Sums prepare_u16(const std::uint16_t* from, std::int16_t* to, std::size_t n) {
  std::int64_t sum = 0;
  std::uint64_t squares = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const std::int32_t v = static_cast<std::int32_t>(from[i]) - 32768;
    to[i] = static_cast<std::int16_t>(v);
    sum += v;
    squares += static_cast<std::uint32_t>(v * v);  // at most 2^30
  }
  return {sum, squares};
}

void dots_u8(const std::uint8_t* b, const std::uint8_t* const* partners, std::size_t count, std::size_t n,
             std::int64_t* out) {
  std::fill(out, out + count, 0);
  for (std::size_t c = 0; c < n; c += kChunkPixels) {
    const std::size_t end = std::min(n, c + kChunkPixels);
    for (std::size_t k = 0; k < count; ++k) {
      const std::uint8_t* a = partners[k];
      std::uint32_t acc = 0;
      for (std::size_t i = c; i < end; ++i) acc += static_cast<std::uint32_t>(a[i]) * b[i];
      out[k] += acc;
    }
  }
}

void dots_s16(const std::int16_t* b, const std::int16_t* const* partners, std::size_t count, std::size_t n,
              std::int64_t* out) {
  std::fill(out, out + count, 0);
  for (std::size_t c = 0; c < n; c += kChunkPixels) {
    const std::size_t end = std::min(n, c + kChunkPixels);
    for (std::size_t k = 0; k < count; ++k) {
      const std::int16_t* a = partners[k];
      std::int64_t acc = 0;
      for (std::size_t i = c; i < end; ++i) acc += static_cast<std::int32_t>(a[i]) * b[i];  // |.| <= 2^30
      out[k] += acc;
    }
  }
}

}  // namespace zspace::ncc::kernels::portable
