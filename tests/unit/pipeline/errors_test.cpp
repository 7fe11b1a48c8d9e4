// Framework-schema errors: one line each, "file:line:column: key.path: problem (allowed: ...)".

#include <doctest/doctest.h>

#include "fixtures.hpp"

using namespace zspace;
using namespace zspace::test;

TEST_CASE("a file that cannot be read") {
  TempDir dir;
  const auto missing = dir.path() / "nope.yaml";
  CHECK(load_error(missing) == missing.string() + ": cannot read pipeline file");
  CHECK(load_error(dir.path()).rfind(dir.path().string() + ": cannot read pipeline file", 0) == 0);
}

TEST_CASE("YAML syntax errors carry the parser's line and column") {
  CHECK(error_for("version: 1\n  input: x\n") == "2:8: YAML syntax error: illegal map value");
  CHECK(error_for("version: 1\ninput: [a,\n") ==
        "3:1: YAML syntax error: end of sequence flow not found");
}

TEST_CASE("a second YAML document is refused") {
  CHECK(error_for("version: 1\ninput: {path: a}\n---\nversion: 1\n") ==
        "4:1: pipeline: expected one YAML document, found a second one (remove the '---' separator)");
}

TEST_CASE("the top level must be a map") {
  CHECK(error_for("- version\n- 1\n") ==
        "1:1: pipeline: expected a map, got a list "
        "(allowed: version, plugin_path, input, preprocess, similarity, solver, output, truth, variants)");
  CHECK(error_for("") == "1:1: version: missing required key (allowed: 1)");
}

TEST_CASE("version is required and must be 1") {
  CHECK(error_for("# a pipeline\ninput:\n  path: data\n") ==
        "2:1: version: missing required key (allowed: 1)");
  CHECK(error_for("version: 2\ninput:\n  path: data\n") ==
        "1:10: version: unsupported pipeline version 2; this zspace reads version 1 (allowed: 1)");
  CHECK(error_for("version: '1'\ninput:\n  path: data\n") ==
        "1:10: version: expected an integer, got '1' (allowed: 1)");
  CHECK(error_for("version: 1.0\ninput:\n  path: data\n") ==
        "1:10: version: expected an integer, got '1.0' (allowed: 1)");
  // A future version's keys are not blamed: the version is judged first.
  CHECK(error_for("version: 3\nnew_key: x\n") ==
        "1:10: version: unsupported pipeline version 3; this zspace reads version 1 (allowed: 1)");
}

TEST_CASE("unknown keys name the key path, suggest, and list what is allowed") {
  CHECK(error_for("version: 1\ninput:\n  path: data\nsmoothing:\n  sigma: 2\n") ==
        "4:1: smoothing: unknown key "
        "(allowed: version, plugin_path, input, preprocess, similarity, solver, output, truth, variants)");
  CHECK(error_for("version: 1\ninput:\n  path: data\nsimilarity:\n  metirc: ncc\n") ==
        "5:3: similarity.metirc: unknown key (did you mean 'metric'?) "
        "(allowed: metric, neighborhood_range, params)");
  CHECK(error_for("version: 1\ninputs:\n  path: data\n") ==
        "2:1: inputs: unknown key (did you mean 'input'?) "
        "(allowed: version, plugin_path, input, preprocess, similarity, solver, output, truth, variants)");
  CHECK(error_for("version: 1\ninput: {path: data, pth: x}\n") ==
        "2:21: input.pth: unknown key (did you mean 'path'?) (allowed: path, matrix, sections, roi, voxel_size)");
  CHECK(error_for("version: 1\ninput:\n  path: data\noutput:\n  Dir: out\n") ==
        "5:3: output.Dir: unknown key (did you mean 'dir'?) (allowed: dir, report, corrected_stack, upsample, corrected_format)");
}

TEST_CASE("a key given twice is an error at the second one") {
  CHECK(error_for("version: 1\ninput:\n  path: a\n  path: b\n") ==
        "4:3: input.path: duplicate key (first given at line 3)");
}

TEST_CASE("a missing required key is reported at the map that should hold it") {
  CHECK(error_for("# header\nversion: 1\noutput:\n  dir: out\n") ==
        "2:1: input: missing required key");
  CHECK(error_for("version: 1\n# no input here\ninput: {}\n") ==
        "3:8: input.path: missing required key");
  CHECK(error_for("version: 1\ninput:\noutput:\n  dir: out\n") ==
        "2:1: input.path: missing required key");
}

