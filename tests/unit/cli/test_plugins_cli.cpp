// Plugin loading as a user sees it: warnings for refused libraries, errors for pipelines that
// name a missing or refused plugin.

#include <doctest/doctest.h>

#include "test_support.hpp"

using namespace zspace::test;

namespace {
const std::string kDefault = std::string(ZSPACE_SOURCE_DIR) + "/configs/default.yaml";
const std::string kTestPath = std::string("ZSPACE_PLUGIN_PATH=") + ZSPACE_TEST_PLUGIN_DIR;
}  // namespace

TEST_CASE("zspace plugins lists built-ins; refused libraries are one-line warnings") {
  const auto plain = run_zspace("plugins");
  REQUIRE(plain.exit_code == 0);
  CHECK(plain.err.empty());
  CHECK(plain.out.find("metric ncc") != std::string::npos);
  CHECK(plain.out.find("outer_regularization") != std::string::npos);

  const auto r = run_zspace("plugins", kTestPath);
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("libnot-a-plugin.so: skipped: not a zspace plugin") != std::string::npos);
  CHECK(r.err.find("libwrong-api.so: skipped: built for plugin API 99.0") != std::string::npos);
  CHECK(count_lines(r.err) == 3);  // not-a-plugin, wrong-api, duplicate ncc
  CHECK(r.out.find("metric constant-test") != std::string::npos);
  CHECK(r.out.find("solver fixed-point") != std::string::npos);

  const auto json = run_zspace("plugins --json");
  REQUIRE(json.exit_code == 0);
  CHECK(json.out.front() == '[');
  CHECK(json.out.find("\"parameters\"") != std::string::npos);
}

TEST_CASE("the run goes on beside refused libraries") {
  TempDir out;
  const auto r = run_zspace("run " + kDefault + " --quiet --set solver.params.outer_iterations=3 --output " + quote(out.path()), kTestPath);
  CHECK(r.exit_code == 0);
  CHECK(fs::exists(out / "z.csv"));
}

TEST_CASE("a pipeline naming an unknown or refused plugin fails with exit 2") {
  const auto typo = run_zspace("validate " + kDefault + " --set similarity.metric=ncd");
  CHECK(typo.exit_code == 2);
  CHECK(typo.err.find("did you mean 'ncc'") != std::string::npos);
  CHECK(count_lines(typo.err) == 1);

  const auto refused = run_zspace("run " + kDefault + " --set similarity.metric=future-metric", kTestPath);
  CHECK(refused.exit_code == 2);
  CHECK(refused.err.find("future-metric") != std::string::npos);

  const auto solver = run_zspace("run " + kDefault + " --set solver.name=fixed-pont");
  CHECK(solver.exit_code == 2);
  CHECK(solver.err.find("did you mean 'fixed-point'") != std::string::npos);
}

TEST_CASE("bad command-line usage is exit 2") {
  CHECK(run_zspace("").exit_code == 2);
  CHECK(run_zspace("run").exit_code == 2);
  CHECK(run_zspace("frobnicate").exit_code == 2);
  CHECK(run_zspace("run " + kDefault + " --threads -3").exit_code == 2);
}

TEST_CASE("a plugin that throws: factory is exit 2, compare() is exit 1, no result files") {
  TempDir out;
  const std::string common = "run " + kDefault + " --quiet --output " + quote(out.path());
  const auto factory = run_zspace(common + " --set similarity.metric=factory-throws", kTestPath);
  CHECK(factory.exit_code == 2);
  CHECK(factory.err.find("metric 'factory-throws': plugin refused its parameters") != std::string::npos);
  const auto compare = run_zspace(common + " --set similarity.metric=compare-throws", kTestPath);
  CHECK(compare.exit_code == 1);
  CHECK(compare.err.find("deliberate failure in compare") != std::string::npos);
  CHECK(compare.err.find("section ") != std::string::npos);
  CHECK_FALSE(fs::exists(out / "z.csv"));
}
