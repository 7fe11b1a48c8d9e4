// The calibrated plugin as the host sees it: loaded by Boost.DLL, and run through the CLI on a
// simulated stack with known z.
#include <doctest/doctest.h>

#include <boost/dll/shared_library.hpp>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "affine_fit.hpp"
#include "plugin_schema.hpp"
#include "test_support.hpp"
#include "zspace/plugin.hpp"

namespace {

using namespace zspace::test;

const fs::path kPlugin = fs::path(ZSPACE_PLUGIN_DIR) / "libzspace-calibrated.so";
const std::string kConfig = std::string(ZSPACE_SOURCE_DIR) + "/configs/calibrated.yaml";

// The named columns of a CSV table with a header line.
std::map<std::string, std::vector<std::string>> read_columns(const fs::path& csv) {
  std::istringstream in(read_text(csv));
  std::string line, cell;
  std::getline(in, line);
  std::vector<std::string> names;
  for (std::stringstream ss(line); std::getline(ss, cell, ',');) names.push_back(cell);
  std::map<std::string, std::vector<std::string>> columns;
  while (std::getline(in, line)) {
    std::stringstream ss(line);
    for (const auto& name : names) {
      if (!std::getline(ss, cell, ',')) cell.clear();
      columns[name].push_back(cell);
    }
  }
  return columns;
}

std::vector<double> numbers(const std::vector<std::string>& cells) {
  std::vector<double> v;
  for (const auto& c : cells) v.push_back(std::stod(c));
  return v;
}

TEST_CASE("calibrated plugin: descriptor, schema, calibration request") {
  REQUIRE_MESSAGE(fs::exists(kPlugin), "build zspace-plugin-calibrated first");
  boost::dll::shared_library lib(kPlugin, boost::dll::load_mode::default_mode);
  auto& descriptor = lib.get_alias<const zspace::PluginDescriptor&()>("zspace_descriptor")();
  CHECK(descriptor.kind == zspace::PluginKind::solver);
  CHECK(descriptor.name == "calibrated");
  CHECK(descriptor.summary.find('\n') == std::string::npos);
  zspace::test::check_schema(descriptor.parameters,
                             {{"tiles", {zspace::ParamType::integer, std::int64_t{1}, false}},
                              {"max_shift", {zspace::ParamType::integer, std::int64_t{24}, false}},
                              {"huber", {zspace::ParamType::real, 1.0, false}}});

  auto create = lib.get_alias<zspace::SolverFactory>("zspace_create_solver");
  {
    auto solver = create(zspace::Params{});  // missing keys take the schema defaults
    const auto request = solver->calibration_request();
    REQUIRE(request.has_value());
    CHECK(request->tiles_x == 1);
    CHECK(request->tiles_y == 1);
    CHECK(request->max_shift == 24);
    zspace::Params params;
    params.set("tiles", std::int64_t{2});
    params.set("max_shift", std::int64_t{10});
    solver = create(params);
    CHECK(solver->calibration_request()->tiles_x == 2);
    CHECK(solver->calibration_request()->max_shift == 10);
  }
}

TEST_CASE("calibrated plugin: configs/calibrated.yaml recovers z and the absolute span") {
  TempDir dir;
  // One nominal spacing is 2 texture pixels, so the true positions in pixels are 2 z. Tiles of
  // 96 px: on 64 px tiles the texture's own sampling noise alone gives RMS 0.03-0.11 over seeds.
  const auto sim = run_zspace("simulate --output " + quote(dir / "sim") +
                              " --size 384x384 --sections 40 --pattern random --thickness 0.5:1.5 --spacing-px 2 --seed 3");
  INFO(sim.err);
  REQUIRE(sim.exit_code == 0);
  const auto r = run_zspace("run " + quote(kConfig) + " --quiet --input " + quote(dir / "sim") + " --output " +
                            quote(dir / "out"));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const auto truth = numbers(read_columns(dir / "sim" / "truth.csv").at("z"));
  auto columns = read_columns(dir / "out" / "z.csv");
  REQUIRE(columns.count("z_px") == 1);
  REQUIRE(columns.count("z_nm") == 1);  // the config gives a voxel size
  const auto z = numbers(columns.at("z"));
  const auto z_px = numbers(columns.at("z_px"));
  REQUIRE(z.size() == truth.size());
  const double rms = affine_rms(z, truth);
  const double span = (z_px.back() - z_px.front()) / (2 * (truth.back() - truth.front()));
  MESSAGE("RMS " << rms << " mean spacings, span ratio " << span);
  CHECK(rms < 0.1);
  CHECK(span == doctest::Approx(1.0).epsilon(0.05));
  const std::string result = read_text(dir / "out" / "result.json");
  CHECK(result.find("\"name\": \"calibrated\"") != std::string::npos);
  CHECK(result.find("\"mean_spacing_px\": ") != std::string::npos);
}

TEST_CASE("calibrated plugin: a saved band is refused with the reason") {
  TempDir dir;
  REQUIRE(run_zspace("simulate --output " + quote(dir / "sim") + " --sections 8 --size 128x128").exit_code == 0);
  const auto band = run_zspace("similarity " + quote(kConfig) + " --quiet --input " + quote(dir / "sim") +
                               " --output " + quote(dir / "band"));
  INFO(band.err);
  REQUIRE(band.exit_code == 0);
  const fs::path pipeline = dir.write("band.yaml",
                                      "version: 1\n"
                                      "input: {matrix: band/similarity.tif}\n"
                                      "solver: {name: calibrated}\n"
                                      "output: {dir: out}\n");
  const auto r = run_zspace("run " + quote(pipeline) + " --quiet");
  CHECK(r.exit_code != 0);
  CHECK(r.err.find("needs in-plane calibration, which only a stack gives; run it on input.path, not input.matrix") !=
        std::string::npos);
  CHECK(count_lines(r.err) == 1);
}

}  // namespace