TEST_CASE("framework values of the wrong type or out of range") {
  CHECK(error_for("version: 1\ninput:\n  path: data\nsimilarity: ncc\n") ==
        "4:13: similarity: expected a map, got 'ncc' "
        "(allowed: metric, neighborhood_range, params)");
  CHECK(error_for("version: 1\ninput: data\n") ==
        "2:8: input: expected a map, got 'data' (allowed: path, matrix, sections, roi, voxel_size)");
  CHECK(error_for("version: 1\ninput:\n  path: ''\n") == "3:9: input.path: expected a path, got ''");
  CHECK(error_for("version: 1\ninput:\n  path:\n") ==
        "3:3: input.path: expected a path, got nothing");
  CHECK(error_for("version: 1\ninput:\n  path: [a, b]\n") ==
        "3:9: input.path: expected a path, got a list");
  CHECK(error_for("version: 1\ninput: {path: d}\nsimilarity:\n  neighborhood_range: 0\n") ==
        "4:23: similarity.neighborhood_range: 0 is below the minimum 1 "
        "(allowed: integer in [1, 1000])");
  CHECK(error_for("version: 1\ninput: {path: d}\nsimilarity:\n  neighborhood_range: 1001\n") ==
        "4:23: similarity.neighborhood_range: 1001 is above the maximum 1000 "
        "(allowed: integer in [1, 1000])");
  CHECK(error_for("version: 1\ninput: {path: d}\nsimilarity:\n  neighborhood_range: 2.5\n") ==
        "4:23: similarity.neighborhood_range: expected an integer, got '2.5' "
        "(allowed: integer in [1, 1000])");
  CHECK(error_for("version: 1\ninput: {path: d}\nsolver:\n  name: {a: 1}\n") ==
        "4:9: solver.name: expected a solver plugin name, got a map");
  CHECK(error_for("version: 1\ninput: {path: d}\nplugin_path: {a: 1}\n") ==
        "3:14: plugin_path: expected a folder or a list of folders, got a map");
  CHECK(error_for("version: 1\ninput: {path: d}\nplugin_path: [ok, '']\n") ==
        "3:19: plugin_path[1]: expected a folder, got ''");
  CHECK(error_for("version: 1\ninput: {path: d}\noutput:\n  dir: [x]\n") ==
        "4:8: output.dir: expected a folder, got a list");
}

TEST_CASE("unknown plugins list the plugins of that kind and suggest a near miss") {
  CHECK(error_for("version: 1\ninput: {path: d}\nsimilarity:\n  metric: nc\n") ==
        "4:11: similarity.metric: unknown metric plugin 'nc' (did you mean 'ncc'?) "
        "(allowed: fft-correlation, mutual-information, ncc)");
  CHECK(error_for("version: 1\ninput: {path: d}\nsimilarity:\n  metric: mutual\n") ==
        "4:11: similarity.metric: unknown metric plugin 'mutual' "
        "(did you mean 'mutual-information'?) (allowed: fft-correlation, mutual-information, ncc)");
  CHECK(error_for("version: 1\ninput: {path: d}\nsolver:\n  name: Fixed-Point\n") ==
        "4:9: solver.name: unknown solver plugin 'Fixed-Point' (did you mean 'fixed-point'?) "
        "(allowed: ceres, fixed-point)");
  CHECK(error_for("version: 1\ninput: {path: d}\nsolver:\n  name: gradient-descent\n") ==
        "4:9: solver.name: unknown solver plugin 'gradient-descent' (allowed: ceres, fixed-point)");
}

TEST_CASE("an unknown plugin in an empty catalog points at the plugin search path") {
  TempDir dir;
  const auto file = dir.write("p.yaml", kMinimal);
  PluginCatalog empty;
  empty.find = [](PluginKind, const std::string&) -> const PluginDescriptor* { return nullptr; };
  empty.names = [](PluginKind) { return std::vector<std::string>{}; };
  try {
    load_pipeline(file, {}, empty);
    FAIL("no error");
  } catch (const ConfigError& e) {
    // The default metric was not written, so the similarity position (the root) is shown.
    CHECK(std::string(e.what()) ==
          file.string() + ":1:1: similarity.metric: unknown metric plugin 'ncc' "
                          "(allowed: none found; check plugin_path and ZSPACE_PLUGIN_PATH)");
  }
}

TEST_CASE("malformed YAML that makes yaml-cpp 0.7's LoadAll loop forever is a syntax error") {
  // Found by fuzzing (fuzz/regressions/pipeline): ',' at the start of the stream.
  CHECK(error_for(",versout\xe8zati[on") == "1:1: YAML syntax error: unexpected token");
  CHECK(error_for(",\n") == "1:1: YAML syntax error: unexpected token");
}
