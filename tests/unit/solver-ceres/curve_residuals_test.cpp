// The monotone curve and the residuals' analytic Jacobians.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "core/nls_curve.hpp"
#include "core/nls_residuals.hpp"

namespace zspace::nls {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

TEST_CASE("ceres curve: linear between knots, last segment extended, right-hand slope at a knot") {
  const std::vector<double> steps{0.2, 0.3, 0.1};  // f = 1, 0.8, 0.5, 0.4
  CHECK(curve_values(steps) == std::vector<double>{1.0, 0.8, 0.5, 0.4});
  const CurveSample mid = sample_curve(steps.data(), 3, 0.5);
  CHECK(mid.value == doctest::Approx(0.9));
  CHECK(mid.slope == doctest::Approx(-0.2));
  CHECK(mid.segment == 0);
  const CurveSample knot = sample_curve(steps.data(), 3, 1.0);
  CHECK(knot.value == doctest::Approx(0.8));
  CHECK(knot.slope == doctest::Approx(-0.3));
  CHECK(sample_curve(steps.data(), 3, 2.25).value == doctest::Approx(0.475));
  const CurveSample beyond = sample_curve(steps.data(), 3, 5.0);
  CHECK(beyond.segment == 2);
  CHECK(beyond.fraction == doctest::Approx(3.0));
  CHECK(beyond.value == doctest::Approx(0.2));
  CHECK(beyond.slope == doctest::Approx(-0.1));
}

TEST_CASE("ceres curve: steps from knot values are non-negative (monotone by construction)") {
  // A rise and a missing knot become flat steps; f(0) counts as 1 whatever is given.
  const std::vector<double> values{0.5, 0.7, 0.8, kNaN, 0.5};
  const std::vector<double> steps = steps_from_values(values);
  REQUIRE(steps.size() == 4);
  CHECK(steps[0] == doctest::Approx(0.3));
  CHECK(steps[1] == 0.0);
  CHECK(steps[2] == 0.0);
  CHECK(steps[3] == doctest::Approx(0.2));
  const std::vector<double> f = curve_values(steps);
  for (std::size_t k = 1; k < f.size(); ++k) CHECK(f[k] <= f[k - 1]);
}

TEST_CASE("ceres curve: first estimate averages q_i q_j M_ij and bridges knots no pair reached") {
  const std::size_t n = 12, r = 3;
  BandMatrix band(n, r);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n && j <= i + r; ++j)
      band.set(i, j, 1.0 - 0.1 * static_cast<double>(j - i));
  std::vector<double> z(n), q(n, 1.0);
  for (std::size_t i = 0; i < n; ++i) z[i] = static_cast<double>(i);
  const std::vector<double> f = estimate_curve(band, z, q, 2);  // knots every 0.5
  REQUIRE(f.size() == 7);
  const std::vector<double> expected{1.0, 0.95, 0.9, 0.85, 0.8, 0.75, 0.7};
  for (std::size_t k = 0; k < f.size(); ++k) CHECK(f[k] == doctest::Approx(expected[k]));

  // Qualities scale the samples; a knot beyond every pair stays NaN.
  q.assign(n, 2.0);
  for (std::size_t i = 0; i < n; ++i) z[i] = 0.5 * static_cast<double>(i);
  const std::vector<double> g = estimate_curve(band, z, q, 1);
  CHECK(g[2] == doctest::Approx(4 * 0.7));  // only the pairs at 1.5 (three apart) reach it
  CHECK(std::isnan(g[3]));                  // and none reaches 3
}

// Central differences of every parameter against the analytic Jacobian, away from knots.
void check_jacobian(const ceres::CostFunction& cost, std::vector<std::vector<double>> blocks) {
  const auto& sizes = cost.parameter_block_sizes();
  std::vector<const double*> params;
  for (const auto& b : blocks) params.push_back(b.data());
  std::vector<std::vector<double>> jac(sizes.size());
  std::vector<double*> jac_ptr;
  for (std::size_t b = 0; b < sizes.size(); ++b) {
    jac[b].resize(static_cast<std::size_t>(sizes[b]));
    jac_ptr.push_back(jac[b].data());
  }
  double r = 0;
  REQUIRE(cost.Evaluate(params.data(), &r, jac_ptr.data()));
  const double h = 1e-7;
  for (std::size_t b = 0; b < sizes.size(); ++b) {
    for (std::size_t k = 0; k < jac[b].size(); ++k) {
      CAPTURE(b);
      CAPTURE(k);
      const double keep = blocks[b][k];
      double plus = 0, minus = 0;
      blocks[b][k] = keep + h;
      REQUIRE(cost.Evaluate(params.data(), &plus, nullptr));
      blocks[b][k] = keep - h;
      REQUIRE(cost.Evaluate(params.data(), &minus, nullptr));
      blocks[b][k] = keep;
      CHECK(jac[b][k] == doctest::Approx((plus - minus) / (2 * h)).epsilon(1e-6).scale(1.0));
    }
  }
}

TEST_CASE("ceres residuals: analytic Jacobians match central differences") {
  const std::vector<double> steps{0.25, 0.2, 0.15, 0.1};
  SUBCASE("ordered pair over three thicknesses, knots every 0.5") {
    const OrderedPairCost cost(0.55, 3, CurveGrid{4, 2.0});
    check_jacobian(cost, {{0.37}, {0.41}, {0.33}, {1.1}, {0.9}, steps});  // d = 1.11 -> u = 2.22
  }
  SUBCASE("ordered pair beyond the last knot") {
    const OrderedPairCost cost(0.3, 2, CurveGrid{4, 1.0});
    check_jacobian(cost, {{2.6}, {2.3}, {0.95}, {1.2}, steps});  // d = 4.9: extrapolated
  }
  SUBCASE("free pair, either order") {
    const FreePairCost cost(0.6, CurveGrid{4, 1.0});
    check_jacobian(cost, {{3.0}, {4.3}, {1.05}, {0.97}, steps});
    check_jacobian(cost, {{4.3}, {3.0}, {1.05}, {0.97}, steps});
  }
  SUBCASE("priors") {
    check_jacobian(UnitPriorCost(0.3), {{1.7}});
    check_jacobian(SpacingPriorCost(0.3), {{2.0}, {3.4}});
  }
}

TEST_CASE("ceres residuals: the model f / (q_i q_j), and no value for a quality at or below 0") {
  const std::vector<double> steps{0.5};  // f(d) = 1 - 0.5 d
  const FreePairCost cost(0.3, CurveGrid{1, 1.0});
  std::vector<double> zi{0.0}, zj{1.0}, qi{1.25}, qj{0.8};
  const double* params[] = {zi.data(), zj.data(), qi.data(), qj.data(), steps.data()};
  double r = 0;
  REQUIRE(cost.Evaluate(params, &r, nullptr));
  CHECK(r == doctest::Approx(0.3 - 0.5 / (1.25 * 0.8)));
  qi[0] = 0.0;
  CHECK_FALSE(cost.Evaluate(params, &r, nullptr));
}

}  // namespace
}  // namespace zspace::nls
