#include "core/nls_residuals.hpp"

#include <cmath>

#include "core/nls_curve.hpp"

namespace zspace::nls {
namespace {

/// r = M - f(d)/(q_i q_j) and its partial derivatives.
struct PairTerm {
  double residual = 0;
  double d_distance = 0;  ///< ∂r/∂d
  double d_qi = 0;
  double d_qj = 0;
  CurveSample curve;
  double inverse = 0;     ///< 1/(q_i q_j): ∂r/∂f = -inverse
};

/// False where the model is undefined (a quality factor at or below 0): Ceres then rejects the
/// step instead of following a division by zero.
bool pair_term(double similarity, double d, double qi, double qj, const double* steps,
               const CurveGrid& grid, PairTerm& t) {
  const double qq = qi * qj;
  if (!(qi > 0 && qj > 0 && std::isfinite(qq))) return false;
  t.curve = sample_curve(steps, grid.knots, d * grid.resolution);
  t.inverse = 1.0 / qq;
  const double predicted = t.curve.value * t.inverse;
  t.residual = similarity - predicted;
  t.d_distance = -t.curve.slope * grid.resolution * t.inverse;
  t.d_qi = predicted / qi;
  t.d_qj = predicted / qj;
  return std::isfinite(t.residual);
}

/// ∂r/∂steps: f falls by every step before the segment and by a fraction of the segment's own.
void curve_jacobian(const PairTerm& t, std::size_t knots, double* out) {
  for (std::size_t l = 0; l < knots; ++l) {
    if (l < t.curve.segment) out[l] = t.inverse;
    else if (l == t.curve.segment) out[l] = t.inverse * t.curve.fraction;
    else out[l] = 0.0;
  }
}

}  // namespace

OrderedPairCost::OrderedPairCost(double similarity, std::size_t span, CurveGrid grid)
    : similarity_(similarity), span_(span), grid_(grid) {
  set_num_residuals(1);
  auto& sizes = *mutable_parameter_block_sizes();
  sizes.assign(span + 2, 1);
  sizes.push_back(static_cast<int>(grid.knots));
}

bool OrderedPairCost::Evaluate(double const* const* parameters, double* residuals,
                               double** jacobians) const {
  double d = 0;
  for (std::size_t k = 0; k < span_; ++k) d += parameters[k][0];
  PairTerm t;
  if (!pair_term(similarity_, d, parameters[span_][0], parameters[span_ + 1][0],
                 parameters[span_ + 2], grid_, t))
    return false;
  residuals[0] = t.residual;
  if (jacobians == nullptr) return true;
  for (std::size_t k = 0; k < span_; ++k)
    if (jacobians[k]) jacobians[k][0] = t.d_distance;
  if (jacobians[span_]) jacobians[span_][0] = t.d_qi;
  if (jacobians[span_ + 1]) jacobians[span_ + 1][0] = t.d_qj;
  if (jacobians[span_ + 2]) curve_jacobian(t, grid_.knots, jacobians[span_ + 2]);
  return true;
}

FreePairCost::FreePairCost(double similarity, CurveGrid grid)
    : similarity_(similarity), grid_(grid) {
  set_num_residuals(1);
  auto& sizes = *mutable_parameter_block_sizes();
  sizes.assign(4, 1);
  sizes.push_back(static_cast<int>(grid.knots));
}

bool FreePairCost::Evaluate(double const* const* parameters, double* residuals,
                            double** jacobians) const {
  const double delta = parameters[1][0] - parameters[0][0];
  PairTerm t;
  if (!pair_term(similarity_, std::abs(delta), parameters[2][0], parameters[3][0],
                 parameters[4], grid_, t))
    return false;
  residuals[0] = t.residual;
  if (jacobians == nullptr) return true;
  // |z_j - z_i| has a kink where the two sections meet; the sign picks one side.
  const double sign = delta >= 0 ? 1.0 : -1.0;
  if (jacobians[0]) jacobians[0][0] = -sign * t.d_distance;
  if (jacobians[1]) jacobians[1][0] = sign * t.d_distance;
  if (jacobians[2]) jacobians[2][0] = t.d_qi;
  if (jacobians[3]) jacobians[3][0] = t.d_qj;
  if (jacobians[4]) curve_jacobian(t, grid_.knots, jacobians[4]);
  return true;
}

UnitPriorCost::UnitPriorCost(double lambda) : weight_(std::sqrt(lambda)) {
  set_num_residuals(1);
  mutable_parameter_block_sizes()->assign(1, 1);
}

bool UnitPriorCost::Evaluate(double const* const* parameters, double* residuals,
                             double** jacobians) const {
  residuals[0] = weight_ * (parameters[0][0] - 1.0);
  if (jacobians && jacobians[0]) jacobians[0][0] = weight_;
  return true;
}

SpacingPriorCost::SpacingPriorCost(double lambda) : weight_(std::sqrt(lambda)) {
  set_num_residuals(1);
  mutable_parameter_block_sizes()->assign(2, 1);
}

bool SpacingPriorCost::Evaluate(double const* const* parameters, double* residuals,
                                double** jacobians) const {
  residuals[0] = weight_ * (parameters[1][0] - parameters[0][0] - 1.0);
  if (jacobians) {
    if (jacobians[0]) jacobians[0][0] = -weight_;
    if (jacobians[1]) jacobians[1][0] = weight_;
  }
  return true;
}

}  // namespace zspace::nls
