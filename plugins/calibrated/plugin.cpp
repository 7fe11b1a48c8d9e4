/// @file plugin.cpp
/// The `calibrated` solver plugin: section positions in absolute pixel units from in-plane
/// calibration (each tile's similarity to itself shifted in-plane), behind the zspace Solver
/// interface. See docs/calibrated.md.

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "core/calibrated_options.hpp"
#include "core/solve.hpp"
#include "zspace/plugin.hpp"

namespace {

using zspace::ParamSpec;
using zspace::calibrated::Options;

std::vector<ParamSpec> schema() {
  return {
      ParamSpec::integer("tiles", 1, 1, 16,
                         "Tiles per axis of the calibration grid (tiles x tiles per section). Each "
                         "tile is calibrated and measured on its own and a pair's distance is the "
                         "median over tiles, which follows texture that changes across the section; "
                         "each tile needs at least 16 pixels per side. 1 (the whole section) did "
                         "best on the accuracy benchmark's sections of 250 x 125 pixels "
                         "(docs/accuracy-tuning.md); larger sections may gain from more."),
      ParamSpec::integer("max_shift", 24, 2, 256,
                         "Largest in-plane shift of the calibration curves, in pixels of the compared "
                         "sections: the farthest pair distance that can be measured. Pairs farther "
                         "apart are not used; raise it for thick sections or a large "
                         "neighborhood_range. At most the section size minus one tile (minus 16 "
                         "pixels with one tile), so that the shifted copy stays inside the section."),
      ParamSpec::real("huber", 1.0, 0.1, 1e6,
                      "Huber threshold of the robust position fit, in robust standard deviations "
                      "(1.4826 x MAD) of the pair residuals: pairs that disagree by more count "
                      "less. Smaller is more robust; a very large value is plain weighted least "
                      "squares."),
  };
}

const zspace::PluginDescriptor& descriptor() {
  static const zspace::PluginDescriptor d = zspace::describe_plugin(
      zspace::PluginKind::solver, "calibrated", "1.0.0",
      "Absolute z in pixels from in-plane calibration per tile, robust least squares over all pairs",
      schema());
  return d;
}

class CalibratedSolver final : public zspace::Solver {
 public:
  explicit CalibratedSolver(Options options) : options_(options) {}

  zspace::Solution solve(const zspace::SolverInput& input, zspace::SolverObserver& observer) const override {
    return zspace::calibrated::solve(input, options_, observer);
  }

  std::optional<zspace::CalibrationRequest> calibration_request() const override {
    return zspace::CalibrationRequest{options_.tiles, options_.tiles, options_.max_shift};
  }

 private:
  Options options_;
};

std::unique_ptr<zspace::Solver> create(const zspace::Params& params) {
  // Missing keys fall back to the schema defaults, so a plugin used directly also works.
  const zspace::Params full = params.with_defaults(descriptor().parameters);
  Options options;
  options.tiles = static_cast<int>(full.get_int("tiles"));
  options.max_shift = static_cast<int>(full.get_int("max_shift"));
  options.huber = full.get_real("huber");
  if (const std::string error = zspace::calibrated::validate(options); !error.empty())
    throw std::invalid_argument(error);
  return std::make_unique<CalibratedSolver>(options);
}

}  // namespace

ZSPACE_SOLVER_PLUGIN(descriptor, create)
