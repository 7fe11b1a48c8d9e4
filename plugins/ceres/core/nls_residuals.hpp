#pragma once
/// @file nls_residuals.hpp
/// Residuals of the least-squares model, with analytic Jacobians (the piecewise-linear curve
/// has kinks at the knots, where automatic and analytic derivatives agree on the one-sided
/// slope of the segment in use, and analytic ones need no dynamic-size Jets).
///
/// A measured pair (i, j) gives r_ij = M_ij - f(|z_i - z_j|) / (q_i q_j): the model of the
/// published method (ALGORITHM.md §1, q = the scaling factors m), written so that the residual
/// is in similarity units and its noise does not depend on the quality factors.

// Only ceres/cost_function.h: the other Ceres headers bring glog, whose CHECK macro would clash
// with the test framework's in every file that includes this one.
#include <ceres/cost_function.h>

#include <cstddef>

namespace zspace::nls {

/// Where the curve's knots sit: `knots` steps, knot k at the distance k / resolution.
struct CurveGrid {
  std::size_t knots = 0;
  double resolution = 1;
};

/// A pair i < j = i + span with ordered positions. Parameter blocks (all of size 1 except the
/// last): the thicknesses t_i .. t_{j-1} (z_j - z_i is their sum), q_i, q_j, then the K curve
/// steps as one block.
class OrderedPairCost final : public ceres::CostFunction {
 public:
  OrderedPairCost(double similarity, std::size_t span, CurveGrid grid);
  bool Evaluate(double const* const* parameters, double* residuals,
                double** jacobians) const override;

 private:
  double similarity_;
  std::size_t span_;
  CurveGrid grid_;
};

/// A pair with free positions. Parameter blocks: z_i, z_j, q_i, q_j (size 1 each), then the K
/// curve steps as one block.
class FreePairCost final : public ceres::CostFunction {
 public:
  FreePairCost(double similarity, CurveGrid grid);
  bool Evaluate(double const* const* parameters, double* residuals,
                double** jacobians) const override;

 private:
  double similarity_;
  CurveGrid grid_;
};

/// A Tikhonov prior sqrt(λ)·(x - 1) on one parameter: a quality factor, or a thickness of the
/// ordered parametrisation (1 = the nominal spacing).
class UnitPriorCost final : public ceres::CostFunction {
 public:
  explicit UnitPriorCost(double lambda);
  bool Evaluate(double const* const* parameters, double* residuals,
                double** jacobians) const override;

 private:
  double weight_;
};

/// The thickness prior of the free parametrisation: sqrt(λ)·(z_{i+1} - z_i - 1). Parameter
/// blocks: z_i, z_{i+1}.
class SpacingPriorCost final : public ceres::CostFunction {
 public:
  explicit SpacingPriorCost(double lambda);
  bool Evaluate(double const* const* parameters, double* residuals,
                double** jacobians) const override;

 private:
  double weight_;
};

}  // namespace zspace::nls
