// Plugin parameters validated against the plugin's ParamSpec list.

#include <doctest/doctest.h>

#include "fixtures.hpp"

using namespace zspace;
using namespace zspace::test;

namespace {

const std::string kHead = "version: 1\ninput: {path: d}\n";

// Line 3/4 hold the solver; `params` is the text after "  params: ".
std::string solver_error(const std::string& params) {
  TempDir dir;
  const auto file = dir.write("p.yaml", kHead + "solver:\n  params: " + params + "\n");
  const std::string msg = load_error(file);
  return msg.substr(file.string().size() + 1);
}

std::string metric_error(const std::string& metric, const std::string& params) {
  TempDir dir;
  const auto file = dir.write(
      "p.yaml", kHead + "similarity:\n  metric: " + metric + "\n  params: " + params + "\n");
  const std::string msg = load_error(file);
  return msg.substr(file.string().size() + 1);
}

Params solver_params(const std::string& params) {
  TempDir dir;
  const auto file = dir.write("p.yaml", kHead + "solver:\n  params: " + params + "\n");
  FakeCatalog fake;
  return load_pipeline(file, {}, fake.catalog()).solver_params;
}

const char* const kFixedPointKeys =
    "(allowed: allow_reordering, inner_iterations, inner_regularization, outer_iterations, "
    "outer_regularization)";

}  // namespace

TEST_CASE("an unknown parameter suggests the near miss and lists the plugin's parameters") {
  TempDir dir;
  const auto file = dir.write("p.yaml",
                              "version: 1\n"
                              "input: {path: d}\n"
                              "solver:\n"
                              "  name: fixed-point\n"
                              "  params:\n"
                              "    outer_iterations: 100\n"
                              "    outer_iteratons: 5\n");
  CHECK(load_error(file) == file.string() +
                                ":7:5: solver.params.outer_iteratons: unknown key "
                                "(did you mean 'outer_iterations'?) " +
                                kFixedPointKeys);
  CHECK(solver_error("{max_iterations: 5}") ==
        std::string("4:12: solver.params.max_iterations: unknown key ") + kFixedPointKeys);
  CHECK(metric_error("ncc", "{foo: 1}") ==
        "5:12: similarity.params.foo: unknown key "
        "(allowed: none; metric 'ncc' takes no parameters)");
}

TEST_CASE("params must be a map") {
  CHECK(solver_error("5") == std::string("4:11: solver.params: expected a map, got '5' ") +
                                 kFixedPointKeys);
  CHECK(solver_error("[1, 2]") ==
        std::string("4:11: solver.params: expected a map, got a list ") + kFixedPointKeys);
}

TEST_CASE("bool parameters take only true or false") {
  CHECK(solver_params("{allow_reordering: false}").get_bool("allow_reordering") == false);
  CHECK(solver_params("{allow_reordering: True}").get_bool("allow_reordering") == true);
  CHECK(solver_error("{allow_reordering: yes}") ==
        "4:30: solver.params.allow_reordering: expected true or false, got 'yes' "
        "(allowed: true, false)");
  CHECK(solver_error("{allow_reordering: 1}") ==
        "4:30: solver.params.allow_reordering: expected true or false, got '1' "
        "(allowed: true, false)");
  CHECK(solver_error("{allow_reordering: 'true'}") ==
        "4:30: solver.params.allow_reordering: expected true or false, got 'true' "
        "(allowed: true, false)");
}

TEST_CASE("integer parameters take only integers inside the bounds") {
  CHECK(solver_params("{outer_iterations: 1}").get_int("outer_iterations") == 1);
  CHECK(solver_params("{outer_iterations: +100000}").get_int("outer_iterations") == 100000);
  CHECK(solver_error("{outer_iterations: 1.5}") ==
        "4:30: solver.params.outer_iterations: expected an integer, got '1.5' "
        "(allowed: integer in [1, 100000])");
  CHECK(solver_error("{outer_iterations: '3'}") ==
        "4:30: solver.params.outer_iterations: expected an integer, got '3' "
        "(allowed: integer in [1, 100000])");
  CHECK(solver_error("{outer_iterations: 1e3}") ==
        "4:30: solver.params.outer_iterations: expected an integer, got '1e3' "
        "(allowed: integer in [1, 100000])");
  CHECK(solver_error("{outer_iterations: 0}") ==
        "4:30: solver.params.outer_iterations: 0 is below the minimum 1 "
        "(allowed: integer in [1, 100000])");
  CHECK(solver_error("{outer_iterations: 100001}") ==
        "4:30: solver.params.outer_iterations: 100001 is above the maximum 100000 "
        "(allowed: integer in [1, 100000])");
  CHECK(solver_error("{outer_iterations: 99999999999999999999}") ==
        "4:30: solver.params.outer_iterations: '99999999999999999999' does not fit in a "
        "64-bit integer (allowed: integer in [1, 100000])");
  CHECK(solver_error("{outer_iterations: }") ==
        "4:12: solver.params.outer_iterations: expected an integer, got nothing "
        "(allowed: integer in [1, 100000])");
}

