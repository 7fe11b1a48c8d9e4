/// @file plugin.cpp
/// The `fixed-point` solver plugin: the published z-spacing inference (ALGORITHM.md §3) behind
/// the zspace Solver interface. Parameter names and defaults follow the Fiji plugin (§5).

#include <memory>
#include <stdexcept>
#include <string>

#include "core/infer.hpp"
#include "core/options.hpp"
#include "zspace/plugin.hpp"

namespace {

using zspace::ParamSpec;
using zspace::fixed_point::Border;
using zspace::fixed_point::Options;
using zspace::fixed_point::QualityPrior;

std::vector<ParamSpec> schema() {
  return {
      ParamSpec::integer("outer_iterations", 100, 1, 1e6,
                         "Number of outer iterations (fit curve, quality, shift votes, update); "
                         "there is no convergence test. Raise it if z still moves at the end."),
      ParamSpec::real("outer_regularization", 0.4, 0, 1,
                      "Damping of each position update: the shift applied per iteration is "
                      "(1 - value) times the mediated shift (Fiji semantics). 0 = none, 1 = no "
                      "change."),
      ParamSpec::integer("inner_iterations", 10, 0, 1e4,
                         "Gauss-Seidel sweeps of the per-section quality (scaling factor) "
                         "estimate per outer iteration; 0 keeps every quality at 1."),
      ParamSpec::real("inner_regularization", 0.1, 0, 1,
                      "Weight of the quality prior (see quality_prior) in each quality update; "
                      "1 freezes the qualities."),
      ParamSpec::boolean("allow_reordering", true,
                         "Let sections change order. If false, a forward pass keeps the input "
                         "order with at least min_section_thickness between sections."),
      ParamSpec::boolean("force_monotonicity", true,
                         "Only use similarities that decrease with distance from each section, "
                         "for both the curve fit and the shift votes (Fiji forces this on).")
          .as_advanced(),
      ParamSpec::real("min_section_thickness", 1e-9, 0, 1,
                      "Smallest spacing the order-keeping pass leaves between consecutive "
                      "sections when allow_reordering is false (Fiji forces 1e-9).")
          .as_advanced(),
      ParamSpec::choice("quality_prior", "one", {"one", "previous"},
                        "Target of inner_regularization: 'one' pulls each quality towards 1 "
                        "(Tikhonov, as the Fiji page describes); 'previous' only damps towards "
                        "the last value, as the current Java code does.")
          .as_advanced(),
      ParamSpec::integer("local_curve_windows", 1, 1, 1e6,
                         "Fiji's 'number of local estimates': 1 fits one similarity curve for "
                         "the whole stack; n >= 2 fits local curves over windows of N / n "
                         "sections (the reported curve is then the stack-wide average).")
          .as_advanced(),
      ParamSpec::choice("border", "pin-ends", {"pin-ends", "none"},
                        "Global regulariser after each update: 'pin-ends' maps the first and last "
                        "section to 0 and N-1 (mean spacing 1); 'none' lets z float.")
          .as_advanced(),
      ParamSpec::real("min_similarity", 0.0, -1, 1,
                      "Scaled similarities at or below this value cast no shift vote.")
          .as_advanced(),
      ParamSpec::real("update_anchor", 0.0, 0, 1,
                      "Pulls every position update towards the starting z by this fraction "
                      "(0 = off).")
          .as_advanced(),
  };
}

const zspace::PluginDescriptor& descriptor() {
  static const zspace::PluginDescriptor d = zspace::describe_plugin(
      zspace::PluginKind::solver, "fixed-point", "1.0.0",
      "Z-spacing correction by fixed-point iteration (Hanslovsky et al. 2015, Fiji's method)",
      schema());
  return d;
}

Options options_from(const zspace::Params& p) {
  Options o;
  o.outer_iterations = static_cast<int>(p.get_int("outer_iterations"));
  o.shift_proportion = 1.0 - p.get_real("outer_regularization");  // Fiji: α = 1 - value (§8.2)
  o.inner_iterations = static_cast<int>(p.get_int("inner_iterations"));
  o.inner_regularization = p.get_real("inner_regularization");
  o.allow_reordering = p.get_bool("allow_reordering");
  o.force_monotonicity = p.get_bool("force_monotonicity");
  o.min_section_thickness = p.get_real("min_section_thickness");
  o.quality_prior =
      p.get_choice("quality_prior") == "previous" ? QualityPrior::previous : QualityPrior::one;
  o.local_curve_windows = p.get_int("local_curve_windows");
  o.border = p.get_choice("border") == "none" ? Border::none : Border::pin_ends;
  o.min_similarity = p.get_real("min_similarity");
  o.update_anchor = p.get_real("update_anchor");
  return o;
}

class FixedPointSolver final : public zspace::Solver {
 public:
  explicit FixedPointSolver(Options options) : options_(options) {}

  zspace::Solution solve(const zspace::SolverInput& input,
                         zspace::SolverObserver& observer) const override {
    if (input.band == nullptr) throw std::runtime_error("fixed-point: no similarity band given");
    try {
      return zspace::fixed_point::infer(*input.band, input.start_z, options_, observer);
    } catch (const std::invalid_argument& e) {
      throw std::runtime_error(e.what());
    }
  }

 private:
  Options options_;
};

std::unique_ptr<zspace::Solver> create(const zspace::Params& params) {
  // Missing keys fall back to the schema defaults, so a plugin used directly also works.
  const zspace::Params full = params.with_defaults(descriptor().parameters);
  const Options options = options_from(full);
  if (const std::string error = zspace::fixed_point::validate(options); !error.empty())
    throw std::invalid_argument(error);
  return std::make_unique<FixedPointSolver>(options);
}

}  // namespace

ZSPACE_SOLVER_PLUGIN(descriptor, create)
