// Thickness uncertainty: from the disagreement of the pairs spanning an interval, or of the
// tiles, whichever is larger.

#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "core/thickness_uncertainty.hpp"

using zspace::calibrated::PairDistance;
using zspace::calibrated::thickness_uncertainty;

namespace {
const double kNaN = std::numeric_limits<double>::quiet_NaN();
PairDistance pair(std::size_t i, std::size_t j, double d) { return PairDistance{i, j, d, 1.0}; }
}  // namespace

TEST_CASE("consistent pairs give zero; one pair off by e gives e/sqrt(n(n-1))-sized values on its intervals") {
  const std::vector<double> z{0, 2, 5, 6};
  std::vector<PairDistance> pairs{pair(0, 1, 2), pair(1, 2, 3), pair(2, 3, 1), pair(0, 2, 5), pair(1, 3, 4)};
  const std::vector<double> none(3, kNaN);
  auto u = thickness_uncertainty(z, pairs, none);
  REQUIRE(u.size() == 3);
  for (double v : u) CHECK(v == 0.0);

  pairs[3].distance = 5.6;  // (0, 2) disagrees by 0.6: intervals 0 and 1 see it
  u = thickness_uncertainty(z, pairs, none);
  // Interval 0: estimates from (0,1) and (0,2): residuals 0 and 0.6 -> sqrt(0.36 / 1 / 2).
  CHECK(u[0] == doctest::Approx(std::sqrt(0.36 / 2)));
  // Interval 1: (1,2), (0,2), (1,3): residuals 0, 0.6, 0 -> sqrt(0.36 / 2 / 3).
  CHECK(u[1] == doctest::Approx(std::sqrt(0.36 / 6)));
  CHECK(u[2] == 0.0);
}

TEST_CASE("the tiles' spread counts when it is larger, and stands alone where one pair spans an interval") {
  const std::vector<double> z{0, 2, 4};
  const std::vector<PairDistance> pairs{pair(0, 1, 2), pair(1, 2, 2.5)};
  auto u = thickness_uncertainty(z, pairs, {0.1, kNaN});
  CHECK(u[0] == 0.1);          // one pair only: the tiles' spread
  CHECK(std::isnan(u[1]));     // neither
  u = thickness_uncertainty(z, {pair(0, 1, 2), pair(1, 2, 2), pair(0, 2, 4.4)}, {0.05, 0.9});
  CHECK(u[0] == doctest::Approx(std::sqrt(0.16 / 2)));  // lags larger than 0.05
  CHECK(u[1] == 0.9);                                   // tiles larger
}

TEST_CASE("an interval without its own pair has no lag-based uncertainty: skipping pairs fix only sums") {
  const std::vector<double> z{0, 2, 4, 6};
  // (1, 2) unmeasured: (0, 2), (1, 3) and (0, 3) span it but cannot tell how t_0, t_1, t_2 split.
  const std::vector<PairDistance> pairs{pair(0, 1, 2), pair(2, 3, 2), pair(0, 2, 4.2), pair(1, 3, 3.9), pair(0, 3, 6)};
  const auto u = thickness_uncertainty(z, pairs, std::vector<double>(3, kNaN));
  CHECK(std::isnan(u[1]));
  CHECK(u[0] > 0);
  CHECK(u[2] > 0);
}
