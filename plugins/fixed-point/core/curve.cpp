#include "core/curve.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/parallel.hpp"
#include "core/sorted_view.hpp"

namespace zspace::fixed_point {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Which local curves a sample of sorted row p feeds (ALGORITHM.md §3.3 step 1, local fit).
/// Reproduces §8.11: an interior sample goes to both neighbouring curves with full weight.
struct CurveSlots {
  std::size_t first;
  std::size_t count;  // 1 or 2
};

CurveSlots slots_of_row(std::size_t p, std::size_t window, std::size_t curves) {
  if (curves <= 1) return {0, 1};
  const double u = static_cast<double>(p) / static_cast<double>(window) - 1.0;
  if (u <= 0.0) return {0, 1};
  if (u >= static_cast<double>(curves - 1)) return {curves - 1, 1};
  return {static_cast<std::size_t>(u), 2};
}

/// Row p of Ŝ over the band, srow[R + o] = Ŝ_{p,p+o} (o = -R..R), and a NaN guard srow[2R+1];
/// computed once per row: each entry is read by up to four samples. Ŝ_pq = m_p m_q M̂_pq,
/// Ŝ_pp = M̂_pp; M̂ is NaN outside [0, N).
inline void scaled_row(const SortedBand& band, const std::vector<double>& m, std::size_t p,
                       double* srow) {
  const std::size_t r = band.range();
  const std::size_t n = m.size();
  const double* mrow = band.row(p);
  if (p >= r && p + r < n) {  // interior row: one straight (vectorisable) loop
    const double mp = m[p];
    const double* mq = m.data() + (p - r);
    for (std::size_t i = 0; i <= 2 * r; ++i) srow[i] = mp * mq[i] * mrow[i];
  } else {
    for (std::size_t o = 1; o <= r; ++o) {
      srow[r + o] = p + o < n ? m[p] * m[p + o] * mrow[r + o] : kNaN;
      srow[r - o] = o <= p ? m[p] * m[p - o] * mrow[r - o] : kNaN;
    }
  }
  srow[r] = mrow[r];
  srow[2 * r + 1] = kNaN;  // guard: the column past the band
}

/// Ŝ~ at u = col + t along row p, col = column offset + R in srow (0..2R), NaN-aware (§4 fix):
/// a zero-weight corner is not read. srow[2R + 1] is a NaN guard (the column past the band).
/// On integer coordinates this is exactly the nearest-neighbour sampling the Java code switches
/// to for the identity.
inline double sample(const double* srow, std::size_t col, double t) {
  if (t == 0.0) return srow[col];
  return (1.0 - t) * srow[col] + t * srow[col + 1];
}

/// Accepts a sample per the rules of step 1 and records it for curve distance k.
inline bool accept(double a, bool monotone, double& last) {
  if (!(a > 0.0)) return false;  // also rejects NaN
  if (monotone) {
    if (!(a < last)) return false;
    last = a;
  }
  return true;
}

/// Samples of sorted row p at distances k = 0..R in both directions: emit(k, a) for each
/// accepted sample, first the forward ones in k order, then the backward ones in k order.
/// L^-1 is evaluated with walking pointers: the targets ĉ_p ± k are monotone in k.
/// inv_gap[j] = 1 / (ĉ_{j+1} - ĉ_j), tabulated once per fit: no division per sample.
/// cp: ĉ with sentinels, cp[-1] = -inf and cp[N] = +inf, so the walks need no bounds checks.
/// (Branch-free walk steps were tried: slower, they turn the walk into a load-latency chain.)
template <class Emit>
void sample_row(const SortedBand& band, const std::vector<double>& chat, const double* cp,
                const std::vector<double>& m, const double* inv_gap, std::size_t p,
                bool monotone, double* srow, Emit&& emit) {
  const std::size_t n = chat.size();
  const std::size_t r = band.range();
  scaled_row(band, m, p, srow);
  const double c = chat[p];
  // Forward: j = largest index with ĉ_j <= x.
  double last = std::numeric_limits<double>::infinity();
  auto js = static_cast<std::ptrdiff_t>(p);
  for (std::size_t k = 0; k <= r; ++k) {
    const double x = c + static_cast<double>(k);
    while (cp[js + 1] <= x) ++js;  // cp[N] = +inf stops at N-1
    const auto j = static_cast<std::size_t>(js);
    // Past the band (column j > p + R) every sample is missing, here and further on.
    if (j > p + r) break;
    double a;
    if (x == chat[j]) {
      a = sample(srow, j - p + r, 0.0);
    } else if (j + 1 < n) {
      a = sample(srow, j - p + r, (x - chat[j]) * inv_gap[j]);
    } else {
      break;  // beyond ĉ_{N-1}: L^-1 = +inf, this and all further samples are missing
    }
    if (accept(a, monotone, last)) emit(k, a);
  }
  // Backward: j = largest index with ĉ_j <= x, walking down from p.
  last = std::numeric_limits<double>::infinity();
  std::ptrdiff_t i = static_cast<std::ptrdiff_t>(p);
  for (std::size_t k = 0; k <= r; ++k) {
    const double x = c - static_cast<double>(k);
    while (cp[i] > x) --i;  // cp[-1] = -inf stops at -1
    if (i < 0) break;       // below ĉ_0: L^-1 = -inf, this and all further samples are missing
    const auto ju = static_cast<std::size_t>(i);
    // Below the band (column ju < p - R) every sample is missing, here and further on: the
    // corner ju is read (or weighted) and is NaN.
    if (ju + r < p) break;
    // Here ĉ_{i+1} > x (or x == ĉ_i), so the gap is positive even with ties.
    const std::size_t col = ju + r - p;
    const double a = x == chat[ju] ? sample(srow, col, 0.0)
                                   : sample(srow, col, (x - chat[ju]) * inv_gap[ju]);
    if (accept(a, monotone, last)) emit(k, a);
  }
}

}  // namespace

