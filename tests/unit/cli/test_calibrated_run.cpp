// Runs whose solver asks for in-plane calibration (`calibrated`), through the real binary: the
// calibration reaches the solver (also when the band is spread over MPI ranks), the absolute
// columns reach z.csv, result.json and compare.csv, and the requests the engine cannot serve
// are one-line errors.

#include <doctest/doctest.h>
#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "test_support.hpp"

using namespace zspace::test;

namespace {

const fs::path kStack = fs::path(ZSPACE_TEST_DATA_DIR) / "fibsem_medulla_iso10nm_s1";

// An isotropic 10 nm volume: consecutive sections are one pixel apart.
std::string pipeline_text(const fs::path& out, const std::string& extra_input, const std::string& solver,
                          const std::string& preprocess = "") {
  return "version: 1\n"
         "input:\n"
         "  path: " + quote(kStack) + "\n"
         "  sections: [0, 39]\n" + extra_input +
         preprocess +
         "similarity: {metric: ncc, neighborhood_range: 3}\n"
         "solver: " + solver + "\n"
         "output: {dir: " + quote(out) + ", report: false}\n";
}

// A CSV table by column name.
struct Table {
  std::vector<std::string> header;
  std::vector<std::map<std::string, std::string>> rows;
};

// Cells of one line; quoted cells (compare.csv's termination) may hold commas.
std::vector<std::string> cells_of(const std::string& line) {
  std::vector<std::string> cells(1);
  bool quoted = false;
  for (char c : line) {
    if (c == '"')
      quoted = !quoted;
    else if (c == ',' && !quoted)
      cells.emplace_back();
    else
      cells.back() += c;
  }
  return cells;
}

Table read_table(const fs::path& csv) {
  Table t;
  std::istringstream in(read_text(csv));
  std::string line;
  std::getline(in, line);
  t.header = cells_of(line);
  while (std::getline(in, line)) {
    const auto cells = cells_of(line);
    REQUIRE(cells.size() == t.header.size());
    std::map<std::string, std::string> row;
    for (std::size_t k = 0; k < cells.size(); ++k) row[t.header[k]] = cells[k];
    t.rows.push_back(row);
  }
  return t;
}

double total_span_px(const fs::path& out) {
  const Table z = read_table(out / "z.csv");
  return std::stod(z.rows.back().at("z_px")) - std::stod(z.rows.front().at("z_px"));
}

}  // namespace

TEST_CASE("a calibrated run writes absolute positions in pixels and nm") {
  TempDir cfg, out;
  const auto pipeline = cfg.write("p.yaml", pipeline_text(out.path(), "  voxel_size: [10, 10, 10]\n",
                                                          "{name: calibrated, params: {tiles: 2, max_shift: 12}}"));
  const auto r = run_zspace("run " + quote(pipeline) + " --quiet");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const Table z = read_table(out / "z.csv");
  CHECK(z.header == std::vector<std::string>{"section", "file", "z", "thickness", "quality", "z_px", "thickness_px",
                                             "thickness_sd_px", "z_nm", "thickness_nm", "thickness_sd_nm"});
  REQUIRE(z.rows.size() == 40);
  CHECK(std::stod(z.rows[0].at("z_px")) == 0.0);
  for (const auto& row : z.rows) CHECK(std::stod(row.at("z_nm")) == doctest::Approx(10 * std::stod(row.at("z_px"))));
  CHECK(z.rows.back().at("thickness_px").empty());
  CHECK(std::stod(z.rows[0].at("thickness_sd_px")) >= 0.0);
  // One pixel per section, measured in-plane: the span comes out within 20 %.
  CHECK(total_span_px(out.path()) == doctest::Approx(39).epsilon(0.2));
  // The summary gives the absolute mean thickness, in pixels and nm.
  const std::string mean_px = fmt::format("{:.3f}", total_span_px(out.path()) / 39);
  const std::string mean_nm = fmt::format("{:.2f}", 10 * total_span_px(out.path()) / 39);
  CHECK(r.out.find("absolute mean thickness " + mean_px + " px = " + mean_nm + " nm") != std::string::npos);

  const std::string json = read_text(out / "result.json");
  CHECK(json.find("\"z_pixels\": [0, ") != std::string::npos);
  CHECK(json.find("\"thickness_pixels_sd\": [") != std::string::npos);
  CHECK(json.find("\"calibration\": {") != std::string::npos);
  CHECK(json.find("\"tiles_x\": 2") != std::string::npos);
  CHECK(json.find("\"max_shift\": 12") != std::string::npos);
}

