// Sections without usable signal (constant, entirely NaN) are not errors: they are flagged in
// z.csv and result.json, their z is interpolated from the nearest usable sections, and the
// run succeeds. A stack with fewer than two usable sections is a data error.

#include "hostile_support.hpp"

using namespace zspace::hostile;

namespace {

constexpr int kSize = 48;
const double kNaN = std::numeric_limits<double>::quiet_NaN();

// `count` float sections, correlated in z; sections listed in `constant` are flat, those in
// `nan` entirely NaN.
void write_stack(const fs::path& dir, std::size_t count, const std::vector<std::size_t>& constant,
                 const std::vector<std::size_t>& nan) {
  fs::create_directories(dir);
  auto sections = correlated_sections(kSize, kSize, count, 7);
  for (std::size_t k : constant) std::fill(sections[k].begin(), sections[k].end(), 42.0);
  for (std::size_t k : nan) std::fill(sections[k].begin(), sections[k].end(), kNaN);
  for (std::size_t k = 0; k < count; ++k) {
    char name[32];
    std::snprintf(name, sizeof name, "z%03zu.tif", k);
    write_f32_tiff(dir / name, kSize, kSize, sections[k]);
  }
}

CommandResult run_stack(const fs::path& input, const fs::path& out) {
  return run_zspace("run " + kDefault + " --threads 2 --set similarity.neighborhood_range=3 --input " + quote(input) +
                    " --output " + quote(out));
}

}  // namespace

TEST_CASE("a constant and an all-NaN section are flagged, interpolated, and the run succeeds") {
  TempDir tmp;
  const std::size_t n = 12, flat = 4, blank = 7;
  write_stack(tmp / "stack", n, {flat}, {blank});
  const auto r = run_stack(tmp / "stack", tmp / "out");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);

  // The summary names them; so do the warnings on stderr.
  CHECK(r.out.find("flagged sections (no usable signal): 4, 7") != std::string::npos);
  CHECK(r.err.find("warning: section 4 (z004.tif) has no usable signal") != std::string::npos);
  CHECK(r.err.find("warning: section 7 (z007.tif) has no usable signal") != std::string::npos);

  std::string header, full;
  const auto rows = read_z_table(tmp / "out" / "z.csv", &header, &full);
  CHECK(header == "section,file,z,thickness,quality");
  CHECK(full == "section,file,z,thickness,quality,flag");
  REQUIRE(rows.size() == n);
  for (std::size_t i = 0; i < n; ++i) {
    CAPTURE(i);
    const bool flagged = i == flat || i == blank;
    CHECK(rows[i].flag == (flagged ? "no-signal" : ""));
    CHECK(std::isfinite(rows[i].z));
    CHECK(std::isnan(rows[i].quality) == flagged);  // undefined for a section without signal
    if (i > 0) CHECK(rows[i].z > rows[i - 1].z);    // ordered, the flagged ones strictly between
  }
  // Linear by section index between the usable neighbours.
  CHECK(rows[flat].z == doctest::Approx((rows[flat - 1].z + rows[flat + 1].z) / 2).epsilon(1e-12));
  CHECK(rows[blank].z == doctest::Approx((rows[blank - 1].z + rows[blank + 1].z) / 2).epsilon(1e-12));

  std::string json = read_text(tmp / "out" / "result.json");
  json.erase(std::remove_if(json.begin(), json.end(), [](char c) { return c == ' ' || c == '\n'; }), json.end());
  CHECK(json.find("{\"section\":4,\"flag\":\"no-signal\"") != std::string::npos);
  CHECK(json.find("{\"section\":7,\"flag\":\"no-signal\"") != std::string::npos);
}

TEST_CASE("flagged sections at the ends are extrapolated with the neighbouring spacing") {
  TempDir tmp;
  const std::size_t n = 10;
  write_stack(tmp / "stack", n, {0}, {n - 1});
  const auto r = run_stack(tmp / "stack", tmp / "out");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const auto rows = read_z_table(tmp / "out" / "z.csv");
  REQUIRE(rows.size() == n);
  CHECK(rows[0].flag == "no-signal");
  CHECK(rows[n - 1].flag == "no-signal");
  CHECK(rows[0].z == doctest::Approx(2 * rows[1].z - rows[2].z).epsilon(1e-12));
  CHECK(rows[n - 1].z == doctest::Approx(2 * rows[n - 2].z - rows[n - 3].z).epsilon(1e-12));
  for (std::size_t i = 1; i < n; ++i) CHECK(rows[i].z > rows[i - 1].z);
}

TEST_CASE("a run of flagged sections is interpolated evenly") {
  TempDir tmp;
  write_stack(tmp / "stack", 10, {3, 4}, {5});
  const auto r = run_stack(tmp / "stack", tmp / "out");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const auto rows = read_z_table(tmp / "out" / "z.csv");
  REQUIRE(rows.size() == 10);
  const double step = (rows[6].z - rows[2].z) / 4;
  for (std::size_t i = 3; i <= 5; ++i) {
    CAPTURE(i);
    CHECK(rows[i].flag == "no-signal");
    CHECK(rows[i].z == doctest::Approx(rows[2].z + step * static_cast<double>(i - 2)).epsilon(1e-12));
  }
}

TEST_CASE("fewer than two usable sections is a data error naming the input") {
  TempDir tmp;
  write_stack(tmp / "flat", 4, {0, 1, 2}, {3});
  expect_refusal(run_on(tmp / "flat", tmp / "out"), 1, {(tmp / "flat").string(), "no section has usable signal"},
                 tmp / "out");
  write_stack(tmp / "one", 4, {0, 2}, {3});
  expect_refusal(run_on(tmp / "one", tmp / "out"), 1, {(tmp / "one").string(), "only 1 section has usable signal"},
                 tmp / "out");
}