CurveSet CurveSet::global(std::vector<double> f) {
  CurveSet s;
  s.range_ = f.empty() ? 0 : f.size() - 1;
  if (!f.empty()) f[0] = 1.0;
  s.average_ = std::move(f);
  return s;
}

void CurveSet::row_curve(std::size_t p, double* out) const {
  const std::size_t len = range_ + 1;
  if (is_global()) {
    std::copy_n(average_.data(), len, out);
    return;
  }
  // Linear interpolation between local curves at u = p / r_w - 1, border extension.
  const double u = static_cast<double>(p) / static_cast<double>(window_) - 1.0;
  if (u <= 0.0 || u >= static_cast<double>(count_ - 1)) {
    std::copy_n(local(u <= 0.0 ? 0 : count_ - 1), len, out);
    return;
  }
  const auto l = static_cast<std::size_t>(u);
  const double t = u - static_cast<double>(l);
  const double* a = local(l);
  if (t == 0.0) {
    std::copy_n(a, len, out);
    return;
  }
  const double* b = local(l + 1);
  for (std::size_t k = 0; k < len; ++k) out[k] = (1.0 - t) * a[k] + t * b[k];
  out[0] = 1.0;
}

void CurveFitter::fit(const SortedBand& band, const std::vector<double>& chat,
                      const std::vector<double>& m, bool force_monotonicity,
                      std::int64_t local_windows, CurveSet& out) {
  const std::size_t n = chat.size();
  const std::size_t r = band.range();
  const std::size_t len = r + 1;
  out.range_ = r;
  // Window radius as Fiji computes it: r_w = N / n_loc; values < 1 mean N (global).
  std::size_t window = n;
  if (local_windows >= 2) {
    window = n / static_cast<std::size_t>(local_windows);
    if (window < 1) window = n;
  }
  const std::size_t curves = local_windows >= 2 ? std::max<std::size_t>(n / window, 1) : 1;
  out.count_ = curves;
  out.window_ = window;

  // Per block: [global sums | global weights | local (sums | weights) for its curve range].
  const std::size_t blocks = block_count(n);
  partials_.resize(blocks);
  std::vector<std::size_t> first_curve(blocks);
  for (std::size_t b = 0; b < blocks; ++b) {
    const std::size_t begin = b * kRowBlock;
    const std::size_t end = std::min(n, begin + kRowBlock);
    const CurveSlots lo = slots_of_row(begin, window, curves);
    const CurveSlots hi = slots_of_row(end - 1, window, curves);
    first_curve[b] = lo.first;
    const std::size_t span = curves > 1 ? hi.first + hi.count - lo.first : 0;
    partials_[b].assign(2 * len * (1 + span), 0.0);
  }
  inv_gap_.resize(n);
  padded_.resize(n + 2);
  padded_.front() = -std::numeric_limits<double>::infinity();
  padded_.back() = std::numeric_limits<double>::infinity();
  for_each_block(n, [&](std::size_t, std::size_t begin, std::size_t end) {
    for (std::size_t j = begin; j < end; ++j) {
      inv_gap_[j] = j + 1 < n ? 1.0 / (chat[j + 1] - chat[j]) : 0.0;
      padded_[j + 1] = chat[j];
    }
  });
  for_each_block(n, [&](std::size_t b, std::size_t begin, std::size_t end) {
    std::vector<double> srow(2 * r + 2);
    double* gsum = partials_[b].data();
    double* gwt = gsum + len;
    const double* cp = padded_.data() + 1;
    // Per distance k the samples arrive in row order, forward before backward within a row.
    if (curves == 1) {
      for (std::size_t p = begin; p < end; ++p) {
        sample_row(band, chat, cp, m, inv_gap_.data(), p, force_monotonicity, srow.data(),
                   [&](std::size_t k, double a) {
                     gsum[k] += a;
                     gwt[k] += 1.0;
                   });
      }
      return;
    }
    for (std::size_t p = begin; p < end; ++p) {
      const CurveSlots slots = slots_of_row(p, window, curves);
      sample_row(band, chat, cp, m, inv_gap_.data(), p, force_monotonicity, srow.data(),
                 [&](std::size_t k, double a) {
                   gsum[k] += a;
                   gwt[k] += 1.0;
                   for (std::size_t s = 0; s < slots.count; ++s) {
                     double* loc = gsum + 2 * len * (1 + slots.first + s - first_curve[b]);
                     loc[k] += a;
                     loc[len + k] += 1.0;
                   }
                 });
    }
  });

  // Combine in block order: deterministic for any thread count.
  std::vector<double> gsum(len, 0.0), gwt(len, 0.0);
  std::vector<double> lsum(curves > 1 ? curves * len : 0, 0.0), lwt(lsum.size(), 0.0);
  for (std::size_t b = 0; b < blocks; ++b) {
    const double* part = partials_[b].data();
    for (std::size_t k = 0; k < len; ++k) {
      gsum[k] += part[k];
      gwt[k] += part[len + k];
    }
    const std::size_t span = partials_[b].size() / (2 * len) - 1;
    for (std::size_t s = 0; s < span; ++s) {
      const double* loc = part + 2 * len * (1 + s);
      const std::size_t l = first_curve[b] + s;
      for (std::size_t k = 0; k < len; ++k) {
        lsum[l * len + k] += loc[k];
        lwt[l * len + k] += loc[len + k];
      }
    }
  }
  auto average = [](double sum, double weight) { return weight > 0.0 ? sum / weight : kNaN; };
  out.average_.resize(len);
  for (std::size_t k = 0; k < len; ++k) out.average_[k] = average(gsum[k], gwt[k]);
  out.average_[0] = 1.0;  // §8.10: the double-counted diagonal is overridden anyway
  out.local_.resize(lsum.size());
  for (std::size_t i = 0; i < lsum.size(); ++i) out.local_[i] = average(lsum[i], lwt[i]);
  if (curves > 1) {
    for (std::size_t l = 0; l < curves; ++l) out.local_[l * len] = 1.0;
  }
}

}  // namespace zspace::fixed_point
