// ncc on 8- and 16-bit sections (exact integer sums) against a double-precision reference.

#include <doctest/doctest.h>

#include <cmath>
#include <random>
#include <stdexcept>

#include "core/ncc.hpp"
#include "integer_sections.hpp"

namespace {

using zspace::PixelDepth;
using zspace::test::brute_force_pearson;
using zspace::test::random_integer_section;

double ncc(const zspace::Section& a, const zspace::Section& b) {
  return zspace::ncc::correlate(*zspace::ncc::prepare(a), *zspace::ncc::prepare(b));
}

struct Range {
  int lo, hi;
};

}  // namespace

TEST_CASE("ncc on 8-bit and 16-bit sections equals brute-force Pearson to 1e-6") {
  std::mt19937 rng(5);
  // 16-bit values near 65535 overflow any 32-bit product sum and a naive madd of v - 32768;
  // 97 x 61 pixels leave a tail after the vector loop, 257 x 131 spans two chunks.
  const struct {
    PixelDepth depth;
    Range range;
  } cases[] = {{PixelDepth::uint8, {0, 255}},         {PixelDepth::uint8, {250, 255}},
               {PixelDepth::uint16, {0, 65535}},      {PixelDepth::uint16, {65000, 65535}},
               {PixelDepth::uint16, {0, 300}},        {PixelDepth::uint16, {30000, 36000}}};
  for (const auto& c : cases) {
    for (const auto& [w, h] : {std::pair{97, 61}, std::pair{257, 131}}) {
      for (double mix : {0.0, 0.3, 0.9, 1.0}) {
        const auto a = random_integer_section(rng, c.depth, w, h, c.range.lo, c.range.hi);
        const auto b = random_integer_section(rng, c.depth, w, h, c.range.lo, c.range.hi, &a, mix);
        CAPTURE(static_cast<int>(c.depth));
        CAPTURE(c.range.lo);
        CAPTURE(w);
        CAPTURE(mix);
        CHECK(std::abs(ncc(a, b) - brute_force_pearson(a, b)) < 1e-6);
        CHECK(ncc(a, b) == ncc(b, a));
      }
    }
  }
}

TEST_CASE("ncc of 16-bit sections holding only 0 and 65535 is exact") {
  // Every madd pair of two zero pixels sums to 2^31 after the shift: the wrap-around case.
  std::mt19937 rng(9);
  auto a = random_integer_section(rng, PixelDepth::uint16, 64, 33, 0, 1);
  auto b = random_integer_section(rng, PixelDepth::uint16, 64, 33, 0, 1, &a, 0.7);
  for (auto* s : {&a, &b})
    for (auto& v : s->pixels16) v = v ? 65535 : 0;
  std::fill(a.pixels16.begin(), a.pixels16.begin() + 200, 0);
  std::fill(b.pixels16.begin(), b.pixels16.begin() + 200, 0);
  CHECK(std::abs(ncc(a, b) - brute_force_pearson(a, b)) < 1e-12);
  CHECK(ncc(a, a) == doctest::Approx(1.0).epsilon(1e-15));
}

TEST_CASE("ncc pairs across depths (8-bit, 16-bit, float) agree with the reference") {
  std::mt19937 rng(13);
  const auto a8 = random_integer_section(rng, PixelDepth::uint8, 45, 37, 0, 255);
  const auto b8 = random_integer_section(rng, PixelDepth::uint8, 45, 37, 0, 255, &a8, 0.6);
  const double expected = brute_force_pearson(a8, b8);
  for (PixelDepth da : {PixelDepth::uint8, PixelDepth::uint16, PixelDepth::float32}) {
    for (PixelDepth db : {PixelDepth::uint8, PixelDepth::uint16, PixelDepth::float32}) {
      CAPTURE(static_cast<int>(da));
      CAPTURE(static_cast<int>(db));
      const auto a = zspace::test::with_depth(a8, da), b = zspace::test::with_depth(b8, db);
      CHECK(std::abs(ncc(a, b) - expected) < 1e-9);
      CHECK(ncc(a, a) == doctest::Approx(1.0).epsilon(1e-12));
    }
  }
  // A 16-bit section with values beyond 8 bits against an 8-bit one.
  const auto c16 = random_integer_section(rng, PixelDepth::uint16, 45, 37, 1000, 65535, &a8, 0.5);
  CHECK(std::abs(ncc(a8, c16) - brute_force_pearson(a8, c16)) < 1e-9);
  CHECK(ncc(a8, c16) == ncc(c16, a8));
}

TEST_CASE("constant or one-pixel integer sections are unusable and give NaN") {
  std::mt19937 rng(17);
  const auto a8 = random_integer_section(rng, PixelDepth::uint8, 40, 30, 0, 255);
  const auto a16 = random_integer_section(rng, PixelDepth::uint16, 40, 30, 0, 65535);
  for (const auto& [depth, value] : {std::pair{PixelDepth::uint8, 0}, std::pair{PixelDepth::uint8, 255},
                                     std::pair{PixelDepth::uint16, 0}, std::pair{PixelDepth::uint16, 65535}}) {
    const auto flat = random_integer_section(rng, depth, 40, 30, value, value);
    const auto p = zspace::ncc::prepare(flat);
    CAPTURE(value);
    CHECK_FALSE(p->usable());
    CHECK(std::isnan(ncc(flat, a8)));
    CHECK(std::isnan(ncc(a16, flat)));
  }
  const auto one = random_integer_section(rng, PixelDepth::uint8, 1, 1, 0, 255);
  CHECK_FALSE(zspace::ncc::prepare(one)->usable());
  auto two = random_integer_section(rng, PixelDepth::uint8, 2, 1, 0, 255);
  two.pixels8 = {3, 4};
  CHECK(zspace::ncc::prepare(two)->usable());
  CHECK(zspace::ncc::prepare(a8)->usable());
}

TEST_CASE("ncc refuses integer sections beyond its exact sums, naming the size") {
  zspace::Section huge;  // the size check comes before any pixel is touched
  huge.width = 65536;
  huge.height = 65537;
  huge.depth = PixelDepth::uint8;
  CHECK_THROWS_WITH_AS(zspace::ncc::prepare(huge),
                       "ncc: a section of 4295032832 pixels is larger than the 4294967296 pixels of its exact "
                       "integer sums",
                       std::runtime_error);
}

TEST_CASE("ncc refuses an integer section whose pixel count does not match its size") {
  zspace::Section s;
  s.width = 4;
  s.height = 4;
  s.depth = PixelDepth::uint16;
  s.pixels16.assign(3, 7);
  CHECK_THROWS_WITH_AS(zspace::ncc::prepare(s), "ncc: a 4x4 section holds 3 pixels", std::invalid_argument);
}
