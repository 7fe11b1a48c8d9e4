// ncc against a brute-force two-pass Pearson correlation in double precision.

#include <doctest/doctest.h>

#include <cmath>
#include <random>

#include "core/ncc.hpp"
#include "float_sections.hpp"

namespace {

using zspace::test::random_section;

// Textbook two-pass Pearson over pixels valid in both images.
double brute_force_pearson(const zspace::Section& a, const zspace::Section& b) {
  double ma = 0, mb = 0;
  std::size_t n = 0;
  for (std::size_t i = 0; i < a.pixels.size(); ++i) {
    if (std::isnan(a.pixels[i]) || std::isnan(b.pixels[i])) continue;
    ma += a.pixels[i];
    mb += b.pixels[i];
    ++n;
  }
  ma /= static_cast<double>(n);
  mb /= static_cast<double>(n);
  double sab = 0, saa = 0, sbb = 0;
  for (std::size_t i = 0; i < a.pixels.size(); ++i) {
    if (std::isnan(a.pixels[i]) || std::isnan(b.pixels[i])) continue;
    const double da = a.pixels[i] - ma, db = b.pixels[i] - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return sab / std::sqrt(saa * sbb);
}

// b = mix * a + (1 - mix) * noise, so the expected correlation spans the whole range.
zspace::Section mixed(const zspace::Section& a, const zspace::Section& noise, float mix) {
  zspace::Section b = a;
  for (std::size_t i = 0; i < b.pixels.size(); ++i) b.pixels[i] = mix * a.pixels[i] + (1 - mix) * noise.pixels[i];
  return b;
}

}  // namespace

TEST_CASE("ncc equals brute-force Pearson to 1e-9, with and without NaN masks") {
  std::mt19937 rng(7);
  for (double nan_fraction : {0.0, 0.05, 0.5}) {
    for (float mix : {0.0f, 0.3f, 0.9f, 1.0f}) {
      // A large offset makes naive one-pass sums cancel badly; the metric must not.
      const auto a = random_section(rng, 97, 61, nan_fraction, 1000.0f);
      const auto noise = random_section(rng, 97, 61, nan_fraction, 1000.0f);
      const auto b = mixed(a, noise, mix);
      const double expected = brute_force_pearson(a, b);
      const double got = zspace::ncc::correlate(*zspace::ncc::prepare(a), *zspace::ncc::prepare(b));
      CAPTURE(nan_fraction);
      CAPTURE(mix);
      CHECK(std::abs(got - expected) < 1e-9);
    }
  }
}

TEST_CASE("ncc of a section with itself is 1 and is symmetric") {
  std::mt19937 rng(11);
  const auto a = random_section(rng, 50, 40, 0.1, 0.0f);
  const auto b = random_section(rng, 50, 40, 0.1, 0.0f);
  const auto pa = zspace::ncc::prepare(a), pb = zspace::ncc::prepare(b);
  CHECK(zspace::ncc::correlate(*pa, *pa) == doctest::Approx(1.0).epsilon(1e-12));
  CHECK(zspace::ncc::correlate(*pa, *pb) == zspace::ncc::correlate(*pb, *pa));
}

TEST_CASE("ncc is NaN without usable signal") {
  zspace::Section flat;
  flat.width = 8;
  flat.height = 8;
  flat.pixels.assign(64, 3.0f);
  zspace::Section empty = flat;
  empty.pixels.assign(64, std::numeric_limits<float>::quiet_NaN());
  std::mt19937 rng(3);
  const auto a = random_section(rng, 8, 8, 0.0, 0.0f);
  const auto pf = zspace::ncc::prepare(flat), pe = zspace::ncc::prepare(empty), pa = zspace::ncc::prepare(a);
  CHECK_FALSE(pf->usable());
  CHECK_FALSE(pe->usable());
  CHECK(pa->usable());
  CHECK(std::isnan(zspace::ncc::correlate(*pf, *pa)));
  CHECK(std::isnan(zspace::ncc::correlate(*pe, *pa)));
}
