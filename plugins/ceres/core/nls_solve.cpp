#include "core/nls_solve.hpp"

#include <ceres/iteration_callback.h>
#include <ceres/solver.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "core/nls_curve.hpp"
#include "core/nls_problem.hpp"
#include "core/nls_start.hpp"

namespace zspace::nls {
namespace {

/// Maps z onto the gauge in place; returns the factor distances were multiplied by.
double apply_gauge(std::vector<double>& z, Gauge gauge) {
  if (gauge == Gauge::free || z.size() < 2) return 1.0;
  const auto [lo, hi] = std::minmax_element(z.begin(), z.end());
  const double first = *lo, span = *hi - *lo;
  if (!(span > 0)) return 1.0;
  const double scale = static_cast<double>(z.size() - 1) / span;
  for (double& v : z) v = (v - first) * scale;
  return scale;
}

/// Relays Levenberg-Marquardt iterations to the observer, z in the gauge's units.
class RelayIterations final : public ceres::IterationCallback {
 public:
  RelayIterations(const LeastSquaresProblem& problem, Gauge gauge, int offset,
                  SolverObserver& observer)
      : problem_(problem), gauge_(gauge), offset_(offset), observer_(observer) {}

  ceres::CallbackReturnType operator()(const ceres::IterationSummary& summary) override {
    if (summary.iteration == 0) return ceres::SOLVER_CONTINUE;  // the start, not an iteration
    std::vector<double> z = problem_.z();
    apply_gauge(z, gauge_);
    if (observer_.iteration(offset_ + summary.iteration, z)) return ceres::SOLVER_CONTINUE;
    stopped_ = true;
    // Not SOLVER_ABORT: ending "successfully" keeps the last accepted iterate, which the
    // parameters already hold (the state is updated every iteration).
    return ceres::SOLVER_TERMINATE_SUCCESSFULLY;
  }
  bool stopped() const { return stopped_; }

