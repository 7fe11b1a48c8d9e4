// Hostile pipelines and options through the real binary: exit 2, one line with file:line:column
// and the key path, and nothing written.

#include "hostile_support.hpp"

using namespace zspace::hostile;

namespace {

// A pipeline file p.yaml in `dir` with `body` after a valid head that reads the sample stack.
fs::path pipeline(const TempDir& dir, const std::string& body) {
  const fs::path file = dir / "p.yaml";
  std::string text = "version: 1\ninput:\n  path: ";
  text += kStack.string();
  text += "\n";
  text += body;
  write_text(file, text);
  return file;
}

CommandResult run_file(const fs::path& file, const fs::path& out, const std::string& extra = "") {
  return run_zspace("run " + quote(file) + " --quiet --output " + quote(out) + " " + extra);
}

// "<dir>/p.yaml:<line>:" — the location every schema message starts with.
std::string at(const TempDir& dir, int line) {
  std::string s = (dir / "p.yaml").string();
  s += ":";
  s += std::to_string(line);
  s += ":";
  return s;
}

}  // namespace

TEST_CASE("a YAML syntax error names file:line:column") {
  TempDir dir;
  const auto file = pipeline(dir, "similarity:\n  metric: ncc\n    neighborhood_range: 3\n");
  expect_refusal(run_file(file, dir / "out"), 2, {at(dir, 6), "YAML syntax error"}, dir / "out");
  const auto file2 = pipeline(dir, "solver: {name: fixed-point, params: [\n");
  expect_refusal(run_file(file2, dir / "out"), 2, {(dir / "p.yaml").string(), "YAML syntax error"}, dir / "out");
}

TEST_CASE("a pipeline file that is missing, a folder or binary garbage is refused") {
  TempDir dir;
  expect_refusal(run_file(dir / "absent.yaml", dir / "out"), 2, {(dir / "absent.yaml").string()}, dir / "out");
  expect_refusal(run_file(dir.path(), dir / "out"), 2, {dir.path().string()}, dir / "out");
  write_text(dir / "p.yaml", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  expect_refusal(run_file(dir / "p.yaml", dir / "out"), 2, {(dir / "p.yaml").string() + ":", "YAML syntax error"}, dir / "out");
}

TEST_CASE("wrong types name the key path") {
  TempDir dir;
  expect_refusal(run_file(pipeline(dir, "similarity:\n  neighborhood_range: ten\n"), dir / "out"), 2,
                 {at(dir, 5), "similarity.neighborhood_range", "expected an integer"}, dir / "out");
  expect_refusal(run_file(pipeline(dir, "solver:\n  name: fixed-point\n  params:\n    allow_reordering: maybe\n"),
                          dir / "out"),
                 2, {at(dir, 7), "solver.params.allow_reordering"}, dir / "out");
  expect_refusal(run_file(pipeline(dir, "solver:\n  name: fixed-point\n  params:\n    outer_iterations: [1, 2]\n"),
                          dir / "out"),
                 2, {at(dir, 7), "solver.params.outer_iterations"}, dir / "out");
  expect_refusal(run_file(pipeline(dir, "output: [a, b]\n"), dir / "out"), 2, {at(dir, 4), "output"}, dir / "out");
}

TEST_CASE("negative, NaN and infinite numbers are refused") {
  TempDir dir;
  expect_refusal(run_file(pipeline(dir, "similarity:\n  neighborhood_range: -3\n"), dir / "out"), 2,
                 {at(dir, 5), "similarity.neighborhood_range", "below the minimum 1"}, dir / "out");
  expect_refusal(run_file(pipeline(dir, "solver:\n  name: fixed-point\n  params:\n    outer_regularization: .nan\n"),
                          dir / "out"),
                 2, {at(dir, 7), "solver.params.outer_regularization", "not a finite number"}, dir / "out");
  expect_refusal(run_file(pipeline(dir, "solver:\n  name: fixed-point\n  params:\n    inner_regularization: -.inf\n"),
                          dir / "out"),
                 2, {at(dir, 7), "solver.params.inner_regularization"}, dir / "out");
  expect_refusal(run_file(pipeline(dir, "solver:\n  name: fixed-point\n  params:\n    outer_iterations: -1\n"),
                          dir / "out"),
                 2, {at(dir, 7), "solver.params.outer_iterations"}, dir / "out");
}

TEST_CASE("--set overrides are checked like the file") {
  TempDir dir;
  const auto file = pipeline(dir, "");
  expect_refusal(run_file(file, dir / "out", "--set similarity.neighborhood_range=-3"), 2,
                 {"similarity.neighborhood_range", "below the minimum 1"}, dir / "out");
  expect_refusal(run_file(file, dir / "out", "--set solver.params.outer_regularization=nan"), 2,
                 {"solver.params.outer_regularization"}, dir / "out");
  expect_refusal(run_file(file, dir / "out", "--set similarity.metirc=ncc"), 2,
                 {"similarity.metirc", "unknown key"}, dir / "out");
  expect_refusal(run_file(file, dir / "out", "--set novalue"), 2, {"novalue"}, dir / "out");
}

TEST_CASE("unknown keys name the key path and suggest the near miss") {
  TempDir dir;
  expect_refusal(run_file(pipeline(dir, "similarity:\n  metirc: ncc\n"), dir / "out"), 2,
                 {at(dir, 5), "similarity.metirc: unknown key", "did you mean 'metric'?"}, dir / "out");
  expect_refusal(run_file(pipeline(dir, "solver:\n  name: fixed-point\n  params:\n    outer_iteration: 3\n"),
                          dir / "out"),
                 2, {at(dir, 7), "solver.params.outer_iteration", "unknown"}, dir / "out");
  expect_refusal(run_file(pipeline(dir, "colour: blue\n"), dir / "out"), 2, {at(dir, 4), "colour: unknown key"},
                 dir / "out");
}

TEST_CASE("an unknown plugin names the key and lists the plugins") {
  TempDir dir;
  expect_refusal(run_file(pipeline(dir, "similarity:\n  metric: nc\n"), dir / "out"), 2,
                 {at(dir, 5), "similarity.metric: unknown metric plugin 'nc'", "did you mean 'ncc'?"}, dir / "out");
  expect_refusal(run_file(pipeline(dir, "solver:\n  name: simulated-annealing\n"), dir / "out"), 2,
                 {at(dir, 5), "solver.name: unknown solver plugin 'simulated-annealing'", "fixed-point"}, dir / "out");
}

TEST_CASE("bad command-line options are usage errors") {
  TempDir dir;
  const auto file = pipeline(dir, "");
  for (const std::string extra : {"--threads -2", "--threads many", "--no-such-option"}) {
    CAPTURE(extra);
    const auto r = run_file(file, dir / "out", extra);
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK(count_lines(r.err) == 1);
    CHECK(left_nothing(dir / "out"));
  }
}
