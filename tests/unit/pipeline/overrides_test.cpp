// Command-line overrides: --input, --output and --set, their precedence and their errors.

#include <doctest/doctest.h>

#include "fixtures.hpp"

using namespace zspace;
using namespace zspace::test;

namespace {

PipelineOverrides sets(std::vector<std::string> items) {
  PipelineOverrides o;
  o.sets = std::move(items);
  return o;
}

// The message for kMinimal (plus `extra`) with the given --set items.
std::string set_error(std::vector<std::string> items, const std::string& extra = {}) {
  TempDir dir;
  return load_error(dir.write("p.yaml", std::string(kMinimal) + extra), sets(std::move(items)));
}

}  // namespace

TEST_CASE("--input and --output win over the file and resolve against the cwd") {
  TempDir dir;
  TempDir cwd_dir;
  const auto file = dir.write("p.yaml", "version: 1\ninput:\n  path: data\noutput:\n  dir: out\n");
  ScopedCwd cwd(cwd_dir.path());
  PipelineOverrides o;
  o.input = "stack.tif";
  o.output = "results/../res";
  FakeCatalog fake;
  const Pipeline p = load_pipeline(file, o, fake.catalog());
  CHECK(p.input_path == cwd_dir.path() / "stack.tif");
  CHECK(p.output_dir == cwd_dir.path() / "res");

  o.input = "/abs/stack";
  CHECK(load_pipeline(file, o, fake.catalog()).input_path == "/abs/stack");
}

TEST_CASE("with --input the file need not name an input, but a named one is still checked") {
  TempDir dir;
  PipelineOverrides o;
  o.input = "/abs/stack";
  FakeCatalog fake;
  const auto no_input = dir.write("a.yaml", "version: 1\n");
  CHECK(load_pipeline(no_input, o, fake.catalog()).input_path == "/abs/stack");
  const auto bad = dir.write("b.yaml", "version: 1\ninput:\n  path: [x]\n");
  CHECK(load_error(bad, o) == bad.string() + ":3:9: input.path: expected a path, got a list");
  const auto typo = dir.write("c.yaml", "version: 1\ninput:\n  paht: x\n");
  CHECK(load_error(typo, o) ==
        typo.string() + ":3:3: input.paht: unknown key (did you mean 'path'?) (allowed: path, matrix, sections, roi, voxel_size)");
}

TEST_CASE("empty --input or --output is an error") {
  TempDir dir;
  const auto file = dir.write("p.yaml", kMinimal);
  PipelineOverrides o;
  o.input = "";
  CHECK(load_error(file, o) == "--input: input.path: expected a path, got nothing");
  o.input.reset();
  o.output = "";
  CHECK(load_error(file, o) == "--output: output.dir: expected a path, got nothing");
}

TEST_CASE("--set values are parsed as YAML and validated like the file") {
  TempDir dir;
  const auto file = dir.write("p.yaml", kMinimal);
  FakeCatalog fake;
  const Pipeline p = load_pipeline(
      file,
      sets({"solver.params.outer_iterations=50", "solver.params.outer_regularization=0.3",
            "solver.params.allow_reordering=false", "similarity.neighborhood_range=5",
            "similarity.metric=mutual-information", "similarity.params.normalization=none"}),
      fake.catalog());
  CHECK(p.solver_params.get_int("outer_iterations") == 50);
  CHECK(p.solver_params.get_real("outer_regularization") == 0.3);
  CHECK(p.solver_params.get_bool("allow_reordering") == false);
  CHECK(p.solver_params.get_int("inner_iterations") == 10);
  CHECK(p.neighborhood_range == 5);
  CHECK(p.metric == "mutual-information");
  CHECK(p.metric_params.get_choice("normalization") == "none");
  CHECK(p.metric_params.get_int("bins") == 64);
}

TEST_CASE("--set replaces file values, and a later --set wins") {
  TempDir dir;
  const auto file = dir.write("p.yaml",
                              "version: 1\ninput: {path: d}\n"
                              "solver:\n  params:\n    outer_iterations: 7\n    inner_iterations: 3\n");
  FakeCatalog fake;
  const Pipeline p = load_pipeline(
      file, sets({"solver.params.outer_iterations=8", "solver.params.outer_iterations=9"}),
      fake.catalog());
  CHECK(p.solver_params.get_int("outer_iterations") == 9);
  CHECK(p.solver_params.get_int("inner_iterations") == 3);  // untouched file value

  // Replacing a whole map drops what the file had under it.
  const Pipeline q = load_pipeline(file, sets({"solver.params={outer_iterations: 2}"}), fake.catalog());
  CHECK(q.solver_params.get_int("outer_iterations") == 2);
  CHECK(q.solver_params.get_int("inner_iterations") == 10);
}

