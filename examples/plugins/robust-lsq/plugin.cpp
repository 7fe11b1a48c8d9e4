/// @file plugin.cpp
/// Example solver plugin `robust-lsq`: z positions by robust, smoothness-regularised least
/// squares on distances read off a median similarity-vs-distance curve.
///
///  1. curve: c(d) = median over i of S(i, i+d), d = 0..R, forced non-increasing (c(0) = 1);
///  2. each pair (i, j) inside max_offset whose similarity lies on the curve gives a distance
///     D_ij = c^-1(S_ij) (linear interpolation; pairs below the curve's tail carry no distance);
///  3. z minimises  sum w_ij (z_j - z_i - D_ij)^2 + smoothness * sum (t_k+1 - t_k)^2
///     (t_k = z_k+1 - z_k, the section thickness) with a very weak pull of every t_k towards the
///     starting spacing, so gaps without data stay defined; z_0 = 0 fixes the translation;
///  4. robust_iterations passes re-weight the pairs with Huber weights (scale from the median
///     absolute residual), so a few wrong similarities cannot drag the solution;
///  5. z is scaled so the first and last sections sit at 0 and N-1 (mean spacing 1).
/// The normal equations are banded (half-width max(R, 2)): memory O(N R), time O(N R^2).
///
/// Written only against the installed public headers; see docs/plugins.md.

#include <zspace/plugin.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <numeric>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace robust_lsq {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double median(std::vector<double> v) {
  if (v.empty()) return kNaN;
  const std::size_t mid = v.size() / 2;
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid), v.end());
  const double hi = v[mid];
  if (v.size() % 2 == 1) return hi;
  const double lo = *std::max_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid));
  return 0.5 * (lo + hi);
}

/// Symmetric positive-definite banded matrix with an in-place Cholesky solve.
class BandedSystem {
 public:
  BandedSystem(std::size_t n, std::size_t half_width)
      : n_(n), b_(half_width), a_(n * (half_width + 1), 0.0), rhs_(n, 0.0) {}

  /// Adds w * (sum_m coef_m * x_m - target)^2 to the objective. Index npos = fixed at 0.
  void add_term(const std::vector<std::pair<std::size_t, double>>& terms, double target, double w) {
    for (const auto& [i, ci] : terms) {
      if (i == npos) continue;
      rhs_[i] += w * ci * target;
      for (const auto& [j, cj] : terms)
        if (j != npos && j >= i) a_[i * (b_ + 1) + (j - i)] += w * ci * cj;
    }
  }

  /// Solves A x = rhs. Throws std::runtime_error if A is not positive definite.
  std::vector<double> solve() const {
    // L stored by rows: L(i, j) for j in [i - b, i] at l[i * (b + 1) + (j + b - i)].
    std::vector<double> l(n_ * (b_ + 1), 0.0);
    const auto L = [&](std::size_t i, std::size_t j) -> double& { return l[i * (b_ + 1) + (j + b_ - i)]; };
    const auto A = [&](std::size_t i, std::size_t j) { return a_[i * (b_ + 1) + (j - i)]; };  // i <= j
    for (std::size_t j = 0; j < n_; ++j) {
      const std::size_t lo_j = j > b_ ? j - b_ : 0;
      double d = A(j, j);
      for (std::size_t k = lo_j; k < j; ++k) d -= L(j, k) * L(j, k);
      if (!(d > 0)) throw std::runtime_error("robust-lsq: normal equations are not positive definite");
      L(j, j) = std::sqrt(d);
      for (std::size_t i = j + 1; i < std::min(n_, j + b_ + 1); ++i) {
        const std::size_t lo_i = i > b_ ? i - b_ : 0;
        double s = A(j, i);
        for (std::size_t k = lo_i; k < j; ++k) s -= L(i, k) * L(j, k);
        L(i, j) = s / L(j, j);
      }
    }
    std::vector<double> x(rhs_);
    for (std::size_t i = 0; i < n_; ++i) {
      for (std::size_t k = i > b_ ? i - b_ : 0; k < i; ++k) x[i] -= L(i, k) * x[k];
      x[i] /= L(i, i);
    }
    for (std::size_t i = n_; i-- > 0;) {
      for (std::size_t k = i + 1; k < std::min(n_, i + b_ + 1); ++k) x[i] -= L(k, i) * x[k];
      x[i] /= L(i, i);
    }
    return x;
  }

  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

 private:
  std::size_t n_, b_;
  std::vector<double> a_;  // upper band: A(i, i + k) at a_[i * (b + 1) + k]
  std::vector<double> rhs_;
};

