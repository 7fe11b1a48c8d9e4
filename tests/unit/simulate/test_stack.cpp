// zspace::simulate: the files it writes, from the texture and from the FIB-SEM sample volume.

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "test_support.hpp"
#include "zspace/engine/errors.hpp"
#include "zspace/engine/evaluate.hpp"
#include "zspace/engine/simulate.hpp"
#include "zspace/engine/stack_reader.hpp"

using namespace zspace::test;
using zspace::SimulationSpec;

namespace {

const fs::path kVolume = fs::path(ZSPACE_TEST_DATA_DIR) / "fibsem_medulla_iso10nm_s1";

SimulationSpec small_texture() {
  SimulationSpec s;
  s.sections = 12;
  s.texture.width = 48;
  s.texture.height = 40;
  s.pattern = zspace::SpacingPattern::random;
  s.seed = 5;
  return s;
}

std::vector<std::string> listing(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

double mean_of(const zspace::Section& s) {
  double sum = 0;
  for (std::size_t k = 0; k < s.size(); ++k) sum += s.value(k);
  return sum / static_cast<double>(s.size());
}

double spread_of(const zspace::Section& s) {
  const double m = mean_of(s);
  double sum = 0;
  for (std::size_t k = 0; k < s.size(); ++k) sum += (s.value(k) - m) * (s.value(k) - m);
  return std::sqrt(sum / static_cast<double>(s.size()));
}

}  // namespace

TEST_CASE("simulate: a seed gives byte-identical files, another seed other sections") {
  TempDir dir;
  auto spec = small_texture();
  spec.noisy = {3};
  spec.shifted = {5};
  const auto a = zspace::simulate(spec, dir / "a");
  zspace::simulate(spec, dir / "b");
  auto other = spec;
  other.seed = 6;
  zspace::simulate(other, dir / "c");

  const auto names = listing(dir / "a");
  CHECK(names.size() == 14);  // 12 sections, truth.csv, simulation.yaml
  CHECK(names.front() == "0000.tif");
  CHECK(listing(dir / "b") == names);
  for (const auto& name : names) {
    if (name == "simulation.yaml") continue;  // records its own output folder
    CHECK_MESSAGE(read_text(dir / "a" / name) == read_text(dir / "b" / name), name);
  }
  CHECK(read_text(dir / "a" / "0000.tif") != read_text(dir / "c" / "0000.tif"));
  CHECK(read_text(dir / "a" / "truth.csv") != read_text(dir / "c" / "truth.csv"));

  // The files are what a zspace run reads: 8-bit sections of the requested size.
  const auto stack = zspace::open_stack(dir / "a");
  CHECK(stack->size() == 12);
  CHECK(stack->width() == 48);
  CHECK(stack->height() == 40);
  CHECK(stack->read(0).depth == zspace::PixelDepth::uint8);
  CHECK(zspace::read_truth_table(dir / "a" / "truth.csv") == zspace::simulated_depths(spec));
  CHECK(a.sections[5].defect == "shifted");
  const std::string yaml = read_text(dir / "a" / "simulation.yaml");
  CHECK(yaml.find("command: \"zspace simulate --output " + (dir / "a").string()) != std::string::npos);
  CHECK(yaml.find("seed: 5") != std::string::npos);
}

TEST_CASE("simulate: defects change only the listed sections") {
  TempDir dir;
  auto spec = small_texture();
  spec.texture = {64, 64, 0.2};
  const auto clean_result = zspace::simulate(spec, dir / "clean");
  spec.noisy = {2};
  spec.low_contrast = {4, 7};
  spec.shifted = {7, 9};
  const auto result = zspace::simulate(spec, dir / "defects");
  const auto clean = zspace::open_stack(dir / "clean");
  const auto defects = zspace::open_stack(dir / "defects");

  for (std::size_t i = 0; i < spec.sections; ++i) {
    const bool listed = i == 2 || i == 4 || i == 7 || i == 9;
    CHECK_MESSAGE((clean->read(i).pixels8 == defects->read(i).pixels8) == !listed, "section " << i);
    CHECK(result.sections[i].z == clean_result.sections[i].z);
  }
  CHECK(result.sections[2].defect == "noisy");
  CHECK(result.sections[4].defect == "low-contrast");
  CHECK(result.sections[7].defect == "low-contrast+shifted");
  CHECK(result.sections[0].defect.empty());

  // Noise of one spread adds about sqrt(2) to the spread; low contrast keeps about a quarter.
  CHECK(spread_of(defects->read(2)) / spread_of(clean->read(2)) == doctest::Approx(std::sqrt(2.0)).epsilon(0.15));
  CHECK(spread_of(defects->read(4)) / spread_of(clean->read(4)) == doctest::Approx(0.25).epsilon(0.1));

  // A shifted section is the clean one moved by (shift_x, shift_y), edges repeated.
  const auto& s9 = result.sections[9];
  CHECK(std::hypot(s9.shift_x, s9.shift_y) == doctest::Approx(8.0).epsilon(0.1));
  const auto moved = defects->read(9), original = clean->read(9);
  for (int y = 0; y < 64; ++y)
    for (int x = 0; x < 64; ++x) {
      const int sx = std::clamp(x - s9.shift_x, 0, 63), sy = std::clamp(y - s9.shift_y, 0, 63);
      if (moved.at(x, y) != original.at(sx, sy)) FAIL("pixel " << x << "," << y << " is not the shifted one");
    }
  const std::string truth = read_text(dir / "defects" / "truth.csv");
  CHECK(truth.rfind("section,file,z,defect,shift_x,shift_y\n", 0) == 0);
  CHECK(truth.find(",noisy,0,0\n") != std::string::npos);
}

TEST_CASE("simulate: volume sections are the volume's slices at the true depths, cropped, byte for byte") {
  TempDir dir;
  SimulationSpec spec;
  spec.volume = kVolume;
  spec.crop = zspace::Crop{30, 125, 200, 125};  // the lower half in y, less a margin in x
  spec.sections = 15;
  spec.pattern = zspace::SpacingPattern::random;
  spec.thickness = zspace::Thickness{1, 5};
  spec.start = 10;
  spec.gaps = 1;
  const auto result = zspace::simulate(spec, dir / "out");
  const auto volume = zspace::open_stack(kVolume);
  const auto stack = zspace::open_stack(dir / "out");
  REQUIRE(stack->size() == 15);
  CHECK(stack->width() == 200);
  CHECK(stack->height() == 125);
  const auto truth = zspace::read_truth_table(dir / "out" / "truth.csv");
  CHECK(truth.front() == 10);
  for (std::size_t i = 0; i < truth.size(); ++i) {
    CHECK(truth[i] == std::floor(truth[i]));
    const auto slice = volume->read(static_cast<std::size_t>(truth[i]));
    const auto section = stack->read(i);
    REQUIRE(section.depth == zspace::PixelDepth::uint8);
    bool same = true;
    for (int y = 0; y < 125; ++y)
      for (int x = 0; x < 200; ++x) same = same && section.pixels8[y * 200 + x] == slice.pixels8[(y + 125) * 250 + x + 30];
    CHECK_MESSAGE(same, "section " << i << " at z " << truth[i]);
  }
  const std::string yaml = read_text(dir / "out" / "simulation.yaml");
  CHECK(yaml.find("crop: [30, 125, 200, 125]") != std::string::npos);
  CHECK(yaml.find("volume_depth: 250") != std::string::npos);
}

TEST_CASE("simulate: volume errors name the numbers") {
  TempDir dir;
  SimulationSpec spec;
  spec.volume = kVolume;
  spec.sections = 10;
  spec.crop = zspace::Crop{200, 0, 100, 100};
  CHECK_THROWS_WITH_AS(zspace::simulate(spec, dir / "out"),
                       "--crop 200,0,100,100: reaches column 300 and row 100, but the volume's slices are 250x250",
                       zspace::ConfigError);
  spec.crop.reset();
  spec.sections = 100;
  spec.thickness = zspace::Thickness{3, 3};
  CHECK_THROWS_WITH_AS(zspace::simulate(spec, dir / "out"),
                       "--sections 100 with --pattern uniform --thickness 3: needs slices 0..297, but the volume has 250 (0..249)",
                       zspace::ConfigError);
  spec.volume = dir / "nothing";
  CHECK_THROWS_AS(zspace::simulate(spec, dir / "out"), zspace::DataError);
  CHECK_FALSE(fs::exists(dir / "out"));
}

TEST_CASE("simulate: the output folder is replaced only when it holds an earlier simulation") {
  TempDir dir;
  auto spec = small_texture();
  spec.sections = 3;
  fs::create_directories(dir / "empty");
  zspace::simulate(spec, dir / "empty");  // an empty folder is fine
  CHECK(fs::exists(dir / "empty" / "truth.csv"));

  CHECK_THROWS_WITH_AS(zspace::simulate(spec, dir / "empty"),
                       ((dir / "empty").string() + ": holds an earlier simulation; use --overwrite to replace it").c_str(),
                       zspace::ConfigError);
  spec.overwrite = true;
  spec.sections = 2;
  zspace::simulate(spec, dir / "empty");
  CHECK(listing(dir / "empty").size() == 4);  // the 3-section stack is gone, not mixed in

  dir.write("data/keep.txt", "precious");
  CHECK_THROWS_WITH_AS(zspace::simulate(spec, dir / "data"),
                       ((dir / "data").string() + ": folder is not empty and holds no earlier simulation; choose another output").c_str(),
                       zspace::ConfigError);
  CHECK(read_text(dir / "data" / "keep.txt") == "precious");
  // Nothing half-written is left beside the outputs.
  for (const auto& name : listing(dir.path())) CHECK(name.find(".tmp.") == std::string::npos);
}