TEST_CASE("real parameters take finite numbers inside inclusive bounds") {
  CHECK(solver_params("{outer_regularization: 0}").get_real("outer_regularization") == 0.0);
  CHECK(solver_params("{outer_regularization: 1.0}").get_real("outer_regularization") == 1.0);
  CHECK(solver_params("{outer_regularization: .5}").get_real("outer_regularization") == 0.5);
  CHECK(solver_params("{outer_regularization: 2.5e-1}").get_real("outer_regularization") == 0.25);
  CHECK(solver_error("{outer_regularization: 1.5}") ==
        "4:34: solver.params.outer_regularization: 1.5 is above the maximum 1 "
        "(allowed: number in [0, 1])");
  CHECK(solver_error("{outer_regularization: -0.1}") ==
        "4:34: solver.params.outer_regularization: -0.1 is below the minimum 0 "
        "(allowed: number in [0, 1])");
  CHECK(solver_error("{outer_regularization: .nan}") ==
        "4:34: solver.params.outer_regularization: '.nan' is not a finite number "
        "(allowed: number in [0, 1])");
  CHECK(solver_error("{outer_regularization: -.inf}") ==
        "4:34: solver.params.outer_regularization: '-.inf' is not a finite number "
        "(allowed: number in [0, 1])");
  CHECK(solver_error("{outer_regularization: 1e999}") ==
        "4:34: solver.params.outer_regularization: '1e999' is not a finite number "
        "(allowed: number in [0, 1])");
  CHECK(solver_error("{outer_regularization: high}") ==
        "4:34: solver.params.outer_regularization: expected a number, got 'high' "
        "(allowed: number in [0, 1])");
  CHECK(solver_error("{outer_regularization: '0.3'}") ==
        "4:34: solver.params.outer_regularization: expected a number, got '0.3' "
        "(allowed: number in [0, 1])");
  CHECK(metric_error("fft-correlation", "{unbounded: nan}") ==
        "5:23: similarity.params.unbounded: expected a number, got 'nan' (allowed: any number)");
}

TEST_CASE("choice parameters take one of the declared choices") {
  TempDir dir;
  FakeCatalog fake;
  const auto ok = dir.write("ok.yaml", kHead + "solver:\n  name: ceres\n  params: {loss: cauchy}\n");
  CHECK(load_pipeline(ok, {}, fake.catalog()).solver_params.get_choice("loss") == "cauchy");
  CHECK(metric_error("mutual-information", "{normalization: joint2}") ==
        "5:27: similarity.params.normalization: 'joint2' is not one of the choices "
        "(did you mean 'joint'?) (allowed: joint, arithmetic, none)");
  CHECK(metric_error("mutual-information", "{normalization: [joint]}") ==
        "5:27: similarity.params.normalization: expected one of the choices, got a list "
        "(allowed: joint, arithmetic, none)");
  CHECK(metric_error("mutual-information", "{bins: 1}") ==
        "5:18: similarity.params.bins: 1 is below the minimum 2 (allowed: integer in [2, 1024])");
}

TEST_CASE("with_defaults: set values win, every other declared parameter takes its default") {
  const std::vector<ParamSpec> schema{ParamSpec::integer("tiles", 1, 1, 16, "tiles per axis"),
                                      ParamSpec::real("huber", 1.0, 0.1, 1e6, "threshold")};
  Params given;
  given.set("huber", 2.5);
  const Params full = given.with_defaults(schema);
  CHECK(full.get_int("tiles") == 1);
  CHECK(full.get_real("huber") == 2.5);
  CHECK(full.values().size() == 2);
  CHECK(Params{}.with_defaults(schema).get_real("huber") == 1.0);
}
