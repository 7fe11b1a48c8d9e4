// AVX2 kernels. Only functions marked with the avx2 target use AVX2 instructions (the file is
// compiled for the baseline CPU), so nothing here runs unless kernels::avx2_supported().
//
// 8-bit: each 16-bit lane of a 32-byte load holds two pixels; masking and shifting give the
// even and the odd pixel as 16-bit values, and _mm256_madd_epi16 multiplies and adds pairs into
// 32-bit lanes, summed per chunk and then widened to 64 bits.
// 16-bit (shifted to int16): a madd pair sum lies in [-B, 2^31] with B = 2 * 32768 * 32767, so
// sum + B fits an unsigned 32-bit lane exactly even where the signed sum wrapped; those are
// accumulated in 64 bits and the bias is removed at the end.

#include "core/kernel_paths.hpp"

#if ZSPACE_NCC_HAVE_AVX2

#include <immintrin.h>

namespace zspace::ncc::kernels::avx2 {

namespace {

#define ZSPACE_AVX2 __attribute__((target("avx2")))

// Partners dotted in one pass over a chunk of b: enough to share b's loads, few enough that
// every accumulator stays in a register (16 ymm registers).
constexpr int kGroupU8 = 5;
constexpr int kGroupS16 = 4;

ZSPACE_AVX2 inline __m256i load(const void* p) { return _mm256_loadu_si256(static_cast<const __m256i*>(p)); }

// Sum of four 64-bit lanes (modulo 2^64).
ZSPACE_AVX2 inline std::uint64_t sum_u64(__m256i v) {
  const __m128i s = _mm_add_epi64(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
  return static_cast<std::uint64_t>(_mm_cvtsi128_si64(s)) + static_cast<std::uint64_t>(_mm_extract_epi64(s, 1));
}

// Eight unsigned 32-bit lanes widened to 64 bits and summed.
ZSPACE_AVX2 inline std::uint64_t sum_u32(__m256i v) {
  const __m256i lo = _mm256_cvtepu32_epi64(_mm256_castsi256_si128(v));
  const __m256i hi = _mm256_cvtepu32_epi64(_mm256_extracti128_si256(v, 1));
  return sum_u64(_mm256_add_epi64(lo, hi));
}

// Eight signed 32-bit lanes widened to 64 bits and summed.
ZSPACE_AVX2 inline std::int64_t sum_i32(__m256i v) {
  const __m256i lo = _mm256_cvtepi32_epi64(_mm256_castsi256_si128(v));
  const __m256i hi = _mm256_cvtepi32_epi64(_mm256_extracti128_si256(v, 1));
  return static_cast<std::int64_t>(sum_u64(_mm256_add_epi64(lo, hi)));
}

// The madd bias of the 16-bit path (see the file comment).
constexpr std::int32_t kBias = 2 * 32768 * 32767;

// Adds unsigned 32-bit lanes s to 64-bit sums without widening each lane: `whole` takes the
// 64-bit lanes as they are (odd lane * 2^32 + even lane) and `odd` the odd lanes alone, so
// sum of all lanes = whole - odd * (2^32 - 1) (modulo 2^64, exact as the true sum fits).
ZSPACE_AVX2 inline void add_u32_lanes(__m256i s, __m256i& whole, __m256i& odd) {
  whole = _mm256_add_epi64(whole, s);
  odd = _mm256_add_epi64(odd, _mm256_srli_epi64(s, 32));
}
inline std::uint64_t lanes_total(std::uint64_t whole, std::uint64_t odd) { return whole - (odd << 32) + odd; }

// Dots of b with G partners over pixels [begin, end), a multiple of 32 long; adds to out.
template <int G>
ZSPACE_AVX2 void dot_group_u8(const std::uint8_t* b, const std::uint8_t* const* a, std::size_t begin,
                              std::size_t end, std::int64_t* out) {
  const __m256i low_byte = _mm256_set1_epi16(0x00FF);
  __m256i acc[G];
  for (int g = 0; g < G; ++g) acc[g] = _mm256_setzero_si256();
  for (std::size_t i = begin; i < end; i += 32) {
    const __m256i vb = load(b + i);
    const __m256i b_even = _mm256_and_si256(vb, low_byte);
    const __m256i b_odd = _mm256_srli_epi16(vb, 8);
    for (int g = 0; g < G; ++g) {
      const __m256i va = load(a[g] + i);
      const __m256i even = _mm256_madd_epi16(_mm256_and_si256(va, low_byte), b_even);
      const __m256i odd = _mm256_madd_epi16(_mm256_srli_epi16(va, 8), b_odd);
      acc[g] = _mm256_add_epi32(acc[g], _mm256_add_epi32(even, odd));
    }
  }
  for (int g = 0; g < G; ++g) out[g] += static_cast<std::int64_t>(sum_u32(acc[g]));
}

// The same for shifted 16-bit pixels over [begin, end), a multiple of 16 long.
template <int G>
ZSPACE_AVX2 void dot_group_s16(const std::int16_t* b, const std::int16_t* const* a, std::size_t begin,
                               std::size_t end, std::int64_t* out) {
  const __m256i bias = _mm256_set1_epi32(kBias);
  __m256i whole[G], odd[G];
  for (int g = 0; g < G; ++g) whole[g] = odd[g] = _mm256_setzero_si256();
  for (std::size_t i = begin; i < end; i += 16) {
    const __m256i vb = load(b + i);
    for (int g = 0; g < G; ++g) {
      const __m256i s = _mm256_add_epi32(_mm256_madd_epi16(load(a[g] + i), vb), bias);
      add_u32_lanes(s, whole[g], odd[g]);
    }
  }
  const std::uint64_t bias_total = static_cast<std::uint64_t>(kBias) * ((end - begin) / 2);
  for (int g = 0; g < G; ++g)
    out[g] += static_cast<std::int64_t>(lanes_total(sum_u64(whole[g]), sum_u64(odd[g])) - bias_total);
}

// Runs Group<G> over partners in groups of at most kMax; the loop over groups is inside the
// chunk loop, so b's chunk is read from memory once and from L1 by later groups.
template <int kMax, class Pixel, class GroupFn>
void blocked(const Pixel* b, const Pixel* const* partners, std::size_t count, std::size_t vector_end,
             std::int64_t* out, GroupFn group) {
  for (std::size_t c = 0; c < vector_end; c += kChunkPixels) {
    const std::size_t end = c + kChunkPixels < vector_end ? c + kChunkPixels : vector_end;
    for (std::size_t k = 0; k < count; k += kMax) {
      const std::size_t g = count - k < static_cast<std::size_t>(kMax) ? count - k : kMax;
      group(g, b, partners + k, c, end, out + k);
    }
  }
}

// Sums of n 8-bit pixels, copied to `to` when kCopy.
template <bool kCopy>
ZSPACE_AVX2 Sums prepare_u8_avx2(const std::uint8_t* from, std::uint8_t* to, std::size_t n) {
  const std::size_t vector_end = n / 32 * 32;
  const __m256i zero = _mm256_setzero_si256(), low_byte = _mm256_set1_epi16(0x00FF);
  __m256i sum = zero, squares = zero;
  for (std::size_t c = 0; c < vector_end; c += kChunkPixels) {
    const std::size_t end = c + kChunkPixels < vector_end ? c + kChunkPixels : vector_end;
    __m256i sq32 = zero;
    for (std::size_t i = c; i < end; i += 32) {
      const __m256i v = load(from + i);
      if constexpr (kCopy) _mm256_storeu_si256(reinterpret_cast<__m256i*>(to + i), v);
      sum = _mm256_add_epi64(sum, _mm256_sad_epu8(v, zero));
      const __m256i even = _mm256_and_si256(v, low_byte), odd = _mm256_srli_epi16(v, 8);
      sq32 = _mm256_add_epi32(sq32, _mm256_add_epi32(_mm256_madd_epi16(even, even), _mm256_madd_epi16(odd, odd)));
    }
    squares = _mm256_add_epi64(squares, _mm256_add_epi64(_mm256_cvtepu32_epi64(_mm256_castsi256_si128(sq32)),
                                                         _mm256_cvtepu32_epi64(_mm256_extracti128_si256(sq32, 1))));
  }
  const Sums tail = kCopy ? portable::prepare_u8(from + vector_end, to + vector_end, n - vector_end)
                          : portable::sums_u8(from + vector_end, n - vector_end);
  return {static_cast<std::int64_t>(sum_u64(sum)) + tail.sum, sum_u64(squares) + tail.sum_squares};
}

ZSPACE_AVX2 Sums prepare_u16_avx2(const std::uint16_t* from, std::int16_t* to, std::size_t n) {
  const std::size_t vector_end = n / 16 * 16;
  const __m256i zero = _mm256_setzero_si256(), ones = _mm256_set1_epi16(1);
  const __m256i sign = _mm256_set1_epi16(static_cast<short>(0x8000));
  std::int64_t sum = 0;
  __m256i whole = zero, odd = zero;
  for (std::size_t c = 0; c < vector_end; c += kChunkPixels) {
    const std::size_t end = c + kChunkPixels < vector_end ? c + kChunkPixels : vector_end;
    __m256i sum32 = zero;  // pair sums in [-65536, 65534]: a chunk's lane sum fits 32 bits
    for (std::size_t i = c; i < end; i += 16) {
      const __m256i v = _mm256_xor_si256(load(from + i), sign);  // v - 32768 as int16
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(to + i), v);
      sum32 = _mm256_add_epi32(sum32, _mm256_madd_epi16(v, ones));
      add_u32_lanes(_mm256_madd_epi16(v, v), whole, odd);  // in [0, 2^31]: unsigned 32 bits
    }
    sum += sum_i32(sum32);
  }
  const Sums tail = portable::prepare_u16(from + vector_end, to + vector_end, n - vector_end);
  return {sum + tail.sum, lanes_total(sum_u64(whole), sum_u64(odd)) + tail.sum_squares};
}

}  // namespace

// The exported functions carry no target attribute: in C++ GCC would take a declaration and a
// definition with different targets for two versions of one function.
Sums prepare_u8(const std::uint8_t* from, std::uint8_t* to, std::size_t n) {
  return prepare_u8_avx2<true>(from, to, n);
}
Sums sums_u8(const std::uint8_t* pixels, std::size_t n) { return prepare_u8_avx2<false>(pixels, nullptr, n); }
Sums prepare_u16(const std::uint16_t* from, std::int16_t* to, std::size_t n) {
  return prepare_u16_avx2(from, to, n);
}

void dots_u8(const std::uint8_t* b, const std::uint8_t* const* partners, std::size_t count, std::size_t n,
             std::int64_t* out) {
  const std::size_t vector_end = n / 32 * 32;
  for (std::size_t k = 0; k < count; ++k) out[k] = 0;
  blocked<kGroupU8>(b, partners, count, vector_end, out,
                    [](std::size_t g, const std::uint8_t* bb, const std::uint8_t* const* a, std::size_t begin,
                       std::size_t end, std::int64_t* o) {
                      switch (g) {
                        case 1: return dot_group_u8<1>(bb, a, begin, end, o);
                        case 2: return dot_group_u8<2>(bb, a, begin, end, o);
                        case 3: return dot_group_u8<3>(bb, a, begin, end, o);
                        case 4: return dot_group_u8<4>(bb, a, begin, end, o);
                        default: return dot_group_u8<5>(bb, a, begin, end, o);
                      }
                    });
  if (vector_end == n) return;
  for (std::size_t k = 0; k < count; ++k) {
    std::int64_t tail[1];
    const std::uint8_t* p[1] = {partners[k] + vector_end};
    portable::dots_u8(b + vector_end, p, 1, n - vector_end, tail);
    out[k] += tail[0];
  }
}

void dots_s16(const std::int16_t* b, const std::int16_t* const* partners, std::size_t count, std::size_t n,
              std::int64_t* out) {
  const std::size_t vector_end = n / 16 * 16;
  for (std::size_t k = 0; k < count; ++k) out[k] = 0;
  blocked<kGroupS16>(b, partners, count, vector_end, out,
                     [](std::size_t g, const std::int16_t* bb, const std::int16_t* const* a, std::size_t begin,
                        std::size_t end, std::int64_t* o) {
                       switch (g) {
                         case 1: return dot_group_s16<1>(bb, a, begin, end, o);
                         case 2: return dot_group_s16<2>(bb, a, begin, end, o);
                         case 3: return dot_group_s16<3>(bb, a, begin, end, o);
                         default: return dot_group_s16<4>(bb, a, begin, end, o);
                       }
                     });
  if (vector_end == n) return;
  for (std::size_t k = 0; k < count; ++k) {
    std::int64_t tail[1];
    const std::int16_t* p[1] = {partners[k] + vector_end};
    portable::dots_s16(b + vector_end, p, 1, n - vector_end, tail);
    out[k] += tail[0];
  }
}

#undef ZSPACE_AVX2

}  // namespace zspace::ncc::kernels::avx2

#endif  // ZSPACE_NCC_HAVE_AVX2