TEST_CASE("a calibrated run on downsampled sections still gives z_px in input pixels") {
  TempDir cfg, full, half;
  const std::string solver = "{name: calibrated, params: {tiles: 1, max_shift: 12}}";
  const auto p_full = cfg.write("full.yaml", pipeline_text(full.path(), "", solver));
  const auto p_half = cfg.write("half.yaml", pipeline_text(half.path(), "", solver, "preprocess: {downsample: 2}\n"));
  const auto a = run_zspace("run " + quote(p_full) + " --quiet");
  const auto b = run_zspace("run " + quote(p_half) + " --quiet");
  INFO(a.err, b.err);
  REQUIRE(a.exit_code == 0);
  REQUIRE(b.exit_code == 0);
  // Without the pixel scale the half-resolution span would be about half the full one.
  CHECK(total_span_px(half.path()) == doctest::Approx(total_span_px(full.path())).epsilon(0.25));
  const Table z = read_table(full.path() / "z.csv");
  CHECK(std::find(z.header.begin(), z.header.end(), "z_nm") == z.header.end());
}

TEST_CASE("in a compare run calibrated variants share their band, and compare.csv gets span_ratio") {
  TempDir cfg, out;
  std::string truth = "section,z\n";
  for (int i = 0; i < 40; ++i) truth += std::to_string(i) + "," + std::to_string(i) + "\n";
  const auto truth_csv = cfg.write("truth.csv", truth);
  const std::string text = pipeline_text(out.path(), "", "{name: fixed-point, params: {outer_iterations: 10}}") +
                           "truth: " + quote(truth_csv) + "\n"
                           "variants:\n"
                           "  - name: fiji\n"
                           "  - name: cal\n"
                           "    solver: {name: calibrated, params: {tiles: 2}}\n"
                           "  - name: cal-huber\n"
                           "    solver: {name: calibrated, params: {tiles: 2, huber: 2.0}}\n"
                           "  - name: cal-coarse\n"
                           "    solver: {name: calibrated, params: {tiles: 1}}\n";
  const auto pipeline = cfg.write("compare.yaml", text);
  const auto r = run_zspace("run " + quote(pipeline));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  // fiji's plain band, the 2 x 2 calibrated one (shared by cal and cal-huber), the 1 x 1 one.
  CHECK(r.out.find("3 distinct similarity bands computed") != std::string::npos);
  const Table compare = read_table(out / "compare.csv");
  REQUIRE(compare.rows.size() == 4);
  CHECK(compare.header.back() == "span_ratio");
  CHECK(compare.rows[0].at("band_shared") == "no");
  CHECK(compare.rows[1].at("band_shared") == "no");
  CHECK(compare.rows[2].at("band_shared") == "yes");
  CHECK(compare.rows[3].at("band_shared") == "no");
  CHECK(compare.rows[0].at("span_ratio").empty());
  for (std::size_t k = 1; k < 4; ++k) CHECK(std::stod(compare.rows[k].at("span_ratio")) == doctest::Approx(1).epsilon(0.2));
  // The plain variant's table is the ordinary one; the calibrated ones carry their columns.
  CHECK(read_text(out / "fiji" / "z.csv").rfind("section,file,z,thickness,quality\n", 0) == 0);
  CHECK(read_table(out / "cal" / "z.csv").header.back() == "thickness_sd_px");
}

