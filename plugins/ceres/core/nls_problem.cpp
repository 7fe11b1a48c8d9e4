#include "core/nls_problem.hpp"

#include <ceres/loss_function.h>
#include <ceres/problem.h>

#include <algorithm>
#include <cmath>

#include "core/nls_curve.hpp"
#include "core/nls_residuals.hpp"

namespace zspace::nls {
namespace {

ceres::Problem::Options problem_options() {
  ceres::Problem::Options o;
  o.loss_function_ownership = ceres::DO_NOT_TAKE_OWNERSHIP;
  return o;
}

std::unique_ptr<ceres::LossFunction> make_loss(const Options& options) {
  switch (options.loss) {
    case Loss::huber: return std::make_unique<ceres::HuberLoss>(options.loss_scale);
    case Loss::cauchy: return std::make_unique<ceres::CauchyLoss>(options.loss_scale);
    case Loss::none: break;
  }
  return nullptr;
}

}  // namespace

LeastSquaresProblem::LeastSquaresProblem(const BandMatrix& band, const StartPoint& start,
                                         const Options& options)
    : ordered_(!options.allow_reordering),
      quality_(start.quality),
      steps_(steps_from_values(start.curve)),
      measured_(band.size(), false),
      loss_(make_loss(options)),
      problem_(std::make_unique<ceres::Problem>(problem_options())) {
  const std::size_t n = band.size();
  if (ordered_) {
    origin_ = n > 0 ? start.z[0] : 0.0;
    for (std::size_t i = 0; i + 1 < n; ++i)
      position_.push_back(std::max(start.z[i + 1] - start.z[i], options.min_section_thickness));
  } else {
    position_ = start.z;
  }
  add_pairs(band, options);
  add_thickness_prior(options.thickness_regularization);
  constrain(options);
}

LeastSquaresProblem::~LeastSquaresProblem() = default;

void LeastSquaresProblem::add_pairs(const BandMatrix& band, const Options& options) {
  const std::size_t n = band.size(), r = band.range();
  const CurveGrid grid{steps_.size(), static_cast<double>(options.curve_resolution)};
  std::vector<double*> blocks;
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = i + 1; j < n && j <= i + r; ++j) {
      const double m = band(i, j);
      if (!std::isfinite(m)) continue;
      blocks.clear();
      ceres::CostFunction* cost = nullptr;
      if (ordered_) {
        for (std::size_t k = i; k < j; ++k) blocks.push_back(&position_[k]);
        cost = new OrderedPairCost(m, j - i, grid);
      } else {
        blocks.push_back(&position_[i]);
        blocks.push_back(&position_[j]);
        cost = new FreePairCost(m, grid);
      }
      blocks.push_back(&quality_[i]);
      blocks.push_back(&quality_[j]);
      blocks.push_back(steps_.data());
      problem_->AddResidualBlock(cost, loss_.get(), blocks);
      measured_[i] = measured_[j] = true;
      ++pairs_;
    }
  }
  if (options.quality_regularization > 0)
    for (std::size_t i = 0; i < n; ++i)
      if (measured_[i])
        problem_->AddResidualBlock(new UnitPriorCost(options.quality_regularization), nullptr,
                                   &quality_[i]);
}

void LeastSquaresProblem::add_thickness_prior(double lambda) {
  if (lambda <= 0 || pairs_ == 0) return;
  if (ordered_) {
    for (double& t : position_)
      if (problem_->HasParameterBlock(&t))
        problem_->AddResidualBlock(new UnitPriorCost(lambda), nullptr, &t);
    return;
  }
  for (std::size_t i = 0; i + 1 < position_.size(); ++i)
    if (measured_[i] && measured_[i + 1])
      problem_->AddResidualBlock(new SpacingPriorCost(lambda), nullptr, &position_[i],
                                 &position_[i + 1]);
}

void LeastSquaresProblem::constrain(const Options& options) {
  if (pairs_ == 0) return;
  for (std::size_t k = 0; k < steps_.size(); ++k)
    problem_->SetParameterLowerBound(steps_.data(), static_cast<int>(k), 0.0);
  if (ordered_) {
    for (double& t : position_)
      if (problem_->HasParameterBlock(&t))
        problem_->SetParameterLowerBound(&t, 0, options.min_section_thickness);
  } else {
    const auto first = std::find(measured_.begin(), measured_.end(), true) - measured_.begin();
    problem_->SetParameterBlockConstant(&position_[static_cast<std::size_t>(first)]);
  }
}

std::vector<double> LeastSquaresProblem::z() const {
  if (!ordered_) return position_;
  std::vector<double> z(measured_.size(), origin_);
  for (std::size_t i = 0; i < position_.size(); ++i) z[i + 1] = z[i] + position_[i];
  return z;
}

}  // namespace zspace::nls
