// fft-correlation: identity, symmetry, the shift convention, missing values and the overlap rule.

#include <doctest/doctest.h>

#include <cmath>
#include <random>
#include <stdexcept>
#include <string>

#include "core/fft_correlation.hpp"
#include "fft_reference.hpp"

using namespace zspace::test::fft;
using zspace::fft_correlation::Correlator;

TEST_CASE("a section compared with itself gives 1 at shift 0") {
  std::mt19937 rng(1);
  for (Window window : {Window::none, Window::hann}) {
    for (double nan_fraction : {0.0, 0.25}) {
      const Correlator c(Options{8, window, 0.5});
      const auto p = c.prepare(random_section(rng, 37, 29, nan_fraction, 300.0f));
      const auto r = c.compare(*p, *p);
      CHECK(r.value == doctest::Approx(1.0).epsilon(1e-12));
      CHECK(r.shift_x == 0);
      CHECK(r.shift_y == 0);
    }
  }
}

TEST_CASE("swapping the sections gives the same value and the negated shift") {
  std::mt19937 rng(2);
  for (Window window : {Window::none, Window::hann}) {
    const Correlator c(Options{6, window, 0.5});
    for (double nan_fraction : {0.0, 0.2}) {
      const auto base = random_section(rng, 50, 40, 0.0);
      auto a = crop(base, 5, 5, 40, 30), b = crop(base, 8, 4, 40, 30);
      for (auto& v : b.pixels) v += static_cast<float>(rng() % 50);
      if (nan_fraction > 0) a.pixels[7] = b.pixels[100] = kNaN;
      const auto pa = c.prepare(a), pb = c.prepare(b);
      const auto ab = c.compare(*pa, *pb), ba = c.compare(*pb, *pa);
      CHECK(ab.value == ba.value);
      CHECK(ab.shift_x == -ba.shift_x);
      CHECK(ab.shift_y == -ba.shift_y);
      CHECK(ab.shift_x == -3);
      CHECK(ab.shift_y == 1);
    }
  }
}

TEST_CASE("shift convention: b(x, y) = a(x - 3, y + 2) is reported as shift (+3, -2)") {
  std::mt19937 rng(3);
  const auto base = random_section(rng, 60, 60, 0.0);
  const auto a = crop(base, 10, 10, 40, 40);
  const auto b = crop(base, 10 - 3, 10 + 2, 40, 40);
  REQUIRE(b.at(20, 20) == a.at(17, 22));
  const Correlator c(Options{8, Window::none, 0.5});
  const auto r = c.compare(*c.prepare(a), *c.prepare(b));
  CHECK(r.shift_x == 3);
  CHECK(r.shift_y == -2);
  CHECK(r.value == doctest::Approx(1.0).epsilon(1e-12));
}

TEST_CASE("constant and all-invalid sections are unusable and compare as NaN") {
  std::mt19937 rng(4);
  const Correlator c(Options{});
  const auto constant = c.prepare(float_section(20, 10, std::vector<float>(200, 7.0f)));
  const auto invalid = c.prepare(float_section(20, 10, std::vector<float>(200, kNaN)));
  const auto single = [&] {
    std::vector<float> p(200, kNaN);
    p[50] = 3.0f;
    return c.prepare(float_section(20, 10, p));
  }();
  const auto noise = c.prepare(random_section(rng, 20, 10, 0.0));
  CHECK_FALSE(constant->usable());
  CHECK_FALSE(invalid->usable());
  CHECK_FALSE(single->usable());
  CHECK(noise->usable());
  CHECK(std::isnan(c.compare(*constant, *noise).value));
  CHECK(std::isnan(c.compare(*noise, *invalid).value));
}

TEST_CASE("sections without a common valid pixel at any allowed shift compare as NaN") {
  std::mt19937 rng(5);
  auto a = random_section(rng, 30, 20, 0.0), b = random_section(rng, 30, 20, 0.0);
  for (int y = 0; y < 20; ++y)
    for (int x = 0; x < 30; ++x) (x < 15 ? b : a).pixels[static_cast<std::size_t>(y * 30 + x)] = kNaN;
  for (int max_shift : {0, 4}) {
    const Correlator c(Options{max_shift, Window::none, 0.5});
    const auto r = c.compare(*c.prepare(a), *c.prepare(b));
    CHECK(std::isnan(r.value));
    CHECK(r.shift_x == 0);
    CHECK(r.shift_y == 0);
  }
}

TEST_CASE("shifts whose overlap is below min_overlap are not considered") {
  // b is a moved by 12 pixels along x: the perfect match overlaps 8 of 20 columns (40%).
  std::mt19937 rng(6);
  const auto base = random_section(rng, 40, 20, 0.0);
  const auto a = crop(base, 14, 0, 20, 20), b = crop(base, 2, 0, 20, 20);
  const Correlator strict(Options{12, Window::none, 0.5});
  const Correlator loose(Options{12, Window::none, 0.4});
  const auto rs = strict.compare(*strict.prepare(a), *strict.prepare(b));
  const auto rl = loose.compare(*loose.prepare(a), *loose.prepare(b));
  CHECK(rs.shift_x != 12);
  CHECK(rs.value < 0.5);
  CHECK(rl.shift_x == 12);
  CHECK(rl.shift_y == 0);
  CHECK(rl.value == doctest::Approx(1.0).epsilon(1e-12));
}

TEST_CASE("sections of different size and out-of-range options are refused with a message") {
  std::mt19937 rng(7);
  const Correlator c(Options{});
  auto small = random_section(rng, 20, 10, 0.0), big = random_section(rng, 21, 10, 0.0);
  small.index = 3;
  big.index = 4;
  try {
    c.compare(*c.prepare(small), *c.prepare(big));
    FAIL("no exception");
  } catch (const std::invalid_argument& e) {
    const std::string m = e.what();
    CHECK(m.find("sections 3 (20x10) and 4 (21x10) differ in size") != std::string::npos);
  }
  CHECK_THROWS_AS(Correlator(Options{-1, Window::none, 0.5}), std::invalid_argument);
  CHECK_THROWS_AS(Correlator(Options{8, Window::none, 1.5}), std::invalid_argument);
  CHECK_THROWS_AS(c.prepare(float_section(0, 0, {})), std::invalid_argument);
}

TEST_CASE("uint8 and uint16 sections give the same result as their float copies") {
  std::mt19937 rng(8);
  zspace::Section a8, b16;
  a8.width = b16.width = 30;
  a8.height = b16.height = 20;
  a8.depth = zspace::PixelDepth::uint8;
  b16.depth = zspace::PixelDepth::uint16;
  for (int k = 0; k < 600; ++k) {
    a8.pixels8.push_back(static_cast<std::uint8_t>(rng() % 256));
    b16.pixels16.push_back(static_cast<std::uint16_t>(rng() % 65536));
  }
  const Correlator c(Options{});
  const auto direct = c.compare(*c.prepare(a8), *c.prepare(b16));
  const auto via_float = c.compare(*c.prepare(zspace::to_float(a8)), *c.prepare(zspace::to_float(b16)));
  CHECK(direct.value == via_float.value);
  CHECK(direct.shift_x == via_float.shift_x);
  CHECK(direct.shift_y == via_float.shift_y);
}
