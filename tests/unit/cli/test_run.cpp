// `zspace run` end to end through the real binary, plugins loaded from the build tree.

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "test_support.hpp"
#include "z_table.hpp"
#include "zspace/engine/image_io.hpp"

using namespace zspace::test;

namespace {
const std::string kDefault = std::string(ZSPACE_SOURCE_DIR) + "/configs/default.yaml";
const fs::path kStack = fs::path(ZSPACE_TEST_DATA_DIR) / "fibsem_medulla_iso10nm_s1";

bool has_temporaries(const fs::path& dir) {
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().filename().string().find(".tmp.") != std::string::npos) return true;
  return false;
}
}  // namespace

TEST_CASE("default pipeline on the shipped FIB-SEM stack writes every result file") {
  TempDir out;
  const auto r = run_zspace("run " + kDefault + " --quiet --output " + quote(out.path()));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("250 sections") != std::string::npos);
  CHECK(r.out.find(out.path().string()) != std::string::npos);

  std::string header, full_header;
  const auto rows = read_z_table(out / "z.csv", &header, &full_header);
  CHECK(full_header == "section,file,z,thickness,quality");  // no flagged section: no flag column
  REQUIRE(rows.size() == 250);
  CHECK(rows.front().file == "iso.2600.png");
  CHECK(rows.back().file == "iso.2849.png");
  CHECK(rows.front().z == doctest::Approx(0.0).epsilon(1e-9));
  CHECK(rows.back().z == doctest::Approx(249.0).epsilon(1e-9));
  CHECK(rows.back().thickness.empty());
  CHECK(!rows.front().thickness.empty());
  for (const auto& row : rows) CHECK(row.quality > 0);

  const auto strip = zspace::read_float_tiff(out / "similarity.tif");
  CHECK(strip.width == 21);
  CHECK(strip.height == 250);
  CHECK(strip.pixels[10] == 1.0f);                  // row 0, offset 0: the diagonal
  CHECK(std::isnan(strip.pixels[0]));               // row 0, offset -10: outside the stack
  CHECK(strip.pixels[11] > 0.8f);                   // neighbours of consecutive 10 nm slices

  const std::string json = read_text(out / "result.json");
  for (const char* key : {"\"pipeline\"", "\"plugins\"", "\"curve\"", "\"z\"", "\"quality\"", "\"timings_s\"",
                          "\"fixed-point\"", "\"version\""})
    CHECK_MESSAGE(json.find(key) != std::string::npos, key);
  const std::string resolved = read_text(out / "pipeline.resolved.yaml");
  CHECK(resolved.find("outer_iterations") != std::string::npos);
  CHECK_FALSE(has_temporaries(out.path()));

  // The resolved pipeline re-runs as is and gives the same z table.
  TempDir again;
  const auto r2 = run_zspace("run " + quote(out / "pipeline.resolved.yaml") + " --quiet --output " + quote(again.path()));
  REQUIRE(r2.exit_code == 0);
  CHECK(read_text(again / "z.csv") == read_text(out / "z.csv"));
}

TEST_CASE("results do not depend on the thread count") {
  TempDir one, two;
  const std::string common = "run " + kDefault + " --quiet --set solver.params.outer_iterations=20";
  REQUIRE(run_zspace(common + " --threads 1 --output " + quote(one.path())).exit_code == 0);
  REQUIRE(run_zspace(common + " --threads 2 --output " + quote(two.path())).exit_code == 0);
  CHECK(read_text(one / "z.csv") == read_text(two / "z.csv"));
  CHECK(read_text(one / "similarity.tif") == read_text(two / "similarity.tif"));
}

TEST_CASE("a failed run leaves the previous result intact and no partial files") {
  TempDir out, bad;
  const std::string common = "run " + kDefault + " --quiet --set solver.params.outer_iterations=5 --output " + quote(out.path());
  REQUIRE(run_zspace(common).exit_code == 0);
  const std::string before = read_text(out / "z.csv");

  // A stack whose second section has another size.
  zspace::FloatImage a{4, 4, std::vector<float>(16, 1.0f)}, b{5, 4, std::vector<float>(20, 1.0f)};
  zspace::write_float_tiff(bad / "1.tif", a);
  zspace::write_float_tiff(bad / "2.tif", b);
  const auto r = run_zspace(common + " --input " + quote(bad.path()));
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("2.tif") != std::string::npos);
  CHECK(count_lines(r.err) == 1);
  CHECK(read_text(out / "z.csv") == before);
  CHECK_FALSE(has_temporaries(out.path()));
}

TEST_CASE("output path that is a file is a usage error before any computation") {
  TempDir tmp;
  write_text(tmp / "occupied", "x");
  const auto r = run_zspace("run " + kDefault + " --quiet --output " + quote(tmp / "occupied"));
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("occupied") != std::string::npos);
  CHECK(count_lines(r.err) == 1);
}
