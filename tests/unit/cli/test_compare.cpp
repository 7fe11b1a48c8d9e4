// A compare run (`variants:`) through the real binary: each distinct band computed once,
// one folder per variant, compare.csv, and variant folders that re-run on their own.

#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>

#include "test_support.hpp"
#include "z_table.hpp"

using namespace zspace::test;

namespace {

const fs::path kStack = fs::path(ZSPACE_TEST_DATA_DIR) / "fibsem_medulla_iso10nm_s1";

// The first 60 sections keep the three solves quick. "fiji" and "damped" differ only in
// solver params, so they share one band; "r5" needs a band of its own.
std::string compare_pipeline(const fs::path& out, const std::string& third_variant) {
  return "version: 1\n"
         "input:\n"
         "  path: " + quote(kStack) + "\n"
         "  sections: [0, 59]\n"
         "similarity: {metric: ncc, neighborhood_range: 10}\n"
         "solver:\n"
         "  name: fixed-point\n"
         "  params: {outer_iterations: 20}\n"
         "output: {dir: " + quote(out) + "}\n"
         "variants:\n"
         "  - name: fiji\n"
         "  - name: damped\n"
         "    solver: {params: {outer_regularization: 0.8}}\n" +
         third_variant;
}

const std::string kThird = "  - name: r5\n    similarity: {neighborhood_range: 5}\n";

std::vector<std::vector<std::string>> csv_rows(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::stringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, ',')) cells.push_back(cell);
    rows.push_back(cells);
  }
  return rows;
}

}  // namespace

TEST_CASE("a compare run computes each distinct band once and writes one folder per variant") {
  TempDir cfg, out;
  const auto pipeline = cfg.write("compare.yaml", compare_pipeline(out.path(), kThird));
  const auto r = run_zspace("run " + quote(pipeline) + " --quiet");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("3 variants, 2 distinct similarity bands computed") != std::string::npos);
  CHECK(r.out.find("damped: 60 sections") != std::string::npos);

  const auto rows = csv_rows(read_text(out / "compare.csv"));
  REQUIRE(rows.size() == 4);
  const auto& header = rows[0];
  REQUIRE(header.size() >= 6);
  CHECK(header[0] == "variant");
  CHECK(header[1] == "metric");
  CHECK(header[2] == "neighborhood_range");
  CHECK(header[5] == "band_shared");
  const std::vector<std::string> names{"fiji", "damped", "r5"}, shared{"no", "yes", "no"}, ranges{"10", "10", "5"};
  for (std::size_t i = 0; i < 3; ++i) {
    CAPTURE(i);
    REQUIRE(rows[i + 1].size() >= 6);
    CHECK(rows[i + 1][0] == names[i]);
    CHECK(rows[i + 1][1] == "ncc");
    CHECK(rows[i + 1][2] == ranges[i]);
    CHECK(rows[i + 1][5] == shared[i]);
  }
  CHECK(fs::exists(out / "pipeline.resolved.yaml"));

  for (const auto& name : names) {
    CAPTURE(name);
    for (const char* file : {"z.csv", "result.json", "pipeline.resolved.yaml", "similarity.tif", "similarity.json"})
      CHECK_MESSAGE(fs::exists(out / name / file), file);
    CHECK(read_z_table(out / name / "z.csv").size() == 60);
  }
  // The two variants on one band solve it differently.
  CHECK(read_text(out / "fiji/similarity.tif") == read_text(out / "damped/similarity.tif"));
  CHECK(read_text(out / "fiji/z.csv") != read_text(out / "damped/z.csv"));
}

TEST_CASE("a variant's resolved pipeline re-runs alone to the same z table") {
  TempDir cfg, out, again;
  REQUIRE(run_zspace("run " + quote(cfg.write("compare.yaml", compare_pipeline(out.path(), kThird))) + " --quiet")
              .exit_code == 0);
  const std::string resolved = read_text(out / "damped/pipeline.resolved.yaml");
  CHECK(resolved.find("variants") == std::string::npos);
  CHECK(resolved.find("outer_regularization: 0.8") != std::string::npos);
  const auto r = run_zspace("run " + quote(out / "damped/pipeline.resolved.yaml") + " --quiet --output " +
                            quote(again.path()));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(read_text(again / "z.csv") == read_text(out / "damped/z.csv"));
}

// Fails until load_pipeline accepts a variant repeating a param of the base (the resolved
// file writes every param of the base and of each variant): see variants_test.cpp.
TEST_CASE("the compare run's own resolved pipeline loads again") {
  TempDir cfg, out;
  REQUIRE(run_zspace("run " + quote(cfg.write("compare.yaml", compare_pipeline(out.path(), kThird))) + " --quiet")
              .exit_code == 0);
  const auto r = run_zspace("validate " + quote(out / "pipeline.resolved.yaml"));
  INFO(r.err);
  CHECK(r.exit_code == 0);
}

TEST_CASE("a bad variant stops the compare run before it writes anything") {
  TempDir cfg, out;
  const auto pipeline = cfg.write("compare.yaml", compare_pipeline(out.path(), "  - name: bad\n"
                                                                               "    solver: {params: {outer_iteratons: 5}}\n"));
  const auto r = run_zspace("run " + quote(pipeline) + " --quiet");
  CHECK(r.exit_code == 2);
  CHECK(count_lines(r.err) == 1);
  CHECK(r.err.find("variants[2].solver.params.outer_iteratons") != std::string::npos);
  CHECK(r.err.find("did you mean 'outer_iterations'?") != std::string::npos);
  CHECK_FALSE(fs::exists(out / "compare.csv"));
  CHECK_FALSE(fs::exists(out / "fiji"));

  const auto dup = cfg.write("dup.yaml", compare_pipeline(out.path(), "  - name: fiji\n"));
  const auto d = run_zspace("run " + quote(dup) + " --quiet");
  CHECK(d.exit_code == 2);
  CHECK(d.err.find("variants[2].name: 'fiji' names two variants") != std::string::npos);
  CHECK_FALSE(fs::exists(out / "compare.csv"));
}

TEST_CASE("configs/compare-metrics.yaml: three metrics, three bands, one compare.csv row each") {
  TempDir out;
  const std::string config = std::string(ZSPACE_SOURCE_DIR) + "/configs/compare-metrics.yaml";
  const auto r = run_zspace("run " + quote(config) + " --quiet --set input.sections=[0,59] --set "
                            "similarity.neighborhood_range=4 --output " + quote(out.path()));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("3 variants, 3 distinct similarity bands computed") != std::string::npos);
  const std::string csv = read_text(out / "compare.csv");
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 4);
  for (const char* metric : {"\nncc,ncc,", "\nfft-correlation,fft-correlation,", "\nmutual-information,mutual-information,"})
    CHECK_MESSAGE(csv.find(metric) != std::string::npos, metric);
  CHECK(fs::exists(out / "report.html"));
}
