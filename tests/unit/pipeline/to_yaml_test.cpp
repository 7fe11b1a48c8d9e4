// The resolved pipeline as YAML: complete, absolute, and read back to the same Pipeline.

#include <doctest/doctest.h>

#include <cstdlib>

#include "fixtures.hpp"
#include "pipeline/scalars.hpp"
#include "pipeline/yaml_text.hpp"

using namespace zspace;
using namespace zspace::test;

namespace {

void check_same(const Pipeline& a, const Pipeline& b) {
  CHECK(a.version == b.version);
  CHECK(a.plugin_path == b.plugin_path);
  check_same_core(a, b);
}

}  // namespace

TEST_CASE("to_yaml writes every default and absolute paths") {
  TempDir dir;
  FakeCatalog fake;
  const Pipeline p = load_pipeline(dir.write("p.yaml", kMinimal), {}, fake.catalog());
  const std::string y = to_yaml(p);
  CHECK(y.find("version: 1\n") != std::string::npos);
  CHECK(y.find("plugin_path: []\n") != std::string::npos);
  CHECK(y.find("  path: " + (dir.path() / "data").string() + "\n") != std::string::npos);
  CHECK(y.find("  metric: ncc\n  neighborhood_range: 10\n  params: {}\n") != std::string::npos);
  CHECK(y.find("  name: fixed-point\n") != std::string::npos);
  CHECK(y.find("    outer_iterations: 100\n") != std::string::npos);
  CHECK(y.find("    outer_regularization: 0.4\n") != std::string::npos);
  CHECK(y.find("    inner_regularization: 0.1\n") != std::string::npos);
  CHECK(y.find("    allow_reordering: true\n") != std::string::npos);
  CHECK(y.find("  dir: " + (dir.path() / "zspace-out").string() + "\n") != std::string::npos);
}

TEST_CASE("to_yaml round-trips through load_pipeline") {
  TempDir dir;
  FakeCatalog fake;
  const auto file = dir.write("odd dir/p.yaml",
                              "version: 1\n"
                              "plugin_path: ['my plugins', \"with \\\"quote\\\"\", 'true']\n"
                              "input: {path: 'stack #1: raw'}\n"
                              "similarity:\n"
                              "  metric: fft-correlation\n"
                              "  neighborhood_range: 1000\n"
                              "  params: {window: 0.1, whiten: true, unbounded: -1e-300}\n"
                              "solver:\n"
                              "  params:\n"
                              "    outer_regularization: 0.30000000000000004\n"
                              "    inner_regularization: 1\n"
                              "output: {dir: '10'}\n");
  const Pipeline p = load_pipeline(file, {}, fake.catalog());
  check_same(p, round_trip(dir, p));

  const auto mi = dir.write("mi.yaml",
                            "version: 1\ninput: {path: d}\n"
                            "similarity: {metric: mutual-information, params: {normalization: none}}\n"
                            "solver: {name: ceres, params: {loss: cauchy}}\n");
  const Pipeline q = load_pipeline(mi, {}, fake.catalog());
  check_same(q, round_trip(dir, q));
  CHECK(to_yaml(q).find("    normalization: none\n") != std::string::npos);
}

TEST_CASE("configs/default.yaml round-trips") {
  TempDir dir;
  FakeCatalog fake;
  const Pipeline p = load_pipeline(std::filesystem::path(ZSPACE_SOURCE_DIR) / "configs/default.yaml",
                                   {}, fake.catalog());
  check_same(p, round_trip(dir, p));
}

TEST_CASE("reals are written in the shortest form that reads back exactly") {
  using zspace::pipeline_detail::format_real;
  CHECK(format_real(0.4) == "0.4");
  CHECK(format_real(100.0) == "100.0");
  CHECK(format_real(-2.0) == "-2.0");
  CHECK(format_real(1e-5) == "1e-05");
  CHECK(format_real(0.1 + 0.2) == "0.30000000000000004");
  for (double v : {1.0 / 3.0, 2.0 / 3.0, 1e300, 5e-324, 123456.789}) {
    CHECK(std::strtod(format_real(v).c_str(), nullptr) == v);
  }
}

TEST_CASE("strings are quoted only when a plain scalar would read differently") {
  using zspace::pipeline_detail::yaml_string;
  CHECK(yaml_string("ncc") == "ncc");
  CHECK(yaml_string("fixed-point") == "fixed-point");
  CHECK(yaml_string("/data/em/stack_1.tif") == "/data/em/stack_1.tif");
  CHECK(yaml_string("true") == "\"true\"");
  CHECK(yaml_string("No") == "\"No\"");
  CHECK(yaml_string("10") == "\"10\"");
  CHECK(yaml_string("") == "\"\"");
  CHECK(yaml_string("a b") == "\"a b\"");
  CHECK(yaml_string("say \"hi\"\\\n") == "\"say \\\"hi\\\"\\\\\\n\"");
  for (const std::string s : {"true", "10", "", "a: b", "#x", "- x", "\t\x01", "[1]", "~"}) {
    CHECK(YAML::Load(yaml_string(s)).as<std::string>() == s);
  }
}