struct Settings {
  std::size_t max_offset = 0;  // 0 = the band's range
  double smoothness = 1.0;
  int robust_iterations = 5;
};

/// A measured distance between two sections.
struct Pair {
  std::size_t i, j;  // i < j
  double distance;
};

class RobustLsq final : public zspace::Solver {
 public:
  explicit RobustLsq(Settings settings) : settings_(settings) {}

  zspace::Solution solve(const zspace::SolverInput& input, zspace::SolverObserver& observer) const override {
    if (input.band == nullptr) throw std::runtime_error("robust-lsq: no similarity band given");
    const zspace::BandMatrix& band = *input.band;
    const std::size_t n = band.size(), r = band.range();
    if (n < 2) throw std::runtime_error("robust-lsq: at least 2 sections are needed, got " + std::to_string(n));
    std::vector<double> start = input.start_z;
    if (start.empty()) {
      start.resize(n);
      std::iota(start.begin(), start.end(), 0.0);
    }
    if (start.size() != n)
      throw std::runtime_error("robust-lsq: " + std::to_string(start.size()) + " starting positions for " +
                               std::to_string(n) + " sections");

    // 1. Median similarity per distance, forced non-increasing.
    std::vector<double> curve(r + 1, 1.0);
    for (std::size_t d = 1; d <= r; ++d) {
      std::vector<double> samples;
      for (std::size_t i = 0; i + d < n; ++i)
        if (const double s = band(i, i + d); std::isfinite(s)) samples.push_back(s);
      const double m = median(std::move(samples));
      curve[d] = std::isnan(m) ? curve[d - 1] : std::min(m, curve[d - 1]);
    }

    // 2. Distances of the pairs that lie on the curve.
    const std::size_t reach = settings_.max_offset == 0 ? r : std::min(r, settings_.max_offset);
    std::vector<Pair> pairs;
    std::size_t off_curve = 0;
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t j = i + 1; j < n && j - i <= reach; ++j) {
        const double s = band(i, j);
        if (!std::isfinite(s)) continue;
        const double dist = inverse(curve, s);
        if (std::isnan(dist)) {
          ++off_curve;
          continue;
        }
        pairs.push_back({i, j, dist});
      }
    }

    // 3./4. Weighted least squares, re-weighted robust_iterations times.
    const int passes = settings_.robust_iterations + 1;
    observer.started(passes);
    std::vector<double> weights(pairs.size(), 1.0);
    std::vector<double> z = start;
    double scale = 0;
    int done = 0;
    std::string termination = "completed " + std::to_string(passes) + " least-squares passes";
    for (int pass = 0; pass < passes; ++pass) {
      z = least_squares(n, std::max<std::size_t>(reach, 2), pairs, weights, start);
      ++done;
      if (!observer.iteration(pass, z)) {
        termination = "stopped on request after " + std::to_string(done) + " passes";
        break;
      }
      std::vector<double> abs_residual(pairs.size());
      for (std::size_t p = 0; p < pairs.size(); ++p)
        abs_residual[p] = std::abs(z[pairs[p].j] - z[pairs[p].i] - pairs[p].distance);
      scale = 1.4826 * median(abs_residual);
      if (!(scale > 0)) break;  // exact fit (or no pairs): nothing to re-weight
      const double k = 1.345 * scale;  // Huber threshold
      for (std::size_t p = 0; p < pairs.size(); ++p)
        weights[p] = abs_residual[p] <= k ? 1.0 : k / abs_residual[p];
    }

    // 5. First and last section at 0 and N-1.
    const double span = z.back() - z.front();
    if (span > 0) {
      const double z0 = z.front(), f = static_cast<double>(n - 1) / span;
      for (double& v : z) v = (v - z0) * f;
    }

    zspace::Solution solution;
    solution.quality = quality(band, reach, curve, z);
    solution.z = std::move(z);
    solution.curve = curve;
    solution.iterations = done;
    solution.termination = termination;
    solution.diagnostics = {{"pairs_used", static_cast<double>(pairs.size())},
                            {"pairs_off_curve", static_cast<double>(off_curve)},
                            {"robust_scale", scale}};
    return solution;
  }

 private:
  // Distance at which the curve falls to s (NaN if s is below the curve's last sample, where
  // the curve says nothing about distance).
  static double inverse(const std::vector<double>& curve, double s) {
    if (s >= curve[0]) return 0.0;
    for (std::size_t d = 1; d < curve.size(); ++d)
      if (curve[d] <= s) {
        const double hi = curve[d - 1], lo = curve[d];
        return static_cast<double>(d - 1) + (hi - s) / (hi - lo);  // hi > s >= lo
      }
    return kNaN;
  }

  // The curve at a real distance (linear; its last value beyond the band).
  static double curve_at(const std::vector<double>& curve, double distance) {
    if (distance <= 0) return curve[0];
    const std::size_t d = static_cast<std::size_t>(distance);
    if (d + 1 >= curve.size()) return curve.back();
    const double f = distance - static_cast<double>(d);
    return (1 - f) * curve[d] + f * curve[d + 1];
  }

  std::vector<double> least_squares(std::size_t n, std::size_t half_width, const std::vector<Pair>& pairs,
                                    const std::vector<double>& weights, const std::vector<double>& start) const {
    // Unknowns z_1..z_{N-1} (index k-1); z_0 = 0 is fixed.
    constexpr std::size_t fixed = BandedSystem::npos;
    const auto var = [&](std::size_t k) { return k == 0 ? fixed : k - 1; };
    BandedSystem system(n - 1, half_width);
    for (std::size_t p = 0; p < pairs.size(); ++p)
      system.add_term({{var(pairs[p].i), -1.0}, {var(pairs[p].j), 1.0}}, pairs[p].distance, weights[p]);
    constexpr double kPrior = 1e-4;  // keeps gaps without any measured pair at the start spacing
    for (std::size_t k = 0; k + 1 < n; ++k)
      system.add_term({{var(k), -1.0}, {var(k + 1), 1.0}}, start[k + 1] - start[k], kPrior);
    if (settings_.smoothness > 0)
      for (std::size_t k = 0; k + 2 < n; ++k)
        system.add_term({{var(k), 1.0}, {var(k + 1), -2.0}, {var(k + 2), 1.0}}, 0.0, settings_.smoothness);
    const std::vector<double> x = system.solve();
    std::vector<double> z(n, 0.0);
    for (std::size_t k = 1; k < n; ++k) z[k] = x[k - 1];
    return z;
  }

  // Quality per section: median of expected / measured similarity over its pairs (1 = as
  // similar to its neighbours as the curve predicts; larger = less similar).
  static std::vector<double> quality(const zspace::BandMatrix& band, std::size_t reach,
                                     const std::vector<double>& curve, const std::vector<double>& z) {
    const std::size_t n = z.size();
    std::vector<double> q(n, 1.0);
    for (std::size_t i = 0; i < n; ++i) {
      std::vector<double> ratios;
      const std::size_t first = i > reach ? i - reach : 0;
      for (std::size_t j = first; j < n && j <= i + reach; ++j) {
        const double s = band(i, j);
        if (j == i || !std::isfinite(s) || s <= 0) continue;
        ratios.push_back(curve_at(curve, std::abs(z[j] - z[i])) / s);
      }
      if (const double m = median(std::move(ratios)); std::isfinite(m) && m > 0) q[i] = m;
    }
    return q;
  }

  Settings settings_;
};

}  // namespace