 private:
  const LeastSquaresProblem& problem_;
  Gauge gauge_;
  int offset_;
  SolverObserver& observer_;
  bool stopped_ = false;
};

ceres::Solver::Options solver_options(const Options& options) {
  ceres::Solver::Options o;
  o.minimizer_type = ceres::TRUST_REGION;
  o.trust_region_strategy_type = ceres::LEVENBERG_MARQUARDT;
  o.linear_solver_type = ceres::SPARSE_NORMAL_CHOLESKY;
  if (ceres::IsSparseLinearAlgebraLibraryTypeAvailable(ceres::SUITE_SPARSE))
    o.sparse_linear_algebra_library_type = ceres::SUITE_SPARSE;
  else if (ceres::IsSparseLinearAlgebraLibraryTypeAvailable(ceres::EIGEN_SPARSE))
    o.sparse_linear_algebra_library_type = ceres::EIGEN_SPARSE;
  else
    o.linear_solver_type = ceres::DENSE_QR;
  // Each step is projected onto the bounds (thickness, curve steps) anyway; the extra line
  // search Ceres runs for bounded problems costs one Jacobian evaluation per iteration and did
  // not change the solution on any of our test sets.
  o.max_num_line_search_step_size_iterations = 0;
  o.num_threads = 1;
  o.max_num_iterations = options.max_iterations;
  o.function_tolerance = options.function_tolerance;
  o.logging_type = ceres::SILENT;
  o.minimizer_progress_to_stdout = false;
  o.update_state_every_iteration = true;
  return o;
}

void check_input(const BandMatrix& band, std::span<const double> start_z, const Options& options) {
  if (const std::string error = validate(options); !error.empty())
    throw std::invalid_argument(error);
  if (!start_z.empty() && start_z.size() != band.size())
    throw std::invalid_argument("ceres: start_z has " + std::to_string(start_z.size()) +
                                " entries for " + std::to_string(band.size()) + " sections");
  for (const double z : start_z)
    if (!std::isfinite(z)) throw std::invalid_argument("ceres: start_z is not finite");
}

/// The fitted curve at the integer distances 0..R of the gauge's units (distances there are
/// `scale` times the solver's).
std::vector<double> fitted_curve(const std::vector<double>& steps, std::size_t range,
                                 int resolution, double scale) {
  std::vector<double> curve{1.0};
  for (std::size_t k = 1; k <= range; ++k) {
    const double u = static_cast<double>(k) * resolution / scale;
    curve.push_back(sample_curve(steps.data(), steps.size(), u).value);
  }
  return curve;
}

/// The start's curve estimate at the integer distances 0..R (NaN where no pair reached).
std::vector<double> start_curve(const StartPoint& start, int resolution) {
  std::vector<double> curve;
  for (std::size_t k = 0; k < start.curve.size(); k += static_cast<std::size_t>(resolution))
    curve.push_back(start.curve[k]);
  return curve;
}

/// Extent of z over N-1 (1 for uniform unit spacing).
double relative_span(const std::vector<double>& z) {
  if (z.size() < 2) return 1.0;
  const auto [lo, hi] = std::minmax_element(z.begin(), z.end());
  return (*hi - *lo) / static_cast<double>(z.size() - 1);
}

Solution stopped_during_start(StartPoint start, const Options& options) {
  Solution s;
  s.z = std::move(start.z);
  apply_gauge(s.z, options.gauge);
  s.quality = std::move(start.quality);
  s.curve = start_curve(start, options.curve_resolution);
  s.termination = "stopped by observer";
  s.diagnostics = {{"start_iterations", start.iterations}};
  return s;
}

}  // namespace

Solution solve(const BandMatrix& band, std::span<const double> start_z, const Options& options,
               SolverObserver& observer) {
  check_input(band, start_z, options);
  const int start_iterations = options.start == Start::fixed_point ? options.start_iterations : 0;
  observer.started(start_iterations + options.max_iterations);
  if (band.size() == 0) {
    Solution empty;
    empty.curve = {1.0};
    empty.termination = "no sections";
    return empty;
  }

  StartPoint start = start_point(band, start_z, options, observer);
  if (start.stopped) return stopped_during_start(std::move(start), options);

  LeastSquaresProblem lsq(band, start, options);
  Solution s;
  ceres::Solver::Summary summary;
  int successful = 0, unsuccessful = 0;
  const bool solved = lsq.pairs() > 0;
  if (solved) {
    RelayIterations relay(lsq, options.gauge, start.iterations, observer);
    ceres::Solver::Options so = solver_options(options);
    so.callbacks.push_back(&relay);
    ceres::Solve(so, &lsq.problem(), &summary);
    // Ceres' records start with the evaluation of the start point (iteration 0).
    s.iterations = static_cast<int>(summary.iterations.size()) - 1;
    for (std::size_t k = 1; k < summary.iterations.size(); ++k)
      ++(summary.iterations[k].step_is_successful ? successful : unsuccessful);
    s.termination = relay.stopped()
                        ? "stopped by observer"
                        : std::string(ceres::TerminationTypeToString(summary.termination_type)) +
                              ": " + summary.message;
  } else {
    s.termination = "no measured pairs: the start is the solution";
  }

  s.z = lsq.z();
  const double span = relative_span(s.z);
  const double scale = apply_gauge(s.z, options.gauge);
  s.quality = lsq.quality();
  s.curve = solved ? fitted_curve(lsq.steps(), band.range(), options.curve_resolution, scale)
                   : start_curve(start, options.curve_resolution);
  s.diagnostics = {
      {"initial_cost", solved ? summary.initial_cost : 0.0},
      {"final_cost", solved ? summary.final_cost : 0.0},
      {"successful_steps", successful},
      {"unsuccessful_steps", unsuccessful},
      {"measured_pairs", static_cast<double>(lsq.pairs())},
      {"start_iterations", start.iterations},
      {"span_before_gauge", span},
  };
  return s;
}

}  // namespace zspace::nls
