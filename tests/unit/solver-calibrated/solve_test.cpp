// The whole solver on calibrations built from a known model: exact recovery in absolute units,
// what noise and flagged sections do, the outputs' shapes, and the errors.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "calibrated_test_support.hpp"
#include "core/solve.hpp"

namespace {

using namespace zspace::calibrated;
using testing::LinearModel;
using testing::RecordingObserver;

LinearModel model(std::size_t n) {
  LinearModel m;
  m.z_px = testing::random_positions(n, 1.0, 5.0, 11);
  m.length = {30, 45, 60, 80};  // the texture is finer on some tiles than on others
  return m;
}

zspace::Solution run(const LinearModel& m, RecordingObserver& observer) {
  const zspace::BandMatrix band = m.band();
  const zspace::Calibration calibration = m.calibration();
  zspace::SolverInput input;
  input.band = &band;
  input.calibration = &calibration;
  return solve(input, Options{}, observer);
}

double find(const zspace::Solution& s, const std::string& name) {
  for (const auto& [key, value] : s.diagnostics)
    if (key == name) return value;
  FAIL("no diagnostic " << name);
  return 0;
}

TEST_CASE("solve recovers absolute positions exactly when tiles differ in texture") {
  LinearModel m = model(50);
  m.pixel_scale = 2;  // sections compared at half resolution
  RecordingObserver observer;
  const zspace::Solution s = run(m, observer);
  REQUIRE(s.z_pixels.size() == 50);
  for (std::size_t i = 0; i < 50; ++i) CHECK(s.z_pixels[i] == doctest::Approx(2 * m.z_px[i]).epsilon(1e-6));
  const double spacing = m.z_px.back() / 49;
  for (std::size_t i = 0; i < 50; ++i) CHECK(s.z[i] == doctest::Approx(m.z_px[i] / spacing).epsilon(1e-6));
  CHECK(s.z.front() == 0.0);
  CHECK(s.z.back() == doctest::Approx(49.0));
  CHECK(find(s, "mean_spacing_px") == doctest::Approx(2 * spacing));
  CHECK(find(s, "pairs_used") == 49 + 48 + 47);
  CHECK(find(s, "pairs_beyond_max_shift") == 0);

  // Every tile and every pair agrees, so the thickness is certain (up to the fit's own rounding,
  // far below a thousandth of a pixel); all sections look alike.
  REQUIRE(s.thickness_pixels_sd.size() == 50);
  for (double sd : s.thickness_pixels_sd) CHECK(sd < 1e-5);
  for (double q : s.quality) CHECK(q == doctest::Approx(1.0));

  // The curve: similarity at 0..R mean spacings, the median tile's line.
  REQUIRE(s.curve.size() == m.range + 1);
  CHECK(s.curve[0] == 1.0);
  for (std::size_t k = 1; k < s.curve.size(); ++k) CHECK(s.curve[k] < s.curve[k - 1]);

  CHECK(s.iterations >= 1);
  CHECK(s.termination.rfind("converged", 0) == 0);
  CHECK(observer.planned == kMaxIterations);
  CHECK(observer.calls == s.iterations);
  CHECK(observer.last_z.back() == doctest::Approx(49.0));
}

TEST_CASE("solve: a noisy section raises its quality factor (less alike), not its distances") {
  LinearModel m = model(30);
  m.q.assign(30, 1.0);
  m.q[12] = std::sqrt(0.6);  // 40 % of section 12's variance is noise
  RecordingObserver observer;
  const zspace::Solution s = run(m, observer);
  for (std::size_t i = 0; i < 30; ++i) CHECK(s.z_pixels[i] == doctest::Approx(m.z_px[i]).epsilon(1e-6));
  CHECK(s.quality[12] == doctest::Approx(1 / 0.6));
  CHECK(s.quality[11] == doctest::Approx(1.0));
}

TEST_CASE("solve: pairs beyond max_shift are left out, far pairs are not biased short") {
  LinearModel m = model(40);
  m.max_shift = 8;  // lag-3 pairs (3..15 px apart) are often out of reach
  RecordingObserver observer;
  const zspace::Solution s = run(m, observer);
  CHECK(find(s, "pairs_beyond_max_shift") > 0);
  for (std::size_t i = 0; i < 40; ++i) CHECK(s.z_pixels[i] == doctest::Approx(m.z_px[i]).epsilon(1e-6));
}

TEST_CASE("solve: a section without calibration still gets a position") {
  LinearModel m = model(30);
  zspace::Calibration calibration = m.calibration();
  const std::size_t k = calibration.shifts.size();
  for (std::size_t t = 0; t < calibration.tiles(); ++t)
    for (std::size_t s = 0; s < k; ++s)
      calibration.curves[(10 * calibration.tiles() + t) * k + s] = std::numeric_limits<double>::quiet_NaN();
  const zspace::BandMatrix band = m.band();
  zspace::SolverInput input;
  input.band = &band;
  input.calibration = &calibration;
  RecordingObserver observer;
  const zspace::Solution s = solve(input, Options{}, observer);
  CHECK(std::isnan(s.quality[10]));
  CHECK(s.quality[9] == doctest::Approx(1.0));
  // Its neighbours are still linked by the lag-2 and lag-3 pairs that skip it.
  CHECK(s.z_pixels[11] - s.z_pixels[9] == doctest::Approx(m.z_px[11] - m.z_px[9]).epsilon(1e-6));
  CHECK(std::isfinite(s.z_pixels[10]));
  CHECK(std::isnan(s.thickness_pixels_sd[10]));
  CHECK(find(s, "pairs_unmeasured") == 6);  // (7..9, 10) and (10, 11..13)
}

TEST_CASE("solve refuses what it cannot solve with a one-line reason") {
  LinearModel m = model(10);
  const zspace::BandMatrix band = m.band();
  zspace::Calibration calibration = m.calibration();
  zspace::SolverInput input;
  input.band = &band;
  RecordingObserver observer;
  CHECK_THROWS_WITH_AS(solve(input, Options{}, observer),
                       "needs in-plane calibration, which only a stack gives; run it on input.path, not input.matrix",
                       std::runtime_error);
  input.calibration = &calibration;
  calibration.curves.pop_back();
  CHECK_THROWS_WITH_AS(solve(input, Options{}, observer),
                       "calibration has 959 curve samples, expected 960 (10 sections x 4 tiles x 24 shifts)",
                       std::runtime_error);
  calibration = m.calibration();
  calibration.tile_bands.pop_back();
  CHECK_THROWS_WITH_AS(solve(input, Options{}, observer), "calibration has 3 tile bands for 4 tiles",
                       std::runtime_error);
  m.range = 1;
  const zspace::BandMatrix narrow = m.band();
  const zspace::Calibration far = [&] {
    zspace::Calibration c = m.calibration();
    for (auto& b : c.tile_bands)
      for (std::size_t i = 0; i + 1 < b.size(); ++i) b.set(i, i + 1, -1.0);  // nothing in reach
    return c;
  }();
  input.band = &narrow;
  input.calibration = &far;
  CHECK_THROWS_WITH_AS(solve(input, Options{}, observer),
                       "no section pair could be turned into a distance (9 lie beyond the largest calibrated "
                       "shift of 24 px, 0 lack similarities or curves on half of the tiles); raise max_shift",
                       std::runtime_error);
}

}  // namespace
