// Loading valid pipelines: defaults, path resolution, plugin folders, the shipped config.

#include <doctest/doctest.h>

#include "fixtures.hpp"

using namespace zspace;
using namespace zspace::test;

namespace {
// The published method's solver with the Fiji plugin's defaults.
void check_fiji_solver_defaults(const zspace::Pipeline& p) {
  CHECK(p.solver == "fixed-point");
  CHECK(p.solver_params.get_int("outer_iterations") == 100);
  CHECK(p.solver_params.get_real("outer_regularization") == 0.4);
  CHECK(p.solver_params.get_int("inner_iterations") == 10);
  CHECK(p.solver_params.get_real("inner_regularization") == 0.1);
  CHECK(p.solver_params.get_bool("allow_reordering") == true);
}
}  // namespace

TEST_CASE("a minimal pipeline gets every default") {
  TempDir dir;
  const auto file = dir.write("p.yaml", kMinimal);
  FakeCatalog fake;
  const Pipeline p = load_pipeline(file, {}, fake.catalog());

  CHECK(p.file == file);
  CHECK(p.version == 1);
  CHECK(p.input_path == dir.path() / "data");
  CHECK(p.plugin_path.empty());
  CHECK(p.metric == "ncc");
  CHECK(p.neighborhood_range == 10);
  CHECK(p.metric_params.values().empty());
  check_fiji_solver_defaults(p);
  CHECK(p.output_dir == dir.path() / "zspace-out");
}

TEST_CASE("empty sections and empty params count as all defaults") {
  TempDir dir;
  const auto file = dir.write("p.yaml",
                              "version: 1\ninput:\n  path: data\nsimilarity:\nsolver:\n"
                              "  params:\noutput: {}\n");
  FakeCatalog fake;
  const Pipeline p = load_pipeline(file, {}, fake.catalog());
  CHECK(p.metric == "ncc");
  CHECK(p.solver_params.values().size() == 5);
  CHECK(p.output_dir == dir.path() / "zspace-out");
}

TEST_CASE("given values win over defaults and missing params are filled in") {
  TempDir dir;
  const auto file = dir.write("p.yaml",
                              "version: 1\n"
                              "input: {path: data}\n"
                              "similarity:\n"
                              "  metric: mutual-information\n"
                              "  neighborhood_range: 25\n"
                              "  params: {normalization: none}\n"
                              "solver:\n"
                              "  name: fixed-point\n"
                              "  params:\n"
                              "    outer_iterations: 7\n"
                              "    outer_regularization: 1\n"
                              "    allow_reordering: false\n");
  FakeCatalog fake;
  const Pipeline p = load_pipeline(file, {}, fake.catalog());
  CHECK(p.metric == "mutual-information");
  CHECK(p.neighborhood_range == 25);
  CHECK(p.metric_params.get_int("bins") == 64);
  CHECK(p.metric_params.get_choice("normalization") == "none");
  CHECK(p.solver_params.get_int("outer_iterations") == 7);
  // An integer given for a real parameter is stored as the real it means.
  CHECK(std::holds_alternative<double>(p.solver_params.values().at("outer_regularization")));
  CHECK(p.solver_params.get_real("outer_regularization") == 1.0);
  CHECK(p.solver_params.get_bool("allow_reordering") == false);
  CHECK(p.solver_params.get_int("inner_iterations") == 10);
}

TEST_CASE("relative paths resolve against the pipeline file's folder, not the cwd") {
  TempDir dir;
  TempDir elsewhere;
  const auto file = dir.write("sub/p.yaml",
                              "version: 1\n"
                              "plugin_path: [plugins, ../more-plugins, /abs/plugins]\n"
                              "input:\n  path: ../stacks/./s1\n"
                              "output:\n  dir: out/run1\n");
  ScopedCwd cwd(elsewhere.path());
  FakeCatalog fake;
  const Pipeline p = load_pipeline(file, {}, fake.catalog());
  CHECK(p.input_path == dir.path() / "stacks/s1");
  CHECK(p.output_dir == dir.path() / "sub/out/run1");
  REQUIRE(p.plugin_path.size() == 3);
  CHECK(p.plugin_path[0] == dir.path() / "sub/plugins");
  CHECK(p.plugin_path[1] == dir.path() / "more-plugins");
  CHECK(p.plugin_path[2] == "/abs/plugins");
}

TEST_CASE("a relative pipeline file name still gives absolute paths") {
  TempDir dir;
  dir.write("p.yaml", kMinimal);
  ScopedCwd cwd(dir.path());
  FakeCatalog fake;
  const Pipeline p = load_pipeline("p.yaml", {}, fake.catalog());
  CHECK(p.file == dir.path() / "p.yaml");
  CHECK(p.input_path == dir.path() / "data");
  CHECK(p.output_dir.is_absolute());
}

TEST_CASE("absolute input paths and HDF5 dataset paths are kept as written") {
  TempDir dir;
  const auto file = dir.write("p.yaml", "version: 1\ninput:\n  path: /data/stack.h5:/em/raw\n");
  FakeCatalog fake;
  CHECK(load_pipeline(file, {}, fake.catalog()).input_path == "/data/stack.h5:/em/raw");
}

TEST_CASE("plugin_path is scanned (even when empty) before plugins are looked up") {
  TempDir dir;
  FakeCatalog fake;
  PluginCatalog c = fake.catalog();
  // A catalog that only knows its plugins after a scan: lookups before it would fail.
  bool scanned = false;
  const auto scan = c.scan;
  const auto find = c.find;
  c.scan = [&](const std::vector<std::filesystem::path>& dirs) {
    scanned = true;
    scan(dirs);
  };
  c.find = [&](PluginKind k, const std::string& n) { return scanned ? find(k, n) : nullptr; };

  load_pipeline(dir.write("a.yaml", kMinimal), {}, c);
  REQUIRE(fake.scans.size() == 1);
  CHECK(fake.scans[0].empty());

  load_pipeline(dir.write("b.yaml", "version: 1\nplugin_path: extra\ninput: {path: d}\n"), {}, c);
  REQUIRE(fake.scans.size() == 2);
  CHECK(fake.scans[1] == std::vector<std::filesystem::path>{dir.path() / "extra"});
}

TEST_CASE("load_pipeline never looks at the input data") {
  TempDir dir;
  const auto file = dir.write("p.yaml", "version: 1\ninput:\n  path: does/not/exist.tif\n");
  FakeCatalog fake;
  CHECK(load_pipeline(file, {}, fake.catalog()).input_path == dir.path() / "does/not/exist.tif");
}

TEST_CASE("configs/default.yaml loads with the published defaults") {
  const std::filesystem::path source = ZSPACE_SOURCE_DIR;
  FakeCatalog fake;
  const Pipeline p = load_pipeline(source / "configs/default.yaml", {}, fake.catalog());
  CHECK(p.input_path == (source / "tests/data/fibsem_medulla_iso10nm_s1").lexically_normal());
  CHECK(p.metric == "ncc");
  CHECK(p.neighborhood_range == 10);
  check_fiji_solver_defaults(p);
  CHECK(p.output_dir == (source / "configs/zspace-out").lexically_normal());
  CHECK(std::filesystem::is_directory(p.input_path));
}
