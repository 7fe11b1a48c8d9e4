#include "core/infer.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include "core/coordinate_update.hpp"
#include "core/curve.hpp"
#include "core/scaling_factors.hpp"
#include "core/shift_votes.hpp"
#include "core/sorted_view.hpp"

namespace zspace::fixed_point {
namespace {

template <class T>
void gather(const std::vector<T>& original, const std::vector<std::size_t>& order,
            std::vector<T>& sorted) {
  sorted.resize(order.size());
  for (std::size_t p = 0; p < order.size(); ++p) sorted[p] = original[order[p]];
}

template <class T>
void scatter(const std::vector<T>& sorted, const std::vector<std::size_t>& order,
             std::vector<T>& original) {
  for (std::size_t p = 0; p < order.size(); ++p) original[order[p]] = sorted[p];
}

}  // namespace

Solution infer(const BandMatrix& band, std::span<const double> start_z, const Options& options,
               SolverObserver& observer) {
  if (const std::string error = validate(options); !error.empty())
    throw std::invalid_argument(error);
  const std::size_t n = band.size();
  if (!start_z.empty() && start_z.size() != n)
    throw std::invalid_argument("fixed-point: start_z has " + std::to_string(start_z.size()) +
                                " entries for " + std::to_string(n) + " sections");
  for (const double z : start_z)
    if (!std::isfinite(z)) throw std::invalid_argument("fixed-point: start_z is not finite");

  // §3.2 initialisation.
  std::vector<double> c(n), m(n, 1.0);
  for (std::size_t i = 0; i < n; ++i) c[i] = start_z.empty() ? static_cast<double>(i) : start_z[i];
  const std::vector<double> c0 = c;
  std::vector<std::size_t> order;
  stable_argsort(c, order);
  SortedBand sorted_band;
  sorted_band.assign(band, order);

  CurveFitter fitter;
  ScalingFactorEstimator scaling;
  ShiftCollector collector;
  CurveSet curves;
  ShiftVotes votes;
  ShiftSummary last_shift;
  std::vector<double> chat, m_sorted, c0_sorted;
  int reorders = 0;
  const ScalingFactorEstimator::SideWork early_votes = [&](const double* m_final, std::size_t rows) {
    return collector.advance(m_final, rows);
  };

  Solution solution;
  observer.started(options.outer_iterations);
  solution.termination = "completed " + std::to_string(options.outer_iterations) + " iterations";
  for (int it = 0; it < options.outer_iterations && n > 0; ++it) {
    gather(c, order, chat);  // step 0: sorted views
    gather(m, order, m_sorted);
    if (options.update_anchor != 0.0) gather(c0, order, c0_sorted);

    fitter.fit(sorted_band, chat, m_sorted, options.force_monotonicity,
               options.local_curve_windows, curves);  // step 1
    // The votes (steps 4-5) of rows whose m is final start while the last sweeps still run.
    collector.begin_early(sorted_band, chat, curves, options.force_monotonicity,
                          options.min_similarity);
    scaling.estimate(sorted_band, chat, curves, options.inner_iterations,
                     options.inner_regularization, options.quality_prior, m_sorted,
                     curves.is_global() ? &early_votes : nullptr);  // step 2
    // Step 3 is implicit: Ŝ_pq = m_p m_q M̂_pq is formed where it is read.
    collector.collect(sorted_band, chat, m_sorted, curves, options.force_monotonicity,
                      options.min_similarity, votes);  // steps 4-5
    last_shift = apply_shifts(votes, options.shift_proportion, options.update_anchor, c0_sorted,
                              chat);  // step 6
    repair_nans(chat);  // step 7
    if (!options.allow_reordering) enforce_order(chat, options.min_section_thickness);  // step 8
    if (options.border == Border::pin_ends) pin_ends(chat);  // step 9

    scatter(chat, order, c);  // step 10
    scatter(m_sorted, order, m);
    if (stable_argsort(c, order)) {
      ++reorders;
      sorted_band.assign(band, order);
    }
    solution.iterations = it + 1;
    if (!observer.iteration(it + 1, c)) {
      solution.termination = "stopped by observer";
      break;
    }
  }

  solution.z = std::move(c);
  solution.quality = std::move(m);
  solution.curve = curves.average();
  if (solution.curve.empty()) {  // no iteration ran
    solution.curve.assign(band.range() + 1, std::nan(""));
    if (!solution.curve.empty()) solution.curve[0] = 1.0;
  }
  solution.diagnostics = {
      {"final_mean_abs_shift", last_shift.mean_abs_shift},
      {"sections_without_votes", static_cast<double>(last_shift.without_votes)},
      {"iterations_with_reordering", static_cast<double>(reorders)},
  };
  return solution;
}

}  // namespace zspace::fixed_point
