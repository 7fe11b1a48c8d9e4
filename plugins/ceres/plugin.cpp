/// @file plugin.cpp
/// The `ceres` solver plugin: the published z-spacing model (ALGORITHM.md §1) solved as one
/// nonlinear least-squares problem with Ceres Solver (core/nls_solve.hpp).

#include <memory>
#include <stdexcept>
#include <string>

#include "core/nls_options.hpp"
#include "core/nls_solve.hpp"
#include "zspace/plugin.hpp"

namespace {

using zspace::ParamSpec;
using zspace::nls::Gauge;
using zspace::nls::Loss;
using zspace::nls::Options;
using zspace::nls::Start;

std::vector<ParamSpec> schema() {
  return {
      ParamSpec::choice("init", "uniform", {"uniform", "fixed-point"},
                        "Starting point: 'uniform' starts from 0..N-1 with quality 1; "
                        "'fixed-point' runs the published fixed-point solver first "
                        "(init_iterations iterations) and refines its z and quality."),
      ParamSpec::integer("init_iterations", 100, 1, 1e6,
                         "Outer iterations of the fixed-point start (init: fixed-point); its "
                         "other settings are the Fiji defaults.")
          .as_advanced(),
      ParamSpec::choice("loss", "none", {"none", "huber", "cauchy"},
                        "Robust loss on each similarity residual: 'none' is plain least squares; "
                        "'huber' and 'cauchy' reduce the pull of residuals larger than "
                        "loss_scale (outlier pairs, e.g. a fold or a dust particle)."),
      ParamSpec::real("loss_scale", 0.05, 1e-6, 10,
                      "Residual size, in similarity units, above which the robust loss starts to "
                      "discount a pair."),
      ParamSpec::real("quality_regularization", 0.1, 0, 1e6,
                      "Weight λ of the prior λ·(q - 1)² pulling each quality factor towards 1; "
                      "larger values trust every section alike, 0 leaves the factors free."),
      ParamSpec::real("thickness_regularization", 0.0, 0, 1e6,
                      "Weight λ of the prior λ·(t - 1)² pulling every spacing t towards the "
                      "nominal one; raise it (e.g. 0.1) when the tissue's similarity changes "
                      "along z and the solution drifts. 0 = off.")
          .as_advanced(),
      ParamSpec::integer("curve_resolution", 1, 1, 16,
                         "Knots of the similarity curve per nominal spacing: 1 as the published "
                         "method; 2-4 follow a curved similarity profile more closely when "
                         "thicknesses vary, but knots between integer distances need pairs "
                         "at such distances.")
          .as_advanced(),
      ParamSpec::boolean("allow_reordering", false,
                         "Let sections change order (positions are then free). If false, z is "
                         "ordered by construction with at least min_section_thickness between "
                         "consecutive sections."),
      ParamSpec::real("min_section_thickness", 1e-9, 0, 1,
                      "Smallest spacing between consecutive sections when allow_reordering is "
                      "false, in nominal spacings.")
          .as_advanced(),
      ParamSpec::choice("gauge", "pin-ends", {"pin-ends", "free"},
                        "'pin-ends' maps the solution so that its extremes are 0 and N-1 (mean "
                        "spacing 1, as the published method); 'free' fixes only the first "
                        "section, so the scale is whatever the curve fit settles on."),
      ParamSpec::integer("max_iterations", 200, 0, 1e6,
                         "Most Levenberg-Marquardt iterations; the solve usually stops earlier "
                         "on function_tolerance."),
      ParamSpec::real("function_tolerance", 1e-10, 1e-16, 1,
                      "Stop when an iteration changes the cost by less than this fraction.")
          .as_advanced(),
  };
}

const zspace::PluginDescriptor& descriptor() {
  static const zspace::PluginDescriptor d = zspace::describe_plugin(
      zspace::PluginKind::solver, "ceres", "1.0.0",
      "Z-spacing model of the published method solved jointly by nonlinear least squares "
      "(Ceres)",
      schema());
  return d;
}

Options options_from(const zspace::Params& p) {
  Options o;
  o.start = p.get_choice("init") == "uniform" ? Start::uniform : Start::fixed_point;
  o.start_iterations = static_cast<int>(p.get_int("init_iterations"));
  const std::string& loss = p.get_choice("loss");
  o.loss = loss == "huber" ? Loss::huber : loss == "cauchy" ? Loss::cauchy : Loss::none;
  o.loss_scale = p.get_real("loss_scale");
  o.quality_regularization = p.get_real("quality_regularization");
  o.thickness_regularization = p.get_real("thickness_regularization");
  o.curve_resolution = static_cast<int>(p.get_int("curve_resolution"));
  o.allow_reordering = p.get_bool("allow_reordering");
  o.min_section_thickness = p.get_real("min_section_thickness");
  o.gauge = p.get_choice("gauge") == "free" ? Gauge::free : Gauge::pin_ends;
  o.max_iterations = static_cast<int>(p.get_int("max_iterations"));
  o.function_tolerance = p.get_real("function_tolerance");
  return o;
}

class CeresSolver final : public zspace::Solver {
 public:
  explicit CeresSolver(Options options) : options_(options) {}

  zspace::Solution solve(const zspace::SolverInput& input,
                         zspace::SolverObserver& observer) const override {
    if (input.band == nullptr) throw std::runtime_error("ceres: no similarity band given");
    try {
      return zspace::nls::solve(*input.band, input.start_z, options_, observer);
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
  if (const std::string error = zspace::nls::validate(options); !error.empty())
    throw std::invalid_argument(error);
  return std::make_unique<CeresSolver>(options);
}

}  // namespace

ZSPACE_SOLVER_PLUGIN(descriptor, create)
