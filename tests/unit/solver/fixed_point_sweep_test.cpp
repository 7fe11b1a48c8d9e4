// The scaling-factor sweeps (ALGORITHM.md §3.3 step 2) run as a pipelined wavefront on up to
// two threads. They must reproduce a plain sequential Gauss–Seidel bit for bit, for any thread
// count: checked against a straightforward reference implementation below.
#include <doctest/doctest.h>

#include <tbb/global_control.h>

#include <cmath>
#include <cstddef>
#include <limits>
#include <algorithm>
#include <utility>
#include <vector>

#include "core/curve.hpp"
#include "core/scaling_factors.hpp"
#include "core/sorted_view.hpp"
#include "fixed_point_test_util.hpp"

namespace zspace::fixed_point {
namespace {

/// Plain sequential sweeps: p = 0..N-1 in order, K times, updating m in place. The sums use the
/// estimator's documented order (four lanes over the 2R candidate offsets -R..-1, 1..R, padded
/// to a multiple of four, lane l taking the entries with index ≡ l mod 4, combined as
/// (l0 + l1) + (l2 + l3)), so the comparison can be exact.
std::vector<double> reference_sweeps(const SortedBand& band, const std::vector<double>& chat,
                                     const CurveSet& curves, int sweeps, double lambda,
                                     QualityPrior prior, std::vector<double> m) {
  const std::size_t n = chat.size();
  const std::size_t r = band.range();
  const std::size_t entries = 2 * r;
  const std::size_t padded = (entries + 3) / 4 * 4;
  std::vector<double> f(r + 1);
  for (int s = 0; s < sweeps; ++s) {
    for (std::size_t p = 0; p < n; ++p) {
      curves.row_curve(p, f.data());
      double num[4] = {}, den[4] = {};
      for (std::size_t i = 0; i < padded; ++i) {
        // Entry i is offset i - R below the diagonal and i - R + 1 from it on.
        const std::size_t col = i < r ? i : i + 1;  // column in the band row, -R..R -> 0..2R
        const auto q = static_cast<std::ptrdiff_t>(p + col) - static_cast<std::ptrdiff_t>(r);
        double sim = 0.0, rho = 0.0, mq = 0.0;
        if (i < entries && q >= 0 && q < static_cast<std::ptrdiff_t>(n)) {
          const auto qu = static_cast<std::size_t>(q);
          rho = interpolate_curve(f.data(), r, std::abs(chat[qu] - chat[p]));
          sim = band.row(p)[col];
          mq = m[qu];
          if (!(std::isfinite(rho) && std::isfinite(sim) && sim > 0.0)) sim = rho = 0.0;
        }
        const double x = mq * sim;
        num[i % 4] += x * rho;
        den[i % 4] += x * x;
      }
      const double ratio = ((num[0] + num[1]) + (num[2] + num[3])) /
                           ((den[0] + den[1]) + (den[2] + den[3]));
      const double target = prior == QualityPrior::one ? 1.0 : m[p];
      const double v = (1.0 - lambda) * ratio + lambda * target;
      if (!std::isnan(v)) m[p] = v;
    }
  }
  return m;
}

struct SweepCase {
  std::size_t n;
  std::size_t r;
  std::vector<double> chat;
  SortedBand band;
  std::vector<double> m0;

  SweepCase(std::size_t n_, std::size_t r_) : n(n_), r(r_) {
    const std::vector<double> z = testing::irregular_z(n);
    BandMatrix full = testing::exponential_band(z, r);
    // Some missing and non-positive entries, so candidates get dropped.
    for (std::size_t i = 0; i + 3 < n; i += 97) full.set(i, i + 3, std::nan(""));
    for (std::size_t i = 0; i + 1 < n; i += 131) full.set(i, i + 1, -0.5);
    // A non-trivial sorted order and coordinates that are not integers.
    std::vector<std::size_t> order(n);
    for (std::size_t i = 0; i < n; ++i) order[i] = i;
    for (std::size_t i = 5; i + 1 < n; i += 50) std::swap(order[i], order[i + 1]);
    band.assign(full, order);
    chat.resize(n);
    for (std::size_t p = 0; p < n; ++p) chat[p] = 0.9 * z[order[p]] + 0.01 * std::sin(0.1 * static_cast<double>(p));
    std::sort(chat.begin(), chat.end());
    m0.resize(n);
    for (std::size_t p = 0; p < n; ++p) m0[p] = 1.0 + 0.2 * std::sin(0.05 * static_cast<double>(p));
  }

  CurveSet curves(bool local) const {
    CurveFitter fitter;
    CurveSet out;
    fitter.fit(band, chat, m0, false, local ? 4 : 1, out);
    return out;
  }
};

void check_identical(const std::vector<double>& a, const std::vector<double>& b) {
  REQUIRE(a.size() == b.size());
  std::size_t differing = 0;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (!(a[i] == b[i])) ++differing;
  CHECK(differing == 0);
}

TEST_CASE("scaling-factor sweeps: pipelined wavefront equals plain sequential Gauss-Seidel") {
  for (const std::size_t r : {std::size_t{3}, std::size_t{10}}) {
    const SweepCase c(6000, r);  // large enough for the two-thread pipeline
    for (const bool local : {false, true}) {
      const CurveSet curves = c.curves(local);
      for (const int sweeps : {1, 2, 3, 10, 25}) {
        for (const QualityPrior prior : {QualityPrior::one, QualityPrior::previous}) {
          CAPTURE(r);
          CAPTURE(local);
          CAPTURE(sweeps);
          const std::vector<double> expected =
              reference_sweeps(c.band, c.chat, curves, sweeps, 0.1, prior, c.m0);
          std::vector<double> parallel = c.m0;
          ScalingFactorEstimator().estimate(c.band, c.chat, curves, sweeps, 0.1, prior, parallel);
          check_identical(parallel, expected);
          std::vector<double> single = c.m0;
          {
            tbb::global_control one(tbb::global_control::max_allowed_parallelism, 1);
            ScalingFactorEstimator().estimate(c.band, c.chat, curves, sweeps, 0.1, prior, single);
          }
          check_identical(single, expected);
        }
      }
    }
  }
}

TEST_CASE("scaling-factor sweeps: small stacks and reuse of one estimator") {
  ScalingFactorEstimator estimator;  // scratch buffers carried across calls of different sizes
  for (const std::size_t n : {std::size_t{2}, std::size_t{7}, std::size_t{300}, std::size_t{2500}}) {
    const SweepCase c(n, 5);
    const CurveSet curves = c.curves(false);
    CAPTURE(n);
    const std::vector<double> expected =
        reference_sweeps(c.band, c.chat, curves, 10, 0.1, QualityPrior::one, c.m0);
    std::vector<double> m = c.m0;
    estimator.estimate(c.band, c.chat, curves, 10, 0.1, QualityPrior::one, m);
    check_identical(m, expected);
  }
}

}  // namespace
}  // namespace zspace::fixed_point
