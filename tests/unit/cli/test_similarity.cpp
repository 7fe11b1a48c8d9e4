// `zspace similarity` (the band alone) and solving a saved band with `input: {matrix: ...}`,
// through the real binary on the shipped FIB-SEM stack.

#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "test_support.hpp"
#include "z_table.hpp"
#include "zspace/engine/image_io.hpp"

using namespace zspace::test;

namespace {

const std::string kDefault = std::string(ZSPACE_SOURCE_DIR) + "/configs/default.yaml";
// Fewer solver iterations keep every run here quick; both sides of a comparison use the same.
const std::string kQuick = " --quiet --set solver.params.outer_iterations=20";

std::set<std::string> files_in(const fs::path& dir) {
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.insert(e.path().filename().string());
  return names;
}

// A pipeline that solves the saved band `matrix` with the default solver, results in `out`.
fs::path matrix_pipeline(const TempDir& dir, const fs::path& matrix, const fs::path& out) {
  return dir.write("solve.yaml", "version: 1\ninput:\n  matrix: " + quote(matrix) + "\noutput:\n  dir: " + quote(out) +
                                     "\n");
}

void check_same_z(const std::vector<ZRow>& a, const std::vector<ZRow>& b, double tolerance) {
  REQUIRE(a.size() == b.size());
  double worst = 0;
  for (std::size_t i = 0; i < a.size(); ++i) worst = std::max(worst, std::abs(a[i].z - b[i].z));
  MESSAGE("largest z difference: " << worst);
  CHECK(worst <= tolerance);
}

}  // namespace

TEST_CASE("zspace similarity writes only the band and its description") {
  TempDir out;
  const auto r = run_zspace("similarity " + kDefault + " --quiet --output " + quote(out.path()));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("band of 250 sections (metric ncc, R = 10)") != std::string::npos);
  CHECK(files_in(out.path()) == std::set<std::string>{"similarity.json", "similarity.tif"});

  const YAML::Node json = YAML::LoadFile((out / "similarity.json").string());
  CHECK(json["sections"].as<std::size_t>() == 250);
  CHECK(json["neighborhood_range"].as<std::size_t>() == 10);
  CHECK(json["metric"]["name"].as<std::string>() == "ncc");
  CHECK_FALSE(json["metric"]["version"].as<std::string>().empty());
  CHECK(json["metric"]["params"].IsMap());
  CHECK(json["preprocess"]["downsample"].as<int>() == 1);
  CHECK_FALSE(json["preprocess"]["sections"].IsDefined());
  const YAML::Node files = json["files"];
  REQUIRE(files.IsSequence());
  REQUIRE(files.size() == 250);
  CHECK(files[0].as<std::string>() == "iso.2600.png");
  CHECK(files[249].as<std::string>() == "iso.2849.png");
  const YAML::Node usable = json["usable"];
  REQUIRE(usable.size() == 250);
  for (const auto& u : usable) CHECK(u.as<bool>());
  // ncc measures sections where they lie: it reports no in-plane shifts.
  CHECK_FALSE(json["shifts"].IsDefined());

  const auto strip = zspace::read_float_tiff(out / "similarity.tif");
  CHECK(strip.width == 21);
  CHECK(strip.height == 250);
}

TEST_CASE("a saved band solves like a direct run and keeps the section names") {
  TempDir band, direct, solved, cfg;
  REQUIRE(run_zspace("similarity " + kDefault + " --quiet --output " + quote(band.path())).exit_code == 0);
  REQUIRE(run_zspace("run " + kDefault + kQuick + " --output " + quote(direct.path())).exit_code == 0);
  const auto pipeline = matrix_pipeline(cfg, band / "similarity.tif", solved.path());
  const auto r = run_zspace("run " + quote(pipeline) + kQuick);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("250 sections") != std::string::npos);

  const auto from_band = read_z_table(solved / "z.csv");
  const auto from_stack = read_z_table(direct / "z.csv");
  // The saved band holds float32 similarities; the direct run solves the same values unrounded.
  check_same_z(from_band, from_stack, 1e-6);
  for (std::size_t i = 0; i < from_band.size(); ++i) CHECK(from_band[i].file == from_stack[i].file);

  const YAML::Node json = YAML::LoadFile((solved / "similarity.json").string());
  CHECK(json["metric"]["name"].as<std::string>() == "saved band");
  CHECK(json["files"].size() == 250);
  CHECK(read_text(solved / "pipeline.resolved.yaml").find("matrix: ") != std::string::npos);
}

