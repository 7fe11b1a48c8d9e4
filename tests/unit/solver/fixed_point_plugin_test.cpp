// The fixed-point plugin as the host sees it: loaded by Boost.DLL from the plugin folder.
#include <doctest/doctest.h>

#include <boost/dll/import.hpp>
#include <boost/dll/shared_library.hpp>
#include <filesystem>
#include <functional>
#include <map>
#include <string>

#include "fixed_point_test_util.hpp"
#include "plugin_schema.hpp"
#include "zspace/plugin.hpp"

namespace {

const std::filesystem::path kPlugin =
    std::filesystem::path(ZSPACE_PLUGIN_DIR) / "libzspace-fixed-point.so";

TEST_CASE("fixed-point plugin: descriptor, schema and a solve through the factory") {
  REQUIRE_MESSAGE(std::filesystem::exists(kPlugin), "build zspace-plugin-fixed-point first");
  boost::dll::shared_library lib(kPlugin, boost::dll::load_mode::default_mode);
  auto& descriptor = lib.get_alias<const zspace::PluginDescriptor&()>("zspace_descriptor")();
  CHECK(descriptor.kind == zspace::PluginKind::solver);
  CHECK(descriptor.name == "fixed-point");
  CHECK(descriptor.version == "1.0.0");
  CHECK(!descriptor.summary.empty());
  CHECK(descriptor.summary.find('\n') == std::string::npos);

  using zspace::ParamType;
  const std::map<std::string, zspace::test::ExpectedParam> expected{
      {"outer_iterations", {ParamType::integer, std::int64_t{100}, false}},
      {"outer_regularization", {ParamType::real, 0.4, false}},
      {"inner_iterations", {ParamType::integer, std::int64_t{10}, false}},
      {"inner_regularization", {ParamType::real, 0.1, false}},
      {"allow_reordering", {ParamType::boolean, true, false}},
      {"force_monotonicity", {ParamType::boolean, true, true}},
      {"min_section_thickness", {ParamType::real, 1e-9, true}},
      {"quality_prior", {ParamType::choice, std::string("one"), true}},
      {"local_curve_windows", {ParamType::integer, std::int64_t{1}, true}},
      {"border", {ParamType::choice, std::string("pin-ends"), true}},
      {"min_similarity", {ParamType::real, 0.0, true}},
      {"update_anchor", {ParamType::real, 0.0, true}},
  };
  zspace::test::check_schema(descriptor.parameters, expected);
  const auto find = [&](const std::string& name) -> const zspace::ParamSpec& {
    for (const auto& s : descriptor.parameters)
      if (s.name == name) return s;
    throw std::runtime_error(name);
  };
  CHECK(find("outer_iterations").minimum == 1.0);
  CHECK(find("outer_iterations").maximum == 1e6);
  CHECK(find("outer_regularization").maximum == 1.0);
  CHECK(find("inner_iterations").minimum == 0.0);
  CHECK(find("quality_prior").choices == std::vector<std::string>{"one", "previous"});
  CHECK(find("border").choices == std::vector<std::string>{"pin-ends", "none"});

  // Solve with the defaults and a small change through the factory.
  auto create = lib.get_alias<zspace::SolverFactory>("zspace_create_solver");
  zspace::Params params = zspace::Params::defaults(descriptor.parameters);
  params.set("outer_iterations", std::int64_t{5});
  auto solver = create(params);
  const zspace::BandMatrix band = zspace::fixed_point::testing::exponential_band(
      zspace::fixed_point::testing::irregular_z(40), 6);
  zspace::SolverInput input;
  input.band = &band;
  zspace::fixed_point::testing::CountingObserver observer;
  const zspace::Solution s = solver->solve(input, observer);
  CHECK(s.z.size() == 40);
  CHECK(s.quality.size() == 40);
  CHECK(s.curve.size() == 7);
  CHECK(s.iterations == 5);
  CHECK(s.termination == "completed 5 iterations");
  CHECK(observer.calls == 5);
  solver.reset();  // objects from the library die before it is unloaded
}

}  // namespace