const zspace::PluginDescriptor& descriptor() {
  static const zspace::PluginDescriptor d = [] {
    zspace::PluginDescriptor desc;
    desc.kind = zspace::PluginKind::solver;
    desc.name = "robust-lsq";
    desc.version = "1.0.0";
    desc.summary = "Robust least squares on distances read off the median similarity curve, with "
                   "smooth thickness";
    desc.parameters = {
        zspace::ParamSpec::real("smoothness", 1.0, 0, 1e6,
                                "Weight of the penalty on thickness changes between neighbouring "
                                "sections; 0 = none. Raise it for noisy data, lower it to follow "
                                "abrupt thickness changes."),
        zspace::ParamSpec::integer("robust_iterations", 5, 0, 100,
                                   "Re-weighting passes with Huber weights after the first fit; "
                                   "0 = plain least squares."),
        zspace::ParamSpec::integer("max_offset", 0, 0, 1e6,
                                   "Use only pairs at most this many sections apart; 0 = every "
                                   "pair in the band.")
            .as_advanced(),
    };
    return desc;
  }();
  return d;
}

std::unique_ptr<zspace::Solver> create(const zspace::Params& params) {
  Settings s;
  s.smoothness = params.get_real("smoothness");
  s.robust_iterations = static_cast<int>(params.get_int("robust_iterations"));
  s.max_offset = static_cast<std::size_t>(params.get_int("max_offset"));
  return std::make_unique<RobustLsq>(s);
}

}  // namespace robust_lsq

ZSPACE_SOLVER_PLUGIN(robust_lsq::descriptor, robust_lsq::create)