TEST_CASE("calibration the engine cannot serve is a one-line error") {
  TempDir cfg, out;
  SUBCASE("a grid too fine for the sections is a configuration error naming the params") {
    const auto pipeline =
        cfg.write("p.yaml", pipeline_text(out.path(), "", "{name: calibrated, params: {tiles: 16, max_shift: 24}}"));
    const auto r = run_zspace("run " + quote(pipeline) + " --quiet");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("solver 'calibrated': in-plane calibration: tiles 16 cuts sections 250 pixels wide into tiles of "
                     "15; at least 16 are needed") != std::string::npos);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    CHECK_FALSE(fs::exists(out / "z.csv"));
  }
  SUBCASE("a saved band carries no calibration: the solver refuses it") {
    const auto similarity = run_zspace("similarity " +
                                       quote(cfg.write("s.yaml", pipeline_text(out.path(), "", "{name: fixed-point}"))) +
                                       " --quiet");
    REQUIRE(similarity.exit_code == 0);
    TempDir solved;
    const std::string text = "version: 1\n"
                             "input: {matrix: " + quote(out / "similarity.tif") + "}\n"
                             "similarity: {neighborhood_range: 3}\n"
                             "solver: {name: calibrated}\n"
                             "output: {dir: " + quote(solved.path()) + ", report: false}\n";
    const auto r = run_zspace("run " + quote(cfg.write("m.yaml", text)) + " --quiet");
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("solver 'calibrated' failed: ") != std::string::npos);
    CHECK(r.err.find("calibration") != std::string::npos);
  }
}

#ifdef ZSPACE_TEST_MPIEXEC
TEST_CASE("mpirun -n 2 and 3: a calibrated run gives exactly the one-process result") {
  // Two tiles, so the tile bands travel as well as the curves; three ranks share 39 rows unevenly.
  TempDir cfg, single;
  const std::string solver = "{name: calibrated, params: {tiles: 2}}";
  const auto one = cfg.write("one.yaml", pipeline_text(single.path(), "", solver));
  REQUIRE(run_zspace("run " + quote(one) + " --quiet").exit_code == 0);
  const std::string expected = read_text(single / "z.csv");
  REQUIRE(expected.find("thickness_sd_px") != std::string::npos);
  for (int ranks : {2, 3}) {
    CAPTURE(ranks);
    TempDir out;
    std::string name = "p";  // piecewise: GCC 12 warns (-Wrestrict, falsely) on "p" + std::string
    name += std::to_string(ranks);
    name += ".yaml";
    const auto pipeline = cfg.write(name, pipeline_text(out.path(), "", solver));
    // As in test_mpi.cpp: root allowed, oversubscribed, Open MPI's start-up allocations not leaks.
    const std::string command = std::string("env ASAN_OPTIONS=detect_leaks=0 OMPI_MCA_rmaps_base_oversubscribe=1 ") +
                                ZSPACE_TEST_MPIEXEC + " --allow-run-as-root --oversubscribe -n " +
                                std::to_string(ranks) + " " + quote(ZSPACE_BINARY) + " run " + quote(pipeline) +
                                " --quiet >" + quote(cfg / "out.txt") + " 2>" + quote(cfg / "err.txt");
    const int status = std::system(command.c_str());
    INFO(read_text(cfg / "err.txt"));
    REQUIRE(WIFEXITED(status));
    REQUIRE(WEXITSTATUS(status) == 0);
    CHECK(read_text(out / "z.csv") == expected);
    CHECK(read_text(out / "similarity.tif") == read_text(single / "similarity.tif"));
  }
}
#endif

TEST_CASE("configs/calibrated.yaml runs on the sample stack; the report shows the absolute thickness") {
  TempDir out;
  const std::string config = std::string(ZSPACE_SOURCE_DIR) + "/configs/calibrated.yaml";
  const auto r = run_zspace("run " + quote(config) + " --output " + quote(out.path()) + " --quiet");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const Table z = read_table(out / "z.csv");
  REQUIRE(z.rows.size() == 250);
  const double mean_px = total_span_px(out.path()) / 249;
  // The cube is isotropic at 10 nm: about one pixel per section, long by the tissue's own
  // direction dependence (docs/calibrated.md, limits).
  CHECK(mean_px == doctest::Approx(1.1).epsilon(0.1));
  const std::string report = read_text(out / "report.html");
  CHECK(report.find("absolute mean thickness") != std::string::npos);
  CHECK(report.find(fmt::format("{:.4g} px = {:.4g} nm", mean_px, 10 * mean_px)) != std::string::npos);
}
