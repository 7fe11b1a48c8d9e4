// Behaviour of the ceres solver: constraints, gauge, robust loss, observer protocol,
// determinism, missing data and invalid input.
#include <doctest/doctest.h>
#include <tbb/global_control.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "ceres_test_support.hpp"

namespace zspace::nls {
namespace {

using testing::model_band;
using testing::qualities;
using testing::RecordingObserver;
using testing::rms;
using testing::solve_with;
using testing::true_z;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double diagnostic(const Solution& s, const std::string& name) {
  for (const auto& [key, value] : s.diagnostics)
    if (key == name) return value;
  FAIL("no diagnostic " << name);
  return kNaN;
}

bool all_finite(const std::vector<double>& v) {
  for (const double x : v)
    if (!std::isfinite(x)) return false;
  return true;
}

/// Random thickness with sections 30 and 31 swapped in the truth.
std::vector<double> swapped_truth() {
  std::vector<double> z = true_z("random", 60);
  std::swap(z[30], z[31]);
  return z;
}

TEST_CASE("ceres: without reordering z is ordered by construction, with the minimum spacing") {
  const std::vector<double> truth = swapped_truth();
  Options o;
  o.min_section_thickness = 0.05;
  const Solution s = solve_with(model_band(truth, qualities("random", 60), 10), o);
  const double scale = 1.0 / diagnostic(s, "span_before_gauge");  // the gauge's stretch
  for (std::size_t i = 1; i < s.z.size(); ++i) CHECK(s.z[i] - s.z[i - 1] >= 0.05 * scale - 1e-12);
  CHECK(s.z[31] - s.z[30] == doctest::Approx(0.05 * scale));  // pressed against the bound
}

TEST_CASE("ceres: with reordering allowed a swapped section is put back") {
  const std::vector<double> truth = swapped_truth();
  Options o;
  o.allow_reordering = true;
  const Solution s = solve_with(model_band(truth, qualities("random", 60), 10), o);
  CHECK(s.z[31] < s.z[30]);
  MESSAGE("RMS with a swapped pair, reordering allowed: " << rms(s.z, truth));
  CHECK(rms(s.z, truth) < 0.05);
}

TEST_CASE("ceres: pin-ends puts the extremes at 0 and N-1; free keeps the first section") {
  const std::size_t n = 50;
  const std::vector<double> truth = true_z("gap", n);
  const BandMatrix band = model_band(truth, qualities("gap", n), 8);
  for (const bool reorder : {false, true}) {
    CAPTURE(reorder);
    Options o;
    o.allow_reordering = reorder;
    const Solution pinned = solve_with(band, o);
    CHECK(pinned.z.front() == 0.0);
    CHECK(pinned.z.back() == doctest::Approx(static_cast<double>(n - 1)).epsilon(1e-12));
    o.gauge = Gauge::free;
    const Solution free = solve_with(band, o);
    CHECK(free.z.front() == 0.0);
    CHECK(diagnostic(free, "span_before_gauge") ==
          doctest::Approx((free.z.back() - free.z.front()) / static_cast<double>(n - 1)));
    // The same fit in other units.
    CHECK(zspace::test::affine_residual_rms(free.z, pinned.z) < 1e-6);
  }
}

TEST_CASE("ceres: the curve is monotone and starts at 1, also on a noisy band") {
  const std::size_t n = 80, r = 10;
  BandMatrix band = model_band(true_z("random", n), qualities("random", n), r);
  std::uint32_t state = 7;
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n && j <= i + r; ++j) {
      state = state * 1664525u + 1013904223u;  // fixed pseudo-random noise of +-0.05
      band.set(i, j, band(i, j) + 0.1 * (state / 4294967296.0 - 0.5));
    }
  const Solution s = solve_with(band);
  REQUIRE(s.curve.size() == r + 1);
  CHECK(s.curve[0] == 1.0);
  for (std::size_t k = 1; k <= r; ++k) CHECK(s.curve[k] <= s.curve[k - 1]);
  for (const double q : s.quality) CHECK(q > 0);
}

TEST_CASE("ceres: a robust loss discounts an outlier pair") {
  const std::size_t n = 60;
  const std::vector<double> truth = true_z("random", n);
  BandMatrix band = model_band(truth, qualities("random", n), 10);
  band.set(20, 26, 0.95);  // about 0.14 expected: a pair that looks far too similar
  const double plain = rms(solve_with(band).z, truth);
  Options o;
  o.loss = Loss::cauchy;
  const double cauchy = rms(solve_with(band, o).z, truth);
  o.loss = Loss::huber;
  const double huber = rms(solve_with(band, o).z, truth);
  MESSAGE("one outlier pair: RMS plain " << plain << ", huber " << huber << ", cauchy " << cauchy);
  CHECK(cauchy < 0.5 * plain);
  CHECK(huber < 0.5 * plain);
}

TEST_CASE("ceres: observer protocol, and a stop request is honoured in both phases") {
  const std::size_t n = 60;
  const BandMatrix band = model_band(true_z("gap", n), qualities("gap", n), 10);
  Options o;
  o.max_iterations = 50;
  {
    RecordingObserver observer;
    const Solution s = solve(band, {}, o, observer);
    CHECK(observer.started_calls == 1);
    CHECK(observer.planned == 50);
    CHECK(observer.calls == s.iterations);
    CHECK(observer.last_z.front() == 0.0);  // reported in the gauge's units
    CHECK(observer.last_z.back() == doctest::Approx(static_cast<double>(n - 1)));
  }
  {
    RecordingObserver observer;
    observer.stop_after = 2;
    const Solution s = solve(band, {}, o, observer);
    CHECK(s.termination == "stopped by observer");
    CHECK(s.iterations == 2);
    CHECK(observer.calls == 2);
    CHECK(s.z == observer.last_z);  // the last accepted iterate
  }
  o.start = Start::fixed_point;
  o.start_iterations = 20;
  {
    RecordingObserver observer;
    observer.stop_after = 5;  // during the fixed-point start
    const Solution s = solve(band, {}, o, observer);
    CHECK(observer.planned == 70);
    CHECK(s.termination == "stopped by observer");
    CHECK(s.iterations == 0);
    CHECK(diagnostic(s, "start_iterations") == 5);
    CHECK(s.z.size() == n);
  }
  {
    RecordingObserver observer;
    observer.stop_after = 22;  // two Levenberg-Marquardt iterations after the start's 20
    const Solution s = solve(band, {}, o, observer);
    CHECK(s.termination == "stopped by observer");
    CHECK(s.iterations == 2);
    CHECK(observer.last_iteration == 22);
  }
}

// Both starts stop within the flat directions of the optimum (the overall scale of z, and of
// the quality factors against the curve), so they agree closely but not bit for bit.
TEST_CASE("ceres: the fixed-point start begins closer and ends at the same optimum") {
  const std::size_t n = 60;
  const std::vector<double> truth = true_z("random", n);
  const BandMatrix band = model_band(truth, qualities("random", n), 10);
  Options o;
  const Solution uniform = solve_with(band, o);
  o.start = Start::fixed_point;
  const Solution from_fp = solve_with(band, o);
  CHECK(diagnostic(from_fp, "start_iterations") == 100);
  CHECK(diagnostic(from_fp, "initial_cost") < 0.1 * diagnostic(uniform, "initial_cost"));
  const double final_cost = diagnostic(uniform, "final_cost");
  CHECK(diagnostic(from_fp, "final_cost") == doctest::Approx(final_cost).epsilon(1e-3));
  MESSAGE("RMS from the uniform start " << rms(uniform.z, truth)
                                        << ", from the fixed-point start " << rms(from_fp.z, truth));
  CHECK(zspace::test::affine_residual_rms(from_fp.z, uniform.z) < 0.01);
}

TEST_CASE("ceres: deterministic, and independent of the thread count of the fixed-point start") {
  const std::size_t n = 70;
  const BandMatrix band = model_band(true_z("noisy", n), qualities("noisy", n), 10);
  Options o;
  o.start = Start::fixed_point;
  o.loss = Loss::huber;
  const Solution a = solve_with(band, o);
  const Solution b = solve_with(band, o);
  const Solution c = [&] {
    tbb::global_control one(tbb::global_control::max_allowed_parallelism, 1);
    return solve_with(band, o);
  }();
  for (const Solution* other : {&b, &c}) {
    CHECK(other->z == a.z);  // bit for bit
    CHECK(other->quality == a.quality);
    CHECK(other->curve == a.curve);
    CHECK(other->iterations == a.iterations);
    CHECK(other->diagnostics == a.diagnostics);
  }
}

TEST_CASE("ceres: missing pairs and an isolated section give finite, ordered z") {
  const std::size_t n = 60, r = 6;
  BandMatrix band = model_band(true_z("random", n), qualities("random", n), r);
  std::size_t counter = 0;
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n && j <= i + r; ++j)
      if (++counter % 7 == 0 || i == 12 || j == 12) band.set(i, j, kNaN);
  for (const bool reorder : {false, true}) {
    CAPTURE(reorder);
    Options o;
    o.allow_reordering = reorder;
    const Solution s = solve_with(band, o);
    CHECK(all_finite(s.z));
    CHECK(all_finite(s.quality));
    CHECK(s.quality[12] == 1.0);  // nothing to estimate it from
    if (!reorder)
      for (std::size_t i = 1; i < n; ++i) CHECK(s.z[i] >= s.z[i - 1]);
  }
}

