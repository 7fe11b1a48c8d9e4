// The true depths each spacing pattern gives, and the specifications that cannot be made.

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <set>
#include <string>

#include "zspace/engine/errors.hpp"
#include "zspace/engine/simulate.hpp"

using zspace::SimulationSpec;
using zspace::SpacingPattern;

namespace {

std::vector<double> steps_of(const std::vector<double>& z) {
  std::vector<double> d;
  for (std::size_t i = 0; i + 1 < z.size(); ++i) d.push_back(z[i + 1] - z[i]);
  return d;
}

SimulationSpec texture(std::size_t sections, SpacingPattern pattern) {
  SimulationSpec s;
  s.sections = sections;
  s.pattern = pattern;
  return s;
}

SimulationSpec volume(std::size_t sections, SpacingPattern pattern) {
  SimulationSpec s = texture(sections, pattern);
  s.volume = "volume.tif";  // depths need only its slice count
  return s;
}

std::string config_error(const SimulationSpec& spec, std::size_t depth = 0) {
  try {
    zspace::simulated_depths(spec, depth);
  } catch (const zspace::ConfigError& e) {
    return e.what();
  }
  return {};
}

}  // namespace

TEST_CASE("depths: uniform spacing 1 from the start") {
  auto spec = texture(5, SpacingPattern::uniform);
  CHECK(zspace::simulated_depths(spec) == std::vector<double>{0, 1, 2, 3, 4});
  spec.start = 2.5;
  spec.thickness = zspace::Thickness{0.5, 0.5};
  CHECK(zspace::simulated_depths(spec) == std::vector<double>{2.5, 3, 3.5, 4, 4.5});
}

TEST_CASE("depths: random spacings lie in the range and vary, volumes take whole voxels") {
  const auto tex = steps_of(zspace::simulated_depths(texture(200, SpacingPattern::random)));
  CHECK(*std::min_element(tex.begin(), tex.end()) >= 0.5);
  CHECK(*std::max_element(tex.begin(), tex.end()) < 1.5);
  CHECK(*std::max_element(tex.begin(), tex.end()) - *std::min_element(tex.begin(), tex.end()) > 0.9);

  auto spec = volume(100, SpacingPattern::random);
  spec.thickness = zspace::Thickness{1, 5};
  const auto vol = steps_of(zspace::simulated_depths(spec, 1000));
  const std::set<double> seen(vol.begin(), vol.end());
  CHECK(seen == std::set<double>{1, 2, 3, 4, 5});
}

TEST_CASE("depths: gaps are the only larger steps, as many as asked, each gap_length + 1 spacings") {
  auto spec = texture(40, SpacingPattern::gaps);
  spec.gaps = 4;
  spec.gap_length = 2;
  const auto z = zspace::simulated_depths(spec);
  REQUIRE(z.size() == 40);
  const auto d = steps_of(z);
  CHECK(std::count(d.begin(), d.end(), 3.0) == 4);
  CHECK(std::count(d.begin(), d.end(), 1.0) == 35);
  CHECK(z.back() == 39 + 4 * 2);

  // Default count for the gaps pattern: max(1, sections / 20); gaps also combine with random.
  const auto dflt = steps_of(zspace::simulated_depths(texture(60, SpacingPattern::gaps)));
  CHECK(std::count(dflt.begin(), dflt.end(), 2.0) == 3);
  auto random = texture(30, SpacingPattern::random);
  random.thickness = zspace::Thickness{0.9, 1.1};
  random.gaps = 2;
  const auto r = steps_of(zspace::simulated_depths(random));
  CHECK(std::count_if(r.begin(), r.end(), [](double step) { return step > 1.5; }) == 2);
}

TEST_CASE("depths: drift varies smoothly within thickness (1 +/- amplitude)") {
  auto spec = texture(100, SpacingPattern::drift);
  spec.drift_amplitude = 0.3;
  spec.drift_period = 40;
  const auto d = steps_of(zspace::simulated_depths(spec));
  CHECK(*std::min_element(d.begin(), d.end()) >= 0.7 - 1e-12);
  CHECK(*std::max_element(d.begin(), d.end()) <= 1.3 + 1e-12);
  CHECK(*std::max_element(d.begin(), d.end()) - *std::min_element(d.begin(), d.end()) > 0.5);
  for (std::size_t i = 0; i + 1 < d.size(); ++i) CHECK(std::abs(d[i + 1] - d[i]) < 0.3 * 2 * std::numbers::pi / 40 + 1e-9);

  // On a volume the depths are whole voxels, every step at least one.
  auto vol = volume(100, SpacingPattern::drift);
  const auto z = zspace::simulated_depths(vol, 1000);
  const auto v = steps_of(z);
  for (double step : v) CHECK((step >= 1 && step == std::floor(step)));
  CHECK(z.back() / 99 == doctest::Approx(2.0).epsilon(0.1));  // default thickness 2
}

TEST_CASE("depths: impossible specifications are one-line errors with the numbers") {
  auto deep = volume(100, SpacingPattern::random);
  deep.thickness = zspace::Thickness{1, 5};
  CHECK(config_error(deep, 250).find("needs slices 0..") != std::string::npos);
  CHECK(config_error(deep, 250).find("but the volume has 250 (0..249)") != std::string::npos);

  auto uniform_range = texture(10, SpacingPattern::uniform);
  uniform_range.thickness = zspace::Thickness{1, 2};
  CHECK(config_error(uniform_range) == "--thickness 1:2: pattern uniform takes one thickness; ranges are for --pattern random");

  auto fractional = volume(10, SpacingPattern::uniform);
  fractional.thickness = zspace::Thickness{1.5, 1.5};
  CHECK(config_error(fractional, 100).find("--thickness 1.5: a volume is sliced at whole voxels") == 0);

  auto thin_drift = volume(10, SpacingPattern::drift);
  thin_drift.thickness = zspace::Thickness{1, 1};
  CHECK(config_error(thin_drift, 100).find("--thickness 1 with --drift 0.3: the thinnest spacing would be 0.7 voxel") == 0);

  auto many_gaps = texture(4, SpacingPattern::gaps);
  many_gaps.gaps = 4;
  CHECK(config_error(many_gaps) == "--gaps 4: at most 3 gaps fit between 4 sections");

  auto drift_elsewhere = texture(10, SpacingPattern::uniform);
  drift_elsewhere.drift_amplitude = 0.2;
  CHECK(config_error(drift_elsewhere) == "--drift applies to --pattern drift only (the pattern is uniform)");

  auto defect = texture(10, SpacingPattern::uniform);
  defect.noisy = {3, 10};
  CHECK(config_error(defect) == "--noisy 10: no such section (sections are 0..9)");

  CHECK(config_error(texture(1, SpacingPattern::uniform)) == "--sections 1: at least 2 sections are needed");
  CHECK_THROWS_AS(zspace::spacing_pattern_from_string("steps"), zspace::ConfigError);
  CHECK(zspace::spacing_pattern_from_string("drift") == SpacingPattern::drift);
}

TEST_CASE("depths: a seed gives the same depths, another seed others") {
  auto spec = texture(50, SpacingPattern::random);
  spec.gaps = 2;
  spec.seed = 7;
  const auto a = zspace::simulated_depths(spec);
  CHECK(zspace::simulated_depths(spec) == a);
  spec.seed = 8;
  CHECK(zspace::simulated_depths(spec) != a);
}
