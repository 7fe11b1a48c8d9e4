#pragma once
/// @file nls_problem.hpp
/// The least-squares problem: parameters and residual blocks for Ceres.
///
/// Parameters: one quality factor q_i per section, the K = R·curve_resolution curve steps (one
/// block, each bounded below by 0, see nls_curve.hpp) and the positions:
///  - ordered (allow_reordering false): the thicknesses t_i = z_{i+1} - z_i, each bounded below
///    by min_section_thickness, with z_0 kept at its start value. A pair (i, j) then depends on
///    t_i..t_{j-1} only, so the Jacobian stays banded.
///  - free: z_i itself; the first section that takes part in a pair is held constant, which
///    removes the translation freedom.
/// Residuals: one per finite band entry M_ij, i < j <= i + R (nls_residuals.hpp), under the
/// chosen robust loss; the quality prior on every section that takes part in a pair (the others
/// have nothing to estimate and keep their start values); the thickness prior, if any, on every
/// spacing that a pair spans.

#include <cstddef>
#include <memory>
#include <vector>

#include "core/nls_options.hpp"
#include "core/nls_start.hpp"
#include "zspace/band_matrix.hpp"

namespace ceres {
class LossFunction;
class Problem;
}  // namespace ceres

namespace zspace::nls {

/// Declared without Ceres' headers, which bring glog and its CHECK macro to every includer.
class LeastSquaresProblem {
 public:
  LeastSquaresProblem(const BandMatrix& band, const StartPoint& start, const Options& options);
  ~LeastSquaresProblem();
  LeastSquaresProblem(const LeastSquaresProblem&) = delete;
  LeastSquaresProblem& operator=(const LeastSquaresProblem&) = delete;

  ceres::Problem& problem() { return *problem_; }
  /// Current positions per section in original order (solver units, before the gauge).
  std::vector<double> z() const;
  const std::vector<double>& quality() const { return quality_; }
  const std::vector<double>& steps() const { return steps_; }
  /// Number of band entries that became residuals.
  std::size_t pairs() const { return pairs_; }

 private:
  void add_pairs(const BandMatrix& band, const Options& options);
  void add_thickness_prior(double lambda);
  void constrain(const Options& options);

  bool ordered_;
  double origin_ = 0;             // z_0 (ordered)
  std::vector<double> position_;  // t_0..t_{N-2} (ordered) or z_0..z_{N-1} (free)
  std::vector<double> quality_;
  std::vector<double> steps_;
  std::vector<bool> measured_;    // section takes part in at least one pair
  std::size_t pairs_ = 0;
  std::unique_ptr<ceres::LossFunction> loss_;  // shared by every pair, outlives problem_
  std::unique_ptr<ceres::Problem> problem_;
};

}  // namespace zspace::nls
