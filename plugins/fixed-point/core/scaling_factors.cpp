#include "core/scaling_factors.hpp"

#include <algorithm>
#include <cmath>

#include "core/parallel.hpp"

namespace zspace::fixed_point {
namespace {

inline bool usable(double similarity, double rho) {
  return std::isfinite(rho) && std::isfinite(similarity) && similarity > 0.0;
}

/// Table row stride: 2R+1 rounded up to the lane count, zero-padded, so the sweep's dot products
/// run in fixed-width lanes the compiler vectorises.
constexpr std::size_t kLanes = 4;
inline std::size_t stride_of(std::size_t width) { return (width + kLanes - 1) / kLanes * kLanes; }

}  // namespace

void ScalingFactorEstimator::tabulate(const SortedBand& band, const std::vector<double>& chat,
                                      const CurveSet& curves) {
  const std::size_t n = chat.size();
  const std::size_t r = band.range();
  const std::size_t w = stride_of(band.width());
  table_.resize(n * 2 * w);
  const auto rs = static_cast<std::ptrdiff_t>(r);
  const auto ns = static_cast<std::ptrdiff_t>(n);
  const bool symmetric = curves.is_global();
  for_each_block(n, [&](std::size_t, std::size_t begin, std::size_t end) {
    std::vector<double> f(r + 1);
    for (std::size_t p = begin; p < end; ++p) {
      curves.row_curve(p, f.data());
      double* sim = table_.data() + p * 2 * w;
      double* rho = sim + w;
      const double* mrow = band.row(p);
      const auto ps = static_cast<std::ptrdiff_t>(p);
      sim[r] = rho[r] = 0.0;  // q = p is not a candidate
      std::fill(sim + band.width(), sim + w, 0.0);
      std::fill(rho + band.width(), rho + w, 0.0);
      // With one global curve ρ is symmetric: the lower half is mirrored in a second pass.
      for (std::ptrdiff_t o = symmetric ? 1 : -rs; o <= rs; ++o) {
        if (o == 0) continue;
        const std::ptrdiff_t q = ps + o;
        double s = 0.0, t = 0.0;
        if (q >= 0 && q < ns) {
          t = interpolate_curve(f.data(), r, std::abs(chat[static_cast<std::size_t>(q)] - chat[p]));
          s = mrow[rs + o];
          if (!usable(s, t)) s = t = 0.0;
        }
        sim[rs + o] = s;
        rho[rs + o] = t;
      }
    }
  });
  if (!symmetric) return;
  for_each_block(n, [&](std::size_t, std::size_t begin, std::size_t end) {
    for (std::size_t p = begin; p < end; ++p) {
      double* sim = table_.data() + p * 2 * w;
      double* rho = sim + w;
      for (std::size_t d = 1; d <= r; ++d) {
        if (d > p) {
          sim[r - d] = rho[r - d] = 0.0;
          continue;
        }
        // Row p - d holds the pair at offset +d. M̂ is symmetric because M is.
        const double* other = table_.data() + (p - d) * 2 * w;
        sim[r - d] = other[r + d];
        rho[r - d] = other[w + r + d];
      }
    }
  });
}

void ScalingFactorEstimator::estimate(const SortedBand& band, const std::vector<double>& chat,
                                      const CurveSet& curves, int sweeps, double lambda,
                                      QualityPrior prior, std::vector<double>& m) {
  const std::size_t n = chat.size();
  if (sweeps <= 0 || n < 2) return;
  const std::size_t r = band.range();
  const std::size_t w = stride_of(band.width());
  tabulate(band, chat, curves);
  padded_.assign(n + r + w, 0.0);
  std::copy(m.begin(), m.end(), padded_.begin() + static_cast<std::ptrdiff_t>(r));

  const double keep = 1.0 - lambda;
  const bool towards_one = prior == QualityPrior::one;
  const double* table = table_.data();
  double* mp = padded_.data();
  auto update = [&](std::size_t p) {
    const double* sim = table + p * 2 * w;
    const double* rho = sim + w;
    const double* mq = mp + p;  // mq[r + o] = m_{p+o}
    // Fixed lane-wise summation order: vectorisable, and the same for any thread count.
    double num_lane[kLanes] = {}, den_lane[kLanes] = {};
    for (std::size_t k = 0; k < w; k += kLanes) {
      for (std::size_t l = 0; l < kLanes; ++l) {
        const double x = mq[k + l] * sim[k + l];
        num_lane[l] += x * rho[k + l];
        den_lane[l] += x * x;
      }
    }
    const double num = (num_lane[0] + num_lane[1]) + (num_lane[2] + num_lane[3]);
    const double den = (den_lane[0] + den_lane[1]) + (den_lane[2] + den_lane[3]);
    const double target = towards_one ? 1.0 : mq[r];
    const double v = keep * (num / den) + lambda * target;
    if (!std::isnan(v)) mp[p + r] = v;
  };

  // Wavefront (see header): sweep s handles row τ - s·lag at step τ; lag = R + 1 keeps the K
  // updates of one step independent and each one's inputs identical to sequential order.
  const std::size_t lag = r + 1;
  const auto k = static_cast<std::size_t>(sweeps);
  const std::size_t steps = n + (k - 1) * lag;
  for (std::size_t tau = 0; tau < steps; ++tau) {
    const std::size_t s_first = tau >= n ? (tau - n) / lag + 1 : 0;
    const std::size_t s_last = std::min(k - 1, tau / lag);
    for (std::size_t s = s_first; s <= s_last; ++s) update(tau - s * lag);
  }
  std::copy_n(padded_.begin() + static_cast<std::ptrdiff_t>(r), n, m.begin());
}

}  // namespace zspace::fixed_point
