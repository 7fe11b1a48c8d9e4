// ALGORITHM.md §7: the three reference cases of the Java test suite, with their numbers.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "core/curve.hpp"
#include "core/infer.hpp"
#include "core/scaling_factors.hpp"
#include "core/shift_votes.hpp"
#include "core/sorted_view.hpp"
#include "fixed_point_test_util.hpp"

namespace zspace::fixed_point {
namespace {

std::vector<std::size_t> identity(std::size_t n) {
  std::vector<std::size_t> order(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = i;
  return order;
}

std::vector<double> integers(std::size_t n) {
  std::vector<double> c(n);
  for (std::size_t i = 0; i < n; ++i) c[i] = static_cast<double>(i);
  return c;
}

// EstimateScalingFactorsTest: the last section's similarities are halved.
struct ScalingCase {
  SortedBand band;
  std::vector<double> chat = integers(4);
  CurveSet curve = CurveSet::global({1.0, 0.9, 0.8, 0.7});

  ScalingCase() {
    const double m[4][4] = {{1, .9, .8, .35}, {.9, 1, .9, .40}, {.8, .9, 1, .45}, {.35, .40, .45, 1}};
    BandMatrix full(4, 3);
    for (std::size_t i = 0; i < 4; ++i)
      for (std::size_t j = i + 1; j < 4; ++j) full.set(i, j, m[i][j]);
    band.assign(full, identity(4));
  }
  std::vector<double> run(int sweeps, double lambda, QualityPrior prior) {
    std::vector<double> m(4, 1.0);
    ScalingFactorEstimator().estimate(band, chat, curve, sweeps, lambda, prior, m);
    return m;
  }
};

TEST_CASE("EstimateScalingFactorsTest: lambda = 1 keeps m = 1 exactly, K = 1..10") {
  ScalingCase c;
  for (const QualityPrior prior : {QualityPrior::one, QualityPrior::previous})
    for (int k = 1; k <= 10; ++k)
      for (const double v : c.run(k, 1.0, prior)) CHECK(v == 1.0);
}

TEST_CASE("EstimateScalingFactorsTest: lambda = 0, K = 50 gives [1, 1, 1, 2] (1e-12)") {
  ScalingCase c;
  const std::vector<double> expected{1, 1, 1, 2};
  // With λ = 0 the prior has no weight, so both modes must agree.
  for (const QualityPrior prior : {QualityPrior::one, QualityPrior::previous}) {
    const std::vector<double> m = c.run(50, 0.0, prior);
    for (std::size_t i = 0; i < 4; ++i) CHECK(std::abs(m[i] - expected[i]) <= 1e-12);
  }
}

TEST_CASE("EstimateScalingFactorsTest: lambda = 0.1, K = 50 within 0.1 * expected") {
  ScalingCase c;
  const std::vector<double> expected{1, 1, 1, 2};
  for (const QualityPrior prior : {QualityPrior::one, QualityPrior::previous}) {
    const std::vector<double> m = c.run(50, 0.1, prior);
    for (std::size_t i = 0; i < 4; ++i) CHECK(std::abs(m[i] - expected[i]) <= 0.1 * expected[i]);
  }
  // 'previous' only damps, so it converges to the unregularised solution itself.
  const std::vector<double> damped = c.run(50, 0.1, QualityPrior::previous);
  for (std::size_t i = 0; i < 4; ++i) CHECK(std::abs(damped[i] - expected[i]) <= 1e-9);
}

// ShiftCoordinatesTest: a consistent scaled matrix produces zero shifts everywhere.
TEST_CASE("ShiftCoordinatesTest: every shift is exactly 0, vote counts 2R minus outside") {
  const std::size_t n = 20, r = 5;
  BandMatrix full(n, r);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n && j <= i + r; ++j) {
      const double v = 1.0 - 0.1 * static_cast<double>(j - i);
      full.set(i, j, j == 19 ? 0.5 * v : v);  // row and column 19 halved
    }
  SortedBand band;
  band.assign(full, identity(n));
  std::vector<double> m(n, 1.0);
  m[19] = 2.0;
  std::vector<double> f(r + 1);
  for (std::size_t k = 0; k <= r; ++k) f[k] = 1.0 - 0.1 * static_cast<double>(k);
  const CurveSet curve = CurveSet::global(f);

  for (const bool monotone : {false, true}) {
    ShiftVotes votes;
    ShiftCollector().collect(band, integers(n), m, curve, monotone, 0.0, votes);
    for (std::size_t z = 0; z < n; ++z) {
      CAPTURE(z);
      CHECK(votes.sum[z] == 0.0);
      const double expected = static_cast<double>(std::min(z, r) + std::min(n - 1 - z, r));
      CHECK(votes.weight[z] == expected);
    }
    CHECK(votes.weight[0] == 5.0);
    CHECK(votes.weight[10] == 10.0);
  }
}

// InferFromMatrixTest: a "rupture" of 0.9 extra spacing between sections 9 and 10.
TEST_CASE("InferFromMatrixTest: spacing ratios 1.0 except 1.9 at z = 9 (1e-10)") {
  const std::size_t n = 20, r = 5;
  BandMatrix band(n, r);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n && j <= i + r; ++j) {
      const bool across = i < 10 && j >= 10;
      band.set(i, j, 1.0 - 0.1 * static_cast<double>(j - i) - (across ? 0.09 : 0.0));
    }
  Options o;
  o.allow_reordering = false;
  o.outer_iterations = 100;
  o.border = Border::none;
  o.inner_iterations = 0;
  o.inner_regularization = 1.0;
  o.shift_proportion = 1.0;
  for (const bool monotone : {false, true}) {
    CAPTURE(monotone);
    o.force_monotonicity = monotone;
    testing::CountingObserver observer;
    const Solution s = infer(band, {}, o, observer);
    REQUIRE(s.z.size() == n);
    const double unit = s.z[1] - s.z[0];
    for (std::size_t z = 0; z + 1 < n; ++z) {
      CAPTURE(z);
      CHECK(std::abs((s.z[z + 1] - s.z[z]) / unit - (z == 9 ? 1.9 : 1.0)) <= 1e-10);
    }
    CHECK(s.iterations == 100);
    CHECK(observer.planned == 100);
    CHECK(observer.calls == 100);
  }
}

}  // namespace
}  // namespace zspace::fixed_point
