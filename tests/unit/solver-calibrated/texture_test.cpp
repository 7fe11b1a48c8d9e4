// The solver on a synthetic isotropic texture measured the way the engine measures it (tile
// curves from in-plane shifts, tile bands across sections): z and the absolute span come back.
#include <doctest/doctest.h>

#include <vector>

#include "calibrated_test_support.hpp"
#include "core/solve.hpp"
#include "synthetic_stack.hpp"

namespace {

using namespace zspace::calibrated;

TEST_CASE("solve recovers z and the absolute span of an isotropic texture") {
  zspace::test::WaveTextureOptions texture;
  texture.width = texture.height = 160;
  // Structures of 3..25 px, as zspace simulate draws them. Enough waves that the texture is
  // nearly isotropic: with a few hundred, the realised directions alone make the in-plane and
  // the z fall-off differ by 10-15 %, which is what the absolute span measures.
  texture.waves = 1000;
  texture.fmin = 0.04;
  texture.fmax = 0.3;
  // z_scale 1: one unit of z is one pixel, so the true positions are in pixels.
  const std::vector<double> truth = testing::random_positions(30, 0.8, 2.4, 9);
  const auto sections = zspace::test::WaveTexture(texture).slices(truth);
  const std::size_t range = 3;
  const zspace::Calibration calibration = testing::measure_calibration(sections, 2, 16, range);
  const zspace::BandMatrix band(truth.size(), range);
  zspace::SolverInput input;
  input.band = &band;
  input.calibration = &calibration;
  testing::RecordingObserver observer;
  const zspace::Solution s = solve(input, Options{}, observer);

  const double rms = zspace::test::affine_rms(s.z, truth);
  const double span = testing::span_ratio(s.z_pixels, truth);
  MESSAGE("RMS " << rms << " mean spacings, span ratio " << span);
  CHECK(rms < 0.1);
  CHECK(span == doctest::Approx(1.0).epsilon(0.05));
}

}  // namespace
