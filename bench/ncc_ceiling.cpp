#include "ncc_ceiling.hpp"

#include <benchmark/benchmark.h>

#include <cstdint>
#include <random>
#include <stdexcept>
#include <vector>

#include "core/kernels.hpp"

#if (defined(__x86_64__) || defined(__i386__)) && defined(__GNUC__)
#include <immintrin.h>
#define ZSPACE_CEILING_AVX2 1
#else
#define ZSPACE_CEILING_AVX2 0
#endif

namespace zspace::bench {

#if ZSPACE_CEILING_AVX2

namespace {

namespace kernels = zspace::ncc::kernels;

// One band row of R = 10 partners. The ncc kernel runs on sections of one chunk of its own
// (kChunkPixels: 11 x 32 KiB in L2, read from L1 after b's first pass, as in the band); the
// 4-operation form on 1024 pixels, whose eleven split sections (22 KiB) stay in L1, and sums
// kPasses passes over them before reducing its lanes, as a long section would.
constexpr int kPartners = 10;
constexpr std::size_t kPixelsNcc = 32768;
constexpr std::size_t kPixels = 1024;
constexpr int kPasses = 32;  // 32 x 32 terms per lane, each below 2 * 510^2: exact in 32 bits

#define ZSPACE_CEILING_TARGET __attribute__((target("avx2")))

struct Row {
  std::vector<std::uint8_t> b;
  std::vector<std::vector<std::uint8_t>> partners;
  // The same pixels split per 32: 16 even pixels, then 16 odd ones, as int16.
  std::vector<std::int16_t> b_split;
  std::vector<std::vector<std::int16_t>> partners_split;
  std::int64_t b_xi = 0;  // sum of b[2k] * b[2k+1]
  std::vector<std::int64_t> partner_xi;
};

std::vector<std::int16_t> split(const std::vector<std::uint8_t>& v) {
  std::vector<std::int16_t> out(v.size());
  for (std::size_t c = 0; c < v.size(); c += 32)
    for (std::size_t k = 0; k < 16; ++k) {
      out[c + k] = v[c + 2 * k];
      out[c + 16 + k] = v[c + 2 * k + 1];
    }
  return out;
}

std::int64_t xi(const std::vector<std::uint8_t>& v) {
  std::int64_t s = 0;
  for (std::size_t i = 0; i + 1 < v.size(); i += 2) s += std::int64_t{v[i]} * v[i + 1];
  return s;
}

Row make_row(unsigned seed, std::size_t pixel_count) {
  std::mt19937 random(seed);
  auto pixels = [&] {
    std::vector<std::uint8_t> v(pixel_count);
    for (auto& p : v) p = static_cast<std::uint8_t>(random() & 0xFF);
    return v;
  };
  Row row;
  row.b = pixels();
  row.b_split = split(row.b);
  row.b_xi = xi(row.b);
  for (int k = 0; k < kPartners; ++k) {
    row.partners.push_back(pixels());
    row.partners_split.push_back(split(row.partners.back()));
    row.partner_xi.push_back(xi(row.partners.back()));
  }
  return row;
}

ZSPACE_CEILING_TARGET std::int64_t lane_sum(__m256i v) {
  const __m256i wide = _mm256_add_epi64(_mm256_cvtepi32_epi64(_mm256_castsi256_si128(v)),
                                        _mm256_cvtepi32_epi64(_mm256_extracti128_si256(v, 1)));
  const __m128i s = _mm_add_epi64(_mm256_castsi256_si128(wide), _mm256_extracti128_si256(wide, 1));
  return _mm_cvtsi128_si64(s) + _mm_extract_epi64(s, 1);
}

// out[g] = passes times sum (x_2i + y_2i+1)(x_2i+1 + y_2i) over the pixels, for G partners y:
// G accumulators, x's two halves and the partner's two in registers (G = 5: no spills).
template <int G>
ZSPACE_CEILING_TARGET void winograd_group(const std::int16_t* x, const std::int16_t* const* y, int passes,
                                          std::int64_t* out) {
  __m256i acc[G];
#pragma GCC unroll 16
  for (int g = 0; g < G; ++g) acc[g] = _mm256_setzero_si256();
  for (int pass = 0; pass < passes; ++pass)
    for (std::size_t i = 0; i < kPixels; i += 32) {
      const __m256i xe = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(x + i));
      const __m256i xo = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(x + i + 16));
#pragma GCC unroll 16
      for (int g = 0; g < G; ++g) {
        const __m256i ye = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(y[g] + i));
        const __m256i yo = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(y[g] + i + 16));
        acc[g] = _mm256_add_epi32(acc[g], _mm256_madd_epi16(_mm256_add_epi16(xe, yo), _mm256_add_epi16(xo, ye)));
      }
    }
