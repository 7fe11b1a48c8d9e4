// Reading truth.csv and result tables, and `zspace evaluate` through the binary.

#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "test_support.hpp"
#include "zspace/engine/errors.hpp"
#include "zspace/engine/evaluate.hpp"

using namespace zspace::test;

namespace {

// The message of the DataError `f` throws, empty if none.
template <typename F>
std::string data_error(F&& f) {
  try {
    f();
  } catch (const zspace::DataError& e) {
    return e.what();
  }
  return {};
}

const char* kTruth = "section,file,z,defect\n0,0000.tif,0,\n1,0001.tif,1,\n2,0002.tif,2.5,noisy\n3,0003.tif,3.5,\n";

}  // namespace

TEST_CASE("tables: the z column is found by name, quoted cells and CRLF are read") {
  TempDir dir;
  CHECK(zspace::read_truth_table(dir.write("truth.csv", kTruth)) == std::vector<double>{0, 1, 2.5, 3.5});
  // z.csv layout, with a file name that needs quoting and Windows line ends.
  const auto z = zspace::read_result_table(dir.write(
      "out/z.csv", "section,file,z,thickness,quality\r\n0,\"a,\"\"b\"\".tif\",0.5,1,1\r\n1,b.tif,1.5,,1\r\n"));
  CHECK(z == std::vector<double>{0.5, 1.5});
  CHECK(zspace::read_result_table(dir / "out") == z);  // a folder means its z.csv
}

TEST_CASE("tables: an empty z in a result means no position, in the truth it is an error") {
  TempDir dir;
  const auto z = zspace::read_result_table(dir.write("z.csv", "z\n0\n\n1\n"));  // blank line skipped
  REQUIRE(z.size() == 2);
  CHECK(z[0] == 0.0);
  CHECK(z[1] == 1.0);
  const auto with_gap = zspace::read_result_table(dir.write("z2.csv", "section,z\n0,0\n1,\n2,2\n"));
  REQUIRE(with_gap.size() == 3);
  CHECK(std::isnan(with_gap[1]));
  const std::string m = data_error([&] { zspace::read_truth_table(dir / "z2.csv"); });
  CHECK(m == (dir / "z2.csv").string() + ":3: no z");
}

TEST_CASE("tables: errors name the file and line") {
  TempDir dir;
  const auto bad = [&](const std::string& text) {
    return data_error([&] { zspace::read_truth_table(dir.write("t.csv", text)); });
  };
  const std::string f = (dir / "t.csv").string();
  CHECK(bad("section,depth\n0,1\n") == f + ":1: no z column in the header");
  CHECK(bad("section,z\n0,1\n1,x2\n") == f + ":3: z 'x2' is not a number");
  CHECK(bad("section,z\n0,1\n1\n") == f + ":3: 1 cells, the header has 2");
  CHECK(bad("section,z\n0,\"1\n") == f + ":2: unterminated quoted cell");
  CHECK(bad("") == f + ": empty file, expected a header with a z column");
  CHECK(bad("z\n") == f + ": no sections, only a header");
  CHECK(data_error([&] { zspace::read_truth_table(dir / "missing.csv"); }).rfind((dir / "missing.csv").string() + ": cannot read", 0) == 0);
  CHECK(data_error([&] { zspace::read_result_table(dir.path()); }) == dir.path().string() + ": no z.csv in this folder");
}

TEST_CASE("tables: the z_px column of a result, empty when it has none") {
  TempDir dir;
  dir.write("out/z.csv", "section,file,z,thickness,z_px,thickness_px\n0,a,0,1,0,2\n1,b,1,1,,2\n2,c,2,,4.5,\n");
  const auto px = zspace::read_result_pixels(dir / "out");
  REQUIRE(px.size() == 3);
  CHECK(px[0] == 0.0);
  CHECK(std::isnan(px[1]));
  CHECK(px[2] == 4.5);
  CHECK(zspace::read_result_pixels(dir.write("plain.csv", "section,z\n0,0\n1,1\n")).empty());
  const std::string m = data_error([&] { zspace::read_result_pixels(dir.write("bad.csv", "z,z_px\n0,0\n1,x\n")); });
  CHECK(m == (dir / "bad.csv").string() + ":3: z_px 'x' is not a number");
}

