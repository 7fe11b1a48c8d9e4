#include "core/robust_positions.hpp"

#include <Eigen/SparseCholesky>
#include <Eigen/SparseCore>
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/robust_stats.hpp"

namespace zspace::calibrated {
namespace {

using SparseMatrix = Eigen::SparseMatrix<double>;

// Solves the weighted least-squares problem for the unknowns z_1..z_{N-1} (z_0 = 0).
class NormalEquations {
 public:
  NormalEquations(std::size_t sections, const std::vector<PairDistance>& pairs, const RobustFitOptions& options)
      : n_(sections), pairs_(pairs), options_(options) {}

  std::vector<double> solve(const std::vector<double>& pair_weights) {
    const auto unknowns = static_cast<Eigen::Index>(n_ - 1);
    std::vector<Eigen::Triplet<double>> entries;
    entries.reserve(3 * (pairs_.size() + n_));
    Eigen::VectorXd rhs = Eigen::VectorXd::Zero(unknowns);
    // Residual z_j - z_i - d: adds w to (i,i), (j,j), -w to (i,j), (j,i); -w d to i, w d to j.
    const auto add = [&](std::size_t i, std::size_t j, double d, double w) {
      const auto a = static_cast<Eigen::Index>(i) - 1, b = static_cast<Eigen::Index>(j) - 1;
      if (a >= 0) {
        entries.emplace_back(a, a, w);
        entries.emplace_back(a, b, -w);
        entries.emplace_back(b, a, -w);
        rhs[a] -= w * d;
      }
      entries.emplace_back(b, b, w);
      rhs[b] += w * d;
    };
    for (std::size_t p = 0; p < pairs_.size(); ++p)
      if (pair_weights[p] > 0) add(pairs_[p].i, pairs_[p].j, pairs_[p].distance, pair_weights[p]);
    for (std::size_t i = 0; i + 1 < n_; ++i) add(i, i + 1, options_.prior_spacing, options_.prior_weight);

    SparseMatrix a(unknowns, unknowns);
    a.setFromTriplets(entries.begin(), entries.end());
    solver_.compute(a);
    if (solver_.info() != Eigen::Success)
      throw std::runtime_error("the position equations are singular");
    const Eigen::VectorXd x = solver_.solve(rhs);
    std::vector<double> z(n_, 0.0);
    for (Eigen::Index k = 0; k < unknowns; ++k) z[static_cast<std::size_t>(k) + 1] = x[k];
    return z;
  }

 private:
  std::size_t n_;
  const std::vector<PairDistance>& pairs_;
  const RobustFitOptions& options_;
  // Natural order keeps the band: the factor has no fill-in outside it.
  Eigen::SimplicialLDLT<SparseMatrix, Eigen::Lower, Eigen::NaturalOrdering<int>> solver_;
};

std::vector<double> residuals(const std::vector<PairDistance>& pairs, const std::vector<double>& z) {
  std::vector<double> r;
  r.reserve(pairs.size());
  for (const auto& p : pairs) r.push_back(z[p.j] - z[p.i] - p.distance);
  return r;
}

double largest_change(const std::vector<double>& a, const std::vector<double>& b) {
  double m = 0;
  for (std::size_t k = 0; k < a.size(); ++k) m = std::max(m, std::abs(a[k] - b[k]));
  return m;
}

}  // namespace

RobustFit fit_positions(std::size_t sections, const std::vector<PairDistance>& pairs,
                        const RobustFitOptions& options, const RoundCallback& round) {
  RobustFit fit;
  if (sections < 2) {
    fit.z.assign(sections, 0.0);
    fit.converged = true;
    return fit;
  }
  if (!(options.prior_weight > 0)) throw std::invalid_argument("the spacing prior needs a positive weight");
  NormalEquations equations(sections, pairs, options);
  std::vector<double> base(pairs.size()), weights(pairs.size());
  for (std::size_t p = 0; p < pairs.size(); ++p) base[p] = pairs[p].weight;
  fit.z = equations.solve(base);
  for (int it = 1; it <= options.max_iterations && !pairs.empty(); ++it) {
    const std::vector<double> r = residuals(pairs, fit.z);
    fit.huber_scale = std::max(options.huber * kMadToSigma * median_absolute_deviation(r), options.min_huber_scale);
    fit.downweighted = 0;
    for (std::size_t p = 0; p < pairs.size(); ++p) {
      const double size = std::abs(r[p]);
      const bool inside = size <= fit.huber_scale;
      weights[p] = inside ? base[p] : base[p] * fit.huber_scale / size;
      fit.downweighted += inside ? 0 : 1;
    }
    std::vector<double> z = equations.solve(weights);
    const double change = largest_change(z, fit.z);
    fit.z = std::move(z);
    fit.iterations = it;
    fit.last_change = change;
    if (round && !round(it, fit.z)) {
      fit.interrupted = true;
      break;
    }
    if (change < options.converged_change) {
      fit.converged = true;
      break;
    }
  }
  if (pairs.empty()) fit.converged = true;
  return fit;
}

}  // namespace zspace::calibrated