#pragma GCC unroll 16
  for (int g = 0; g < G; ++g) out[g] = lane_sum(acc[g]);
}

void winograd_row(const std::int16_t* x, const std::int16_t* const* y, int passes, std::int64_t* out) {
  // Two groups of five were faster here than eight and two (118 against 100 G/s on two cores).
  static_assert(kPartners % 5 == 0);
  for (int g = 0; g < kPartners; g += 5) winograd_group<5>(x, y + g, passes, out + g);
}

std::vector<std::int64_t> dots_by_ncc_kernel(const Row& row) {
  std::vector<const std::uint8_t*> p;
  for (const auto& v : row.partners) p.push_back(v.data());
  std::vector<std::int64_t> out(kPartners);
  kernels::dots_u8(row.b.data(), p.data(), p.size(), row.b.size(), out.data(), kernels::Path::avx2);
  return out;
}

std::vector<std::int64_t> dots_by_winograd(const Row& row) {
  std::vector<const std::int16_t*> p;
  for (const auto& v : row.partners_split) p.push_back(v.data());
  std::vector<std::int64_t> out(kPartners);
  winograd_row(row.b_split.data(), p.data(), 1, out.data());
  for (int k = 0; k < kPartners; ++k) out[k] -= row.b_xi + row.partner_xi[k];
  return out;
}

void count_products(benchmark::State& state, std::size_t pixels_per_iteration) {
  state.counters["products"] = benchmark::Counter(
      static_cast<double>(state.iterations()) * kPartners * static_cast<double>(pixels_per_iteration),
      benchmark::Counter::kIsRate);
}

void ncc_kernel_l1(benchmark::State& state) {
  const Row row = make_row(static_cast<unsigned>(state.thread_index()) + 1, kPixelsNcc);
  std::vector<const std::uint8_t*> p;
  for (const auto& v : row.partners) p.push_back(v.data());
  std::int64_t out[kPartners];
  for (auto _ : state) {
    kernels::dots_u8(row.b.data(), p.data(), p.size(), kPixelsNcc, out, kernels::Path::avx2);
    benchmark::DoNotOptimize(out);
    benchmark::ClobberMemory();
  }
  count_products(state, kPixelsNcc);
}

void exact_4op_l1(benchmark::State& state) {
  const Row row = make_row(static_cast<unsigned>(state.thread_index()) + 1, kPixels);
  std::vector<const std::int16_t*> p;
  for (const auto& v : row.partners_split) p.push_back(v.data());
  std::int64_t out[kPartners];
  for (auto _ : state) {
    winograd_row(row.b_split.data(), p.data(), kPasses, out);
    benchmark::DoNotOptimize(out);
    benchmark::ClobberMemory();
  }
  count_products(state, kPixels * kPasses);
}

}  // namespace

void register_ncc_ceiling(int threads) {
  if (!kernels::avx2_supported()) return;
  const Row check = make_row(7, kPixels);
  if (dots_by_ncc_kernel(check) != dots_by_winograd(check))
    throw std::logic_error("ceiling: the 4-operation form does not reproduce ncc's dot products");
  benchmark::RegisterBenchmark("ceiling/ncc_kernel_l1", ncc_kernel_l1)->Threads(threads)->UseRealTime();
  benchmark::RegisterBenchmark("ceiling/exact_4op_l1", exact_4op_l1)->Threads(threads)->UseRealTime();
}

#else

void register_ncc_ceiling(int) {}

#endif

}  // namespace zspace::bench