TEST_CASE("--input wins over --set input.path; --set paths resolve against the cwd") {
  TempDir dir;
  TempDir cwd_dir;
  const auto file = dir.write("p.yaml", kMinimal);
  ScopedCwd cwd(cwd_dir.path());
  FakeCatalog fake;
  PipelineOverrides o = sets({"input.path=from-set", "output.dir=out", "plugin_path=[p1, /p2]"});
  const Pipeline p = load_pipeline(file, o, fake.catalog());
  CHECK(p.input_path == cwd_dir.path() / "from-set");
  CHECK(p.output_dir == cwd_dir.path() / "out");
  CHECK(p.plugin_path == std::vector<std::filesystem::path>{cwd_dir.path() / "p1", "/p2"});
  o.input = "from-flag";
  CHECK(load_pipeline(file, o, fake.catalog()).input_path == cwd_dir.path() / "from-flag");
}

TEST_CASE("--set problems are located at the --set item") {
  CHECK(set_error({"solver.params.outer_iteratons=5"}) ==
        "--set solver.params.outer_iteratons=5: solver.params.outer_iteratons: unknown key "
        "(did you mean 'outer_iterations'?) (allowed: allow_reordering, inner_iterations, "
        "inner_regularization, outer_iterations, outer_regularization)");
  CHECK(set_error({"similarity.params.foo=1"}) ==
        "--set similarity.params.foo=1: similarity.params.foo: unknown key "
        "(allowed: none; metric 'ncc' takes no parameters)");
  CHECK(set_error({"solver.params.outer_regularization=2"}) ==
        "--set solver.params.outer_regularization=2: solver.params.outer_regularization: "
        "2 is above the maximum 1 (allowed: number in [0, 1])");
  CHECK(set_error({"solver.params.outer_iterations=[1, 2]"}) ==
        "--set solver.params.outer_iterations=[1, 2]: solver.params.outer_iterations: "
        "expected an integer, got a list (allowed: integer in [1, 100000])");
  CHECK(set_error({"version=2"}) ==
        "--set version=2: version: unsupported pipeline version 2; this zspace reads version 1 "
        "(allowed: 1)");
  CHECK(set_error({"similarity.metric=ncx"}) ==
        "--set similarity.metric=ncx: similarity.metric: unknown metric plugin 'ncx' "
        "(did you mean 'ncc'?) (allowed: fft-correlation, mutual-information, ncc)");
  CHECK(set_error({"input={}"}) == "--set input={}: input.path: missing required key");
  CHECK(set_error({"sovler.name=ceres"}) ==
        "--set sovler.name=ceres: sovler: unknown key (did you mean 'solver'?) "
        "(allowed: version, plugin_path, input, preprocess, similarity, solver, output, truth, variants)");
}

TEST_CASE("file problems stay located in the file when --set touched something else") {
  TempDir dir;
  const auto file = dir.write("p.yaml", std::string(kMinimal) + "solver:\n  params: {bad: 1}\n");
  CHECK(load_error(file, sets({"solver.params.outer_iterations=5"})) ==
        file.string() +
            ":5:12: solver.params.bad: unknown key (allowed: allow_reordering, inner_iterations, "
            "inner_regularization, outer_iterations, outer_regularization)");
}

TEST_CASE("malformed --set items") {
  CHECK(set_error({"solver.name"}) ==
        "--set solver.name: expected key.path=value (e.g. solver.params.outer_iterations=50)");
  CHECK(set_error({"=5"}) ==
        "--set =5: '' is not a key path (expected key.path=value, e.g. "
        "solver.params.outer_iterations=50)");
  CHECK(set_error({"solver..name=x"}) ==
        "--set solver..name=x: 'solver..name' is not a key path (expected key.path=value, e.g. "
        "solver.params.outer_iterations=50)");
  CHECK(set_error({"solver.params=[1,"}).rfind(
            "--set solver.params=[1,: solver.params: YAML syntax error in the value: ", 0) == 0);
  // Maps the item had to create are its own: the problem is shown at the item.
  CHECK(set_error({"similarity.metric.x=1"}) ==
        "--set similarity.metric.x=1: similarity.metric: expected a metric plugin name, got a map");
  CHECK(set_error({"similarity.metric.x=1"}, "similarity: {metric: ncc}\n") ==
        "--set similarity.metric.x=1: similarity.metric: cannot set 'x' inside 'ncc', which is "
        "not a map");
}
