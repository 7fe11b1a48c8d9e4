// Steps of the pair distance: robust statistics, the monotone fit, the curve inversion, and the
// combination over tiles.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "calibrated_test_support.hpp"
#include "core/curve_inversion.hpp"
#include "core/pair_distances.hpp"
#include "core/robust_stats.hpp"

namespace {

using namespace zspace::calibrated;
constexpr double kInf = std::numeric_limits<double>::infinity();

TEST_CASE("median and MAD: infinity counts as the largest value, an empty list has none") {
  CHECK(median({3, 1, 2}) == 2);
  CHECK(median({4, 1, 3, 2}) == 2.5);
  CHECK(median({1, kInf, 2}) == 2);
  CHECK(median({1, kInf}) == kInf);
  CHECK(median({kInf, 2, kInf, 1}) == kInf);
  CHECK(std::isnan(median({})));
  CHECK(median_absolute_deviation({2, 3, 4, 5}) == 1.0);
  CHECK(median_absolute_deviation({1, 1, 1, 9}) == 0.0);
}

TEST_CASE("non_increasing_fit pools each violating run into its mean") {
  const std::vector<double> fit = non_increasing_fit(std::vector<double>{1, 0.8, 0.9, 0.5, 0.6, 0.7, 0.2});
  const std::vector<double> expected{1, 0.85, 0.85, 0.6, 0.6, 0.6, 0.2};
  REQUIRE(fit.size() == expected.size());
  for (std::size_t k = 0; k < fit.size(); ++k) CHECK(fit[k] == doctest::Approx(expected[k]));

  const std::vector<double> monotone{1, 0.9, 0.9, 0.4};
  CHECK(non_increasing_fit(monotone) == monotone);
  CHECK(non_increasing_fit(std::vector<double>{0.3, 0.5, 0.7}) == std::vector<double>{0.5, 0.5, 0.5});
}

TEST_CASE("invert is exact on a piecewise-linear curve and reports the slope it crossed") {
  const std::vector<double> x{0, 1, 2, 3, 4, 6};
  const std::vector<double> c{1, 0.95, 0.9, 0.85, 0.8, 0.6};
  Crossing k = invert(x, c, 0.83);
  CHECK(k.distance == doctest::Approx(3.4));
  CHECK(k.slope == doctest::Approx(0.05));
  k = invert(x, c, 0.7);  // on the wider last segment
  CHECK(k.distance == doctest::Approx(5.0));
  CHECK(k.slope == doctest::Approx(0.1));
  CHECK(invert(x, c, 0.9).distance == doctest::Approx(2.0));  // on a sample
  CHECK(invert(x, c, 1.0).distance == 0.0);   // as similar as the section with itself
  CHECK(invert(x, c, 1.02).distance == 0.0);
}

TEST_CASE("invert censors a similarity below the last sample as beyond reach") {
  const std::vector<double> x{0, 1, 2};
  const std::vector<double> c{1, 0.8, 0.7};
  const Crossing k = invert(x, c, 0.69);
  CHECK(k.distance == kInf);
  CHECK(std::isnan(k.slope));
  CHECK(invert(x, c, 0.7).distance == doctest::Approx(2.0));
}

TEST_CASE("pair_curve: geometric mean of both sections, monotone, none where a curve is NaN") {
  zspace::Calibration c;
  c.shifts = {1, 2, 3};
  // Section 0 and 1, one tile. Section 1 wiggles up at shift 3; negative values count as 0.
  c.curves = {0.81, 0.64, 0.25,   //
              0.49, 0.16, 0.64};
  const std::vector<double> p = pair_curve(c, 0, 1, 0);
  REQUIRE(p.size() == 4);
  CHECK(p[0] == 1.0);
  CHECK(p[1] == doctest::Approx(0.63));
  CHECK(p[2] == doctest::Approx(0.36));  // (0.32 + 0.40) / 2: pooled with the rise
  CHECK(p[3] == doctest::Approx(0.36));
  c.curves[5] = -0.2;
  CHECK(pair_curve(c, 0, 1, 0)[3] == 0.0);
  c.curves[4] = std::numeric_limits<double>::quiet_NaN();
  CHECK(pair_curve(c, 0, 1, 0).empty());
}

// Four tiles with the linear curve 1 - d/20 (distance = 20 (1 - v)); the tiles' values of the
// single pair (0, 1) are set by hand.
zspace::Calibration four_tiles(const std::vector<double>& values) {
  zspace::Calibration c;
  c.tiles_x = c.tiles_y = 2;
  for (int d = 1; d <= 10; ++d) c.shifts.push_back(d);
  for (std::size_t i = 0; i < 2; ++i)
    for (std::size_t t = 0; t < 4; ++t)
      for (double d : c.shifts) c.curves.push_back(1 - d / 20);
  for (std::size_t t = 0; t < 4; ++t) {
    zspace::BandMatrix b(2, 1);
    b.set(0, 1, values[t]);
    c.tile_bands.push_back(b);
  }
  return c;
}

TEST_CASE("measure_pairs: median over tiles, censored tiles kept, weights from the slope") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  // Distances 2, 3, beyond 10 px, 5: the median of {2, 3, 5, inf} is 4.
  PairTable t = measure_pairs(four_tiles({0.9, 0.85, 0.4, 0.75}), 2, 1);
  REQUIRE(t.pairs.size() == 1);
  CHECK(t.pairs[0].distance == doctest::Approx(4.0));
  CHECK(t.pairs[0].weight == doctest::Approx(0.05 * 0.05));
  // Spread of the finite tile distances {2, 3, 5}: MAD 1, over sqrt(3).
  CHECK(t.consecutive_spread[0] == doctest::Approx(kMadToSigma / std::sqrt(3.0)));

  t = measure_pairs(four_tiles({0.9, 0.4, 0.4, 0.4}), 2, 1);  // mostly beyond reach
  CHECK(t.pairs.empty());
  CHECK(t.beyond_max_shift == 1);

  t = measure_pairs(four_tiles({0.9, nan, nan, nan}), 2, 1);  // one tile of four measured
  CHECK(t.pairs.empty());
  CHECK(t.unmeasured == 1);
  CHECK(std::isnan(t.consecutive_spread[0]));

  t = measure_pairs(four_tiles({0.9, 0.8, nan, nan}), 2, 1);  // half of the tiles suffice
  REQUIRE(t.pairs.size() == 1);
  CHECK(t.pairs[0].distance == doctest::Approx(3.0));
}

}  // namespace