TEST_CASE("ceres: a band without any pair keeps the start") {
  const std::size_t n = 12;
  const BandMatrix band(n, 4);
  std::vector<double> start(n);
  for (std::size_t i = 0; i < n; ++i) start[i] = 2.0 * static_cast<double>(i);
  Options o;
  o.gauge = Gauge::free;
  RecordingObserver observer;
  const Solution s = solve(band, start, o, observer);
  CHECK(s.z == start);
  CHECK(s.iterations == 0);
  CHECK(s.termination == "no measured pairs: the start is the solution");
  REQUIRE(s.curve.size() == 5);
  CHECK(s.curve[0] == 1.0);
  for (std::size_t k = 1; k < s.curve.size(); ++k) CHECK(std::isnan(s.curve[k]));
  CHECK(solve(BandMatrix(0, 4), {}, o, observer).z.empty());
}

TEST_CASE("ceres: the thickness prior pulls towards the nominal spacing") {
  const std::size_t n = 60;
  const std::vector<double> truth = true_z("random", n);
  const BandMatrix band = model_band(truth, qualities("random", n), 10);
  std::vector<double> nominal(n);
  for (std::size_t i = 0; i < n; ++i) nominal[i] = static_cast<double>(i);
  Options o;
  const double free_fit = rms(solve_with(band, o).z, nominal);
  o.thickness_regularization = 100;
  const double pulled = rms(solve_with(band, o).z, nominal);
  MESSAGE("distance from 0..N-1: prior off " << free_fit << ", prior 100 " << pulled);
  CHECK(pulled < 0.5 * free_fit);
}

