// The kernels of ncc: the exact integer kernels of the AVX2 and portable paths against a plain
// 64-bit reference and against each other, for every partner-group size, chunk boundary and tail
// length; the float kernels of both paths against each other (bit for bit) and long double.

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <random>
#include <stdexcept>
#include <vector>

#include "core/kernels.hpp"

namespace {

namespace k = zspace::ncc::kernels;

// Lengths around the 16/32-pixel vectors and the 32768-pixel chunks.
const std::size_t kLengths[] = {0, 1, 15, 16, 31, 32, 33, 1000, 32767, 32768, 32769, 2 * 32768 + 17};

std::vector<k::Path> paths() {
  std::vector<k::Path> p{k::Path::portable};
  if (k::avx2_supported()) p.push_back(k::Path::avx2);
  return p;
}

template <class T>
std::vector<std::vector<T>> random_rows(std::mt19937& rng, std::size_t rows, std::size_t n, int lo, int hi) {
  std::uniform_int_distribution<int> value(lo, hi);
  std::vector<std::vector<T>> out(rows, std::vector<T>(n));
  for (auto& row : out)
    for (auto& v : row) v = static_cast<T>(value(rng));
  return out;
}

// The stored form of 16-bit pixels: v - 32768.
std::vector<std::int16_t> shifted(const std::vector<std::uint16_t>& row) {
  std::vector<std::int16_t> s;
  for (auto v : row) s.push_back(static_cast<std::int16_t>(static_cast<int>(v) - 32768));
  return s;
}

template <class T>
std::int64_t reference_dot(const std::vector<T>& a, const std::vector<T>& b) {
  std::int64_t s = 0;
  for (std::size_t i = 0; i < a.size(); ++i) s += static_cast<std::int64_t>(a[i]) * b[i];
  return s;
}

template <class T>
k::Sums reference_sums(const std::vector<T>& a) {
  k::Sums s;
  for (T v : a) {
    s.sum += v;
    s.sum_squares += static_cast<std::uint64_t>(static_cast<std::int64_t>(v) * v);
  }
  return s;
}

// dots of every path on stored rows: rows[0] against the first `count` of rows[1..], for every
// count (every AVX2 group size, and remainders after full groups), against the reference.
template <class T, class DotsFn>
void check_dots(const std::vector<std::vector<T>>& rows, DotsFn dots) {
  const std::size_t n = rows[0].size();
  std::vector<std::int64_t> expected;
  for (std::size_t q = 1; q < rows.size(); ++q) expected.push_back(reference_dot(rows[0], rows[q]));
  for (k::Path path : paths()) {
    CAPTURE(static_cast<int>(path));
    CAPTURE(n);
    for (std::size_t count = 1; count < rows.size(); ++count) {
      std::vector<const T*> partners;
      for (std::size_t q = 1; q <= count; ++q) partners.push_back(rows[q].data());
      std::vector<std::int64_t> out(count, -1);
      dots(rows[0].data(), partners.data(), count, n, out.data(), path);
      for (std::size_t q = 0; q < count; ++q) CHECK(out[q] == expected[q]);
    }
  }
}

void check_u8(const std::vector<std::vector<std::uint8_t>>& rows) {
  const auto& row = rows[0];
  const k::Sums expected = reference_sums(row);
  for (k::Path path : paths()) {
    std::vector<std::uint8_t> copy(row.size(), 0);
    const k::Sums s = k::prepare_u8(row.data(), copy.data(), row.size(), path);
    CHECK(s.sum == expected.sum);
    CHECK(s.sum_squares == expected.sum_squares);
    CHECK(copy == row);
    const k::Sums in_place = k::sums_u8(row.data(), row.size(), path);
    CHECK(in_place.sum == expected.sum);
    CHECK(in_place.sum_squares == expected.sum_squares);
  }
  check_dots(rows, k::dots_u8);
}

void check_u16(const std::vector<std::vector<std::uint16_t>>& rows) {
  std::vector<std::vector<std::int16_t>> stored;
  for (const auto& r : rows) stored.push_back(shifted(r));
  const k::Sums expected = reference_sums(stored[0]);
  for (k::Path path : paths()) {
    std::vector<std::int16_t> copy(rows[0].size(), 0);
    const k::Sums s = k::prepare_u16(rows[0].data(), copy.data(), rows[0].size(), path);
    CHECK(s.sum == expected.sum);
    CHECK(s.sum_squares == expected.sum_squares);
    CHECK(copy == stored[0]);
    std::vector<std::uint16_t> in_place = rows[0];  // shifted where it lies, as prepare_owned does
    auto* target = reinterpret_cast<std::int16_t*>(in_place.data());
    const k::Sums t = k::prepare_u16(in_place.data(), target, in_place.size(), path);
    CHECK(t.sum == expected.sum);
    CHECK(t.sum_squares == expected.sum_squares);
    CHECK(std::equal(stored[0].begin(), stored[0].end(), target));
  }
  check_dots(stored, k::dots_s16);
}

}  // namespace

TEST_CASE("8-bit kernels: AVX2 and portable paths equal the 64-bit reference") {
  if (!k::avx2_supported()) MESSAGE("this CPU has no AVX2: only the portable path is checked");
  std::mt19937 rng(21);
  for (std::size_t n : kLengths) {
    check_u8(random_rows<std::uint8_t>(rng, 12, n, 0, 255));
    check_u8(random_rows<std::uint8_t>(rng, 7, n, 255, 255));  // the largest products everywhere
  }
}

