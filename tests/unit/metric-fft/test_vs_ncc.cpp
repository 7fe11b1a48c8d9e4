// At max_shift 0 without a window, fft-correlation is the ncc metric; with shifts it can only
// be higher.

#include <doctest/doctest.h>

#include <cmath>
#include <random>

#include "core/fft_correlation.hpp"
#include "core/ncc.hpp"
#include "fft_reference.hpp"

using namespace zspace::test::fft;
using zspace::fft_correlation::Correlator;

namespace {
double ncc(const zspace::Section& a, const zspace::Section& b) {
  return zspace::ncc::correlate(*zspace::ncc::prepare(a), *zspace::ncc::prepare(b));
}
}  // namespace

TEST_CASE("max_shift 0 without a window equals ncc on sample-stack sections") {
  const Correlator c(Options{0, Window::none, 0.5});
  for (std::size_t i : {0u, 60u, 200u}) {
    for (std::size_t d : {1u, 3u, 10u}) {
      const auto a = sample_section(i), b = sample_section(i + d);
      CAPTURE(i);
      CAPTURE(d);
      const auto r = c.compare(*c.prepare(a), *c.prepare(b));
      CHECK(std::abs(r.value - ncc(a, b)) < 1e-12);
      CHECK(r.shift_x == 0);
      CHECK(r.shift_y == 0);
    }
  }
}

TEST_CASE("max_shift 0 without a window equals ncc on random images, with and without masks") {
  std::mt19937 rng(31);
  const Correlator c(Options{0, Window::none, 0.5});
  for (double nan_fraction : {0.0, 0.05, 0.5}) {
    for (float offset : {0.0f, 10000.0f}) {
      const auto a = random_section(rng, 97, 61, nan_fraction, offset);
      auto b = random_section(rng, 97, 61, nan_fraction, offset);
      for (std::size_t k = 0; k < b.pixels.size(); ++k) b.pixels[k] = 0.6f * a.pixels[k] + 0.4f * b.pixels[k];
      CAPTURE(nan_fraction);
      CAPTURE(offset);
      CHECK(std::abs(c.compare(*c.prepare(a), *c.prepare(b)).value - ncc(a, b)) < 1e-10);
    }
  }
}

TEST_CASE("searching shifts never gives less than the unshifted correlation") {
  const Correlator shifted(Options{8, Window::none, 0.5});
  for (std::size_t i : {20u, 120u}) {
    const auto a = sample_section(i), b = sample_section(i + 4);
    const auto r = shifted.compare(*shifted.prepare(a), *shifted.prepare(b));
    CHECK(r.value >= ncc(a, b) - 1e-12);
    CHECK(r.value < 1.0);
  }
}