TEST_CASE("evaluate_files: different section counts name both files") {
  TempDir dir;
  const auto truth = dir.write("truth.csv", kTruth);
  const auto result = dir.write("z.csv", "z\n0\n1\n2\n");
  CHECK(data_error([&] { zspace::evaluate_files(truth, result); }) ==
        result.string() + ": 3 sections, but " + truth.string() + " has 4");
}

TEST_CASE("zspace evaluate: table, JSON and exit codes") {
  TempDir dir;
  const auto truth = dir.write("truth.csv", kTruth);
  dir.write("out/z.csv", "section,file,z,thickness,quality\n0,a,0,1,1\n1,b,1,1,1\n2,c,2.5,1,1\n3,d,3.5,,1\n");

  const auto text = run_zspace("evaluate --truth " + quote(truth) + " " + quote(dir / "out"));
  INFO(text.err);
  CHECK(text.exit_code == 0);
  CHECK(text.out.find("4 sections") != std::string::npos);
  CHECK(text.out.find("estimate") != std::string::npos);
  CHECK(text.out.find("uniform") != std::string::npos);
  CHECK(text.out.find("RMS error / spacing") != std::string::npos);

  const auto json = run_zspace("evaluate --json --truth " + quote(truth) + " " + quote(dir / "out"));
  CHECK(json.exit_code == 0);
  CHECK(json.out.find("\"sections\": 4") != std::string::npos);
  CHECK(json.out.find("\"gap_recovery\": null") != std::string::npos);  // no gap in this truth
  CHECK(json.out.find("\"rms\": 0,") != std::string::npos);             // exact estimate

  const auto mismatch = run_zspace("evaluate --truth " + quote(truth) + " " + quote(dir.write("short.csv", "z\n0\n1\n")));
  CHECK(mismatch.exit_code == 1);
  CHECK(count_lines(mismatch.err) == 1);
  CHECK(mismatch.err.find("2 sections, but") != std::string::npos);

  const auto missing = run_zspace("evaluate --truth " + quote(dir / "nope.csv") + " " + quote(dir / "out"));
  CHECK(missing.exit_code == 1);
  CHECK(count_lines(missing.err) == 1);
  CHECK(missing.err.find("nope.csv") != std::string::npos);

  // No z_px column: no span row, span_ratio null.
  CHECK(text.out.find("absolute span") == std::string::npos);
  CHECK(json.out.find("\"span_ratio\": null") != std::string::npos);

  // Absolute positions a quarter beyond the true span (3.5 voxels): the row and the JSON field.
  dir.write("abs/z.csv", "section,z,z_px\n0,0,0\n1,1,1.25\n2,2.5,3.125\n3,3.5,4.375\n");
  const auto spans = run_zspace("evaluate --truth " + quote(truth) + " " + quote(dir / "abs"));
  CHECK(spans.exit_code == 0);
  CHECK(spans.out.find("absolute span / true span             1.2500           -") != std::string::npos);
  const auto spans_json = run_zspace("evaluate --json --truth " + quote(truth) + " " + quote(dir / "abs"));
  CHECK(spans_json.out.find("\"span_ratio\": 1.25,") != std::string::npos);

  const auto usage = run_zspace("evaluate " + quote(dir / "out"));  // no --truth
  CHECK(usage.exit_code == 2);
  CHECK(count_lines(usage.err) == 1);
}

TEST_CASE("evaluate_files: scoring errors name both files") {
  TempDir dir;
  const auto truth = dir.write("truth.csv", "z\n0\n1\n2\n");
  const auto result = dir.write("z.csv", "section,z\n0,0\n1,\n2,\n");  // one section with a z
  CHECK(data_error([&] { zspace::evaluate_files(truth, result); }) ==
        result.string() + " against " + truth.string() + ": 1 of 3 sections have a z; at least 2 are needed to score");
}