TEST_CASE("16-bit kernels: AVX2 and portable paths equal the 64-bit reference at the extremes") {
  std::mt19937 rng(23);
  for (std::size_t n : kLengths) {
    check_u16(random_rows<std::uint16_t>(rng, 10, n, 0, 65535));
    // Only 0 (stored -32768): every madd pair sum is 2^31, one past the int32 range.
    check_u16(random_rows<std::uint16_t>(rng, 6, n, 0, 0));
    check_u16(random_rows<std::uint16_t>(rng, 6, n, 65535, 65535));
    check_u16(random_rows<std::uint16_t>(rng, 6, n, 0, 1));
  }
}

TEST_CASE("kernel paths give identical results on a large section") {
  if (!k::avx2_supported()) {
    MESSAGE("this CPU has no AVX2: nothing to compare");
    CHECK_THROWS_AS(k::prepare_u8(nullptr, nullptr, 0, k::Path::avx2), std::invalid_argument);
    return;
  }
  std::mt19937 rng(29);
  const std::size_t n = 512 * 509;
  const auto u8 = random_rows<std::uint8_t>(rng, 11, n, 0, 255);
  const auto u16 = random_rows<std::uint16_t>(rng, 11, n, 0, 65535);
  std::vector<std::vector<std::int16_t>> s16;
  for (const auto& r : u16) s16.push_back(shifted(r));
  std::vector<const std::uint8_t*> p8;
  std::vector<const std::int16_t*> p16;
  for (std::size_t q = 1; q < 11; ++q) {
    p8.push_back(u8[q].data());
    p16.push_back(s16[q].data());
  }
  std::vector<std::int64_t> a(10), b(10), c(10), d(10);
  k::dots_u8(u8[0].data(), p8.data(), 10, n, a.data(), k::Path::portable);
  k::dots_u8(u8[0].data(), p8.data(), 10, n, b.data(), k::Path::avx2);
  k::dots_s16(s16[0].data(), p16.data(), 10, n, c.data(), k::Path::portable);
  k::dots_s16(s16[0].data(), p16.data(), 10, n, d.data(), k::Path::avx2);
  CHECK(a == b);
  CHECK(c == d);
  std::vector<std::uint8_t> copy8(n);
  std::vector<std::int16_t> copy16(n);
  const k::Sums e = k::prepare_u8(u8[3].data(), copy8.data(), n, k::Path::portable);
  const k::Sums f = k::prepare_u8(u8[3].data(), copy8.data(), n, k::Path::avx2);
  const k::Sums g = k::prepare_u16(u16[3].data(), copy16.data(), n, k::Path::portable);
  const k::Sums h = k::prepare_u16(u16[3].data(), copy16.data(), n, k::Path::avx2);
  CHECK((e.sum == f.sum && e.sum_squares == f.sum_squares));
  CHECK((g.sum == h.sum && g.sum_squares == h.sum_squares));
}

TEST_CASE("float kernels: both paths give the same bits and match a long-double reference") {
  std::mt19937 rng(37);
  std::normal_distribution<float> noise(0.0f, 1.0f);
  // Around the 16 lanes and the 4096-pixel chunks.
  for (std::size_t n : {std::size_t{1}, std::size_t{15}, std::size_t{16}, std::size_t{17}, std::size_t{4095},
                        std::size_t{4096}, std::size_t{4097}, std::size_t{3 * 4096 + 21}}) {
    CAPTURE(n);
    // An offset far from zero, as in raw intensities: the centring must not lose the signal.
    std::vector<std::vector<float>> rows(6, std::vector<float>(n));
    for (std::size_t i = 0; i < n; ++i) {
      const float common = noise(rng);
      for (std::size_t r = 0; r < rows.size(); ++r)
        rows[r][i] = 1000.0f + 20.0f * common * static_cast<float>(r + 1) / 6.0f + noise(rng);
    }
    std::vector<double> means;
    for (const auto& row : rows) {
      long double sum = 0;
      for (float v : row) sum += v;
      means.push_back(static_cast<double>(sum / static_cast<long double>(n)));
    }
    std::vector<const float*> partners;
    for (std::size_t r = 1; r < rows.size(); ++r) partners.push_back(rows[r].data());
    const std::size_t count = partners.size();
    std::vector<std::vector<double>> results;
    for (k::Path path : paths()) {
      std::vector<double> out(count);
      k::centered_dots_f32(rows[0].data(), means[0], partners.data(), means.data() + 1, count, n, out.data(), path);
      results.push_back(out);
      for (std::size_t q = 0; q < count; ++q) {
        long double expected = 0, scale = 0;
        for (std::size_t i = 0; i < n; ++i) {
          const long double term = (static_cast<long double>(rows[q + 1][i]) - means[q + 1]) *
                                   (static_cast<long double>(rows[0][i]) - means[0]);
          expected += term;
          scale += std::fabs(term);
        }
        CHECK(std::fabs(static_cast<long double>(out[q]) - expected) <= 1e-12L * scale + 1e-300L);
      }
      // One partner at a time gives the same bits as the batch (compare vs compare_many).
      for (std::size_t q = 0; q < count; ++q) {
        double one = 0;
        k::centered_dots_f32(rows[0].data(), means[0], &partners[q], &means[q + 1], 1, n, &one, path);
        CHECK(std::memcmp(&one, &out[q], sizeof one) == 0);
      }
    }
    if (results.size() == 2) CHECK(std::memcmp(results[0].data(), results[1].data(), count * sizeof(double)) == 0);
  }
}