// Measured (N = 100, random thickness): RMS 0.0098 with one knot per spacing, 0.0017 with two.
TEST_CASE("ceres: finer curve knots follow a curved similarity profile more closely") {
  const std::size_t n = 100;
  const std::vector<double> truth = true_z("random", n);
  const BandMatrix band = model_band(truth, qualities("random", n), 10);
  Options o;
  const double coarse = rms(solve_with(band, o).z, truth);
  o.curve_resolution = 2;
  const Solution fine = solve_with(band, o);
  MESSAGE("RMS with 1 knot per spacing " << coarse << ", with 2: " << rms(fine.z, truth));
  CHECK(rms(fine.z, truth) < 0.5 * coarse);
  CHECK(fine.curve.size() == 11);  // still reported at the integer distances
}

TEST_CASE("ceres: invalid input is refused with a message naming it") {
  const BandMatrix band = model_band(true_z("uniform", 10), qualities("uniform", 10), 3);
  RecordingObserver observer;
  Options o;
  const std::vector<double> short_start(9, 0.0);
  CHECK_THROWS_WITH_AS(solve(band, short_start, o, observer),
                       "ceres: start_z has 9 entries for 10 sections", std::invalid_argument);
  std::vector<double> start(10, 0.0);
  start[3] = kNaN;
  CHECK_THROWS_WITH_AS(solve(band, start, o, observer), "ceres: start_z is not finite",
                       std::invalid_argument);
  o.loss_scale = 0;
  CHECK(validate(o) == "ceres: option loss_scale = 0 is invalid; it must be finite and > 0");
  CHECK_THROWS_AS(solve(band, {}, o, observer), std::invalid_argument);
  o = Options{};
  o.curve_resolution = 0;
  CHECK(validate(o).find("curve_resolution") != std::string::npos);
}

}  // namespace
}  // namespace zspace::nls