TEST_CASE("a Fiji-style square N x N matrix solves like the strip it was made from") {
  TempDir band, cfg, from_strip, from_square;
  const std::string forty = " --set input.sections=[0,39] --set similarity.neighborhood_range=39";
  REQUIRE(run_zspace("similarity " + kDefault + forty + " --quiet --output " + quote(band.path())).exit_code == 0);
  const auto strip = zspace::read_float_tiff(band / "similarity.tif");
  REQUIRE(strip.width == 79);
  REQUIRE(strip.height == 40);
  // Row i of the strip holds sections i-39 .. i+39; the square's row i holds sections 0 .. 39.
  zspace::FloatImage square{40, 40, std::vector<float>(1600)};
  for (std::size_t i = 0; i < 40; ++i)
    for (std::size_t j = 0; j < 40; ++j) square.pixels[i * 40 + j] = strip.pixels[i * 79 + j - i + 39];
  zspace::write_float_tiff(cfg / "fiji.tif", square);

  REQUIRE(run_zspace("run " + quote(matrix_pipeline(cfg, band / "similarity.tif", from_strip.path())) + kQuick)
              .exit_code == 0);
  const auto r = run_zspace("run " + quote(matrix_pipeline(cfg, cfg / "fiji.tif", from_square.path())) + kQuick);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const auto a = read_z_table(from_strip / "z.csv");
  const auto b = read_z_table(from_square / "z.csv");
  REQUIRE(b.size() == 40);
  check_same_z(a, b, 1e-9);
  CHECK(a.front().file == "iso.2600.png");  // named by the similarity.json beside the strip
  CHECK(b.front().file.empty());            // a bare matrix image has no section names
  CHECK(b.back().z > b.front().z);
}

TEST_CASE("input.sections selects a part of the stack") {
  TempDir out;
  const auto r = run_zspace("run " + kDefault + kQuick + " --set input.sections=[0,99] --output " + quote(out.path()));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("100 sections") != std::string::npos);
  const auto rows = read_z_table(out / "z.csv");
  REQUIRE(rows.size() == 100);
  CHECK(rows.front().section == 0);
  CHECK(rows.front().file == "iso.2600.png");
  CHECK(rows.back().file == "iso.2699.png");
  const YAML::Node json = YAML::LoadFile((out / "similarity.json").string());
  CHECK(json["preprocess"]["sections"][0].as<int>() == 0);
  CHECK(json["preprocess"]["sections"][1].as<int>() == 99);
  CHECK(json["files"].size() == 100);
}

TEST_CASE("a downsampled run solves the whole stack") {
  TempDir out;
  const auto r = run_zspace("run " + kDefault + kQuick + " --set preprocess.downsample=2 --output " + quote(out.path()));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const auto rows = read_z_table(out / "z.csv");
  REQUIRE(rows.size() == 250);
  // The isotropic 10 nm slices keep their order at half the resolution.
  for (std::size_t i = 1; i < rows.size(); ++i) CHECK(rows[i].z > rows[i - 1].z);
  CHECK(rows.back().z == doctest::Approx(249.0).epsilon(1e-9));
  const YAML::Node json = YAML::LoadFile((out / "similarity.json").string());
  CHECK(json["preprocess"]["downsample"].as<int>() == 2);
}

TEST_CASE("zspace similarity refuses a pipeline that starts from a saved band") {
  TempDir cfg, out;
  zspace::write_float_tiff(cfg / "band.tif", {3, 3, std::vector<float>(9, 1.0f)});
  const auto r = run_zspace("similarity " + quote(matrix_pipeline(cfg, cfg / "band.tif", out.path())) + " --quiet");
  CHECK(r.exit_code == 2);
  CHECK(count_lines(r.err) == 1);
  CHECK(r.err.find("input.matrix") != std::string::npos);
  CHECK(files_in(out.path()).empty());
}
