// The plugin registry: built-in plugins load through Boost.DLL, and libraries that are not
// plugins, were built for another API major, or duplicate a name are skipped with a warning.

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "zspace/engine/errors.hpp"
#include "zspace/engine/registry.hpp"

namespace {

bool any_contains(const std::vector<std::string>& lines, const std::string& a, const std::string& b) {
  return std::any_of(lines.begin(), lines.end(), [&](const std::string& l) {
    return l.find(a) != std::string::npos && l.find(b) != std::string::npos;
  });
}

}  // namespace

TEST_CASE("built-in plugins load from the plugin folder with their descriptors") {
  std::vector<std::string> warnings;
  zspace::Registry registry([&](const std::string& m) { warnings.push_back(m); });
  registry.scan({ZSPACE_PLUGIN_DIR});
  CHECK(warnings.empty());
  const auto* ncc = registry.find(zspace::PluginKind::metric, "ncc");
  REQUIRE(ncc != nullptr);
  CHECK(ncc->descriptor.api.major == ZSPACE_API_MAJOR);
  CHECK(!ncc->descriptor.version.empty());
  const auto* fp = registry.find(zspace::PluginKind::solver, "fixed-point");
  REQUIRE(fp != nullptr);
  CHECK(!fp->descriptor.parameters.empty());
  CHECK(registry.find(zspace::PluginKind::solver, "ncc") == nullptr);  // kinds are separate
}

TEST_CASE("refused libraries are one-line warnings and the other plugins keep working") {
  std::vector<std::string> warnings;
  zspace::Registry registry([&](const std::string& m) { warnings.push_back(m); });
  registry.scan({ZSPACE_PLUGIN_DIR, ZSPACE_TEST_PLUGIN_DIR});

  CHECK(any_contains(warnings, "libnot-a-plugin.so", "not a zspace plugin"));
  CHECK(any_contains(warnings, "libwrong-api.so", "API 99.0"));
  CHECK(any_contains(warnings, "libduplicate-ncc.so", "duplicate metric 'ncc'"));
  for (const auto& w : warnings) CHECK(w.find('\n') == std::string::npos);
  CHECK(warnings.size() == 3);

  CHECK(registry.find(zspace::PluginKind::metric, "future-metric") == nullptr);
  REQUIRE(registry.find(zspace::PluginKind::metric, "constant-test") != nullptr);
  // The first ncc (the built-in one) stays registered and usable.
  CHECK(registry.find(zspace::PluginKind::metric, "ncc")->file.string().find(ZSPACE_PLUGIN_DIR) == 0);
  auto metric = registry.create_metric("ncc", zspace::Params{});
  zspace::Section s;
  s.width = 3;
  s.height = 1;
  s.pixels = {1.0f, 2.0f, 4.0f};
  const auto p = metric->prepare(s);
  CHECK(metric->compare(*p, *p) == doctest::Approx(1.0));
  auto constant = registry.create_metric("constant-test", zspace::Params{});
  CHECK(constant->compare(*constant->prepare(s), *constant->prepare(s)) == 0.5);
}

TEST_CASE("a folder is scanned once and creating an unknown plugin is a ConfigError") {
  std::vector<std::string> warnings;
  zspace::Registry registry([&](const std::string& m) { warnings.push_back(m); });
  registry.scan({ZSPACE_TEST_PLUGIN_DIR});
  registry.scan({ZSPACE_TEST_PLUGIN_DIR});
  CHECK(warnings.size() == 2);  // not-a-plugin and wrong-api, once each
  CHECK_THROWS_AS(registry.create_solver("no-such-solver", zspace::Params{}), zspace::ConfigError);
}

TEST_CASE("plugin listing shows every parameter; JSON has the documented fields") {
  zspace::Registry registry([](const std::string&) {});
  registry.scan({ZSPACE_PLUGIN_DIR});
  const std::string text = zspace::describe_plugins(registry, false);
  CHECK(text.find("metric ncc") != std::string::npos);
  CHECK(text.find("solver fixed-point") != std::string::npos);
  CHECK(text.find("outer_iterations") != std::string::npos);
  const std::string json = zspace::describe_plugins(registry, true);
  for (const char* field : {"\"name\": \"ncc\"", "\"kind\": \"solver\"", "\"version\"", "\"summary\"",
                            "\"parameters\"", "\"default\": 100", "\"doc\""})
    CHECK_MESSAGE(json.find(field) != std::string::npos, field);
}
