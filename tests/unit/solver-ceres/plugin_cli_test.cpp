// The ceres plugin as the host sees it: loaded by Boost.DLL, and run through the CLI.
#include <doctest/doctest.h>

#include <boost/dll/shared_library.hpp>
#include <filesystem>
#include <map>
#include <string>

#include "ceres_test_support.hpp"
#include "plugin_schema.hpp"
#include "test_support.hpp"
#include "z_table.hpp"
#include "zspace/plugin.hpp"

namespace {

using namespace zspace::test;

const fs::path kPlugin = fs::path(ZSPACE_PLUGIN_DIR) / "libzspace-ceres.so";
const std::string kConfig = std::string(ZSPACE_SOURCE_DIR) + "/configs/ceres.yaml";

TEST_CASE("ceres plugin: descriptor, schema and a solve through the factory") {
  REQUIRE_MESSAGE(fs::exists(kPlugin), "build zspace-plugin-ceres first");
  boost::dll::shared_library lib(kPlugin, boost::dll::load_mode::default_mode);
  auto& descriptor = lib.get_alias<const zspace::PluginDescriptor&()>("zspace_descriptor")();
  CHECK(descriptor.kind == zspace::PluginKind::solver);
  CHECK(descriptor.name == "ceres");
  CHECK(descriptor.summary.find('\n') == std::string::npos);

  using zspace::ParamType;
  const std::map<std::string, ExpectedParam> expected{
      {"init", {ParamType::choice, std::string("uniform"), false}},
      {"init_iterations", {ParamType::integer, std::int64_t{100}, true}},
      {"loss", {ParamType::choice, std::string("none"), false}},
      {"loss_scale", {ParamType::real, 0.05, false}},
      {"quality_regularization", {ParamType::real, 0.1, false}},
      {"thickness_regularization", {ParamType::real, 0.0, true}},
      {"curve_resolution", {ParamType::integer, std::int64_t{1}, true}},
      {"allow_reordering", {ParamType::boolean, false, false}},
      {"min_section_thickness", {ParamType::real, 1e-9, true}},
      {"gauge", {ParamType::choice, std::string("pin-ends"), false}},
      {"max_iterations", {ParamType::integer, std::int64_t{200}, false}},
      {"function_tolerance", {ParamType::real, 1e-10, true}},
  };
  check_schema(descriptor.parameters, expected);
  for (const auto& spec : descriptor.parameters) {
    CAPTURE(spec.name);
    using Words = std::vector<std::string>;
    if (spec.name == "loss") CHECK(spec.choices == Words{"none", "huber", "cauchy"});
    if (spec.name == "gauge") CHECK(spec.choices == Words{"pin-ends", "free"});
    if (spec.name == "init") CHECK(spec.choices == Words{"uniform", "fixed-point"});
  }

  auto create = lib.get_alias<zspace::SolverFactory>("zspace_create_solver");
  zspace::Params params;  // missing keys take the schema defaults
  params.set("loss", std::string("huber"));
  auto solver = create(params);
  const auto truth = zspace::nls::testing::true_z("random", 40);
  const zspace::BandMatrix band =
      zspace::nls::testing::model_band(truth, zspace::nls::testing::qualities("random", 40), 6);
  zspace::SolverInput input;
  input.band = &band;
  zspace::nls::testing::RecordingObserver observer;
  const zspace::Solution s = solver->solve(input, observer);
  CHECK(s.z.size() == 40);
  CHECK(s.curve.size() == 7);
  CHECK(s.iterations > 0);
  CHECK(observer.calls == s.iterations);
  CHECK(zspace::nls::testing::rms(s.z, truth) < 0.05);
  input.band = nullptr;
  CHECK_THROWS_WITH_AS(solver->solve(input, observer), "ceres: no similarity band given",
                       std::runtime_error);
  solver.reset();  // objects from the library die before it is unloaded
}

TEST_CASE("ceres plugin: configs/ceres.yaml runs on the sample stack") {
  TempDir out;
  const auto r = run_zspace("run " + quote(kConfig) + " --quiet --output " + quote(out.path()));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const auto rows = read_z_table(out / "z.csv");
  REQUIRE(rows.size() == 250);
  CHECK(rows.front().z == 0.0);
  CHECK(rows.back().z == doctest::Approx(249.0));
  for (std::size_t i = 1; i < rows.size(); ++i) CHECK(rows[i].z > rows[i - 1].z);
  const std::string result = read_text(out / "result.json");
  CHECK(result.find("\"name\": \"ceres\"") != std::string::npos);
  CHECK(result.find("\"termination\": \"CONVERGENCE: ") != std::string::npos);
  CHECK(result.find("\"final_cost\": ") != std::string::npos);
}

}  // namespace
