// The robust position fit: exact on consistent distances, robust to a wrong pair, solvable when
// the pair graph falls apart, and stoppable.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "calibrated_test_support.hpp"
#include "core/robust_positions.hpp"

namespace {

using namespace zspace::calibrated;
using testing::random_positions;

std::vector<PairDistance> exact_pairs(const std::vector<double>& z, std::size_t range) {
  std::vector<PairDistance> pairs;
  for (std::size_t i = 0; i < z.size(); ++i)
    for (std::size_t j = i + 1; j < z.size() && j <= i + range; ++j) pairs.push_back({i, j, z[j] - z[i], 1.0});
  return pairs;
}

double largest_error(const std::vector<double>& a, const std::vector<double>& b) {
  double m = 0;
  for (std::size_t k = 0; k < a.size(); ++k) m = std::max(m, std::abs(a[k] - b[k]));
  return m;
}

TEST_CASE("fit_positions: exact distances give exact positions") {
  const std::vector<double> truth = random_positions(60, 1.0, 5.0, 3);
  RobustFitOptions options;
  options.prior_spacing = 3.0;
  const RobustFit fit = fit_positions(truth.size(), exact_pairs(truth, 3), options);
  REQUIRE(fit.z.size() == truth.size());
  CHECK(fit.z[0] == 0.0);
  CHECK(largest_error(fit.z, truth) < 1e-4);
  CHECK(fit.converged);
  CHECK(fit.iterations >= 1);
}

TEST_CASE("fit_positions: one wrong pair is down-weighted, plain least squares is pulled") {
  const std::vector<double> truth = random_positions(40, 1.0, 5.0, 5);
  std::vector<PairDistance> pairs = exact_pairs(truth, 3);
  for (auto& p : pairs)
    if (p.i == 20 && p.j == 22) p.distance += 6.0;

  RobustFitOptions plain;
  plain.huber = 1e6;
  plain.prior_spacing = 3.0;
  const double plain_error = largest_error(fit_positions(truth.size(), pairs, plain).z, truth);
  RobustFitOptions robust = plain;
  robust.huber = 1.0;
  const RobustFit fit = fit_positions(truth.size(), pairs, robust);
  const double robust_error = largest_error(fit.z, truth);
  CHECK(plain_error > 1.0);
  CHECK(robust_error < 0.01 * plain_error);
  CHECK(fit.downweighted >= 1);
}

TEST_CASE("fit_positions: sections no pair reaches still get positions from the spacing prior") {
  const std::vector<double> truth = random_positions(30, 1.0, 3.0, 7);
  std::vector<PairDistance> pairs;
  for (const auto& p : exact_pairs(truth, 2))
    if (!(p.i <= 14 && p.j >= 15)) pairs.push_back(p);  // nothing bridges 14 -> 15
  RobustFitOptions options;
  options.prior_spacing = 2.5;
  const RobustFit fit = fit_positions(truth.size(), pairs, options);
  for (double z : fit.z) REQUIRE(std::isfinite(z));
  // Each side is exact; the unbridged step takes the prior's spacing.
  CHECK(fit.z[14] == doctest::Approx(truth[14]).epsilon(1e-6));
  CHECK(fit.z[15] - fit.z[14] == doctest::Approx(2.5).epsilon(1e-6));
  CHECK(fit.z[29] - fit.z[15] == doctest::Approx(truth[29] - truth[15]).epsilon(1e-6));
}

TEST_CASE("fit_positions: stops when the round callback says so") {
  const std::vector<double> truth = random_positions(20, 1.0, 3.0, 2);
  std::vector<PairDistance> pairs = exact_pairs(truth, 3);
  pairs[5].distance += 3.0;  // keeps the reweighting busy for several rounds
  int rounds = 0;
  const RobustFit fit = fit_positions(truth.size(), pairs, RobustFitOptions{}, [&](int round, const std::vector<double>& z) {
    ++rounds;
    CHECK(z.size() == truth.size());
    return round < 2;
  });
  CHECK(rounds == 2);
  CHECK(fit.iterations == 2);
  CHECK(fit.interrupted);
  CHECK_FALSE(fit.converged);
}

}  // namespace
