#include "fft_search.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "fft_overlap.hpp"

namespace zspace::fft_correlation {

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

// out[k] = sum_x f(x) g(x + d_k) for every searched shift d_k, from the two half spectra.
void correlate(const float* f, const float* g, const Geometry& geo, Workspace& ws, std::vector<double>& out) {
  float* p = ws.product.get();
  const std::size_t m = geo.spectrum_size();
  for (std::size_t k = 0; k < m; k += 2) {
    const float fr = f[k], fi = f[k + 1], gr = g[k], gi = g[k + 1];
    p[k] = fr * gr + fi * gi;  // conj(F) G
    p[k + 1] = fr * gi - fi * gr;
  }
  geo.inverse_window(p, ws.staging.get(), ws.rows.get());
  const int pw = geo.padded_width;
  const double scale = 1.0 / static_cast<double>(geo.real_size());
  out.resize(geo.shift_count());
  for (std::size_t k = 0; k < out.size(); ++k) {
    const auto row = static_cast<std::size_t>(geo.shift_y(k) + geo.reach_y);
    const auto x = static_cast<std::size_t>((geo.shift_x(k) + pw) % pw);
    out[k] = static_cast<double>(ws.rows[row * static_cast<std::size_t>(pw) + x]) * scale;
  }
}

// Spectrum of the squared weighted values; computed here for fully valid sections, which do
// not keep it (their partners' overlap sums usually come from border sums instead).
const float* squares_spectrum(const PreparedFft& s, Workspace& ws) {
  if (s.spectrum_squares) return s.spectrum_squares.get();
  const Geometry& g = *s.geometry;
  if (!ws.real_input) {
    ws.real_input = allocate_floats(g.real_size());
    ws.extra_spectrum = allocate_floats(g.spectrum_size());
  }
  float* in = ws.real_input.get();
  std::fill(in, in + g.real_size(), 0.0f);
  std::vector<double> row(static_cast<std::size_t>(g.width));
  for (int y = 0; y < g.height; ++y) {
    weighted_row(s, y, row.data());
    float* out = in + static_cast<std::size_t>(y) * static_cast<std::size_t>(g.padded_width);
    for (std::size_t x = 0; x < row.size(); ++x) out[x] = static_cast<float>(row[x] * row[x]);
  }
  g.forward(in, ws.extra_spectrum.get());
  return ws.extra_spectrum.get();
}

// A shift worth an exact evaluation: the most its exact correlation can be.
struct Candidate {
  double upper;
  std::size_t index;
};

// Upper bounds on the exact correlation at every shift that can meet the overlap requirement,
// propagating the FFT error bound through the Pearson formula (first order, doubled margins).
std::vector<Candidate> candidates(const PreparedFft& a, const PreparedFft& b, std::size_t need,
                                  const Workspace& ws) {
  const Geometry& g = *a.geometry;
  const double e = fft_error_scale(g);
  const double na = static_cast<double>(a.valid), nb = static_cast<double>(b.valid);
  const double norm_a = std::sqrt(a.sum_squares), norm_b = std::sqrt(b.sum_squares);
  const double e_ab = e * norm_a * norm_b;
  const double e_n = e * std::sqrt(na * nb);
  const double e_a = e * norm_a * std::sqrt(nb), e_b = e * norm_b * std::sqrt(na);
  const double e_aa = e * std::sqrt(a.sum_fourth) * std::sqrt(nb);
  const double e_bb = e * std::sqrt(b.sum_fourth) * std::sqrt(na);
  const std::size_t zero = g.shift_count() / 2;
  std::vector<Candidate> out;
  out.reserve(g.shift_count());
  for (std::size_t k = 0; k < g.shift_count(); ++k) {
    const double n = ws.count[k];
    if (k != zero && n + e_n < static_cast<double>(need)) continue;
    if (n - e_n < 2) {
      out.push_back({kInfinity, k});
      continue;
    }
    const double sa = ws.a[k], sb = ws.b[k];
    const double cov = ws.ab[k] - sa * sb / n;
    const double va = ws.aa[k] - sa * sa / n;
    const double vb = ws.bb[k] - sb * sb / n;
    const double e_cov = e_ab + (e_a * std::abs(sb) + std::abs(sa) * e_b) / n + std::abs(sa * sb) * e_n / (n * n);
    const double e_va = e_aa + 2 * std::abs(sa) * e_a / n + sa * sa * e_n / (n * n);
    const double e_vb = e_bb + 2 * std::abs(sb) * e_b / n + sb * sb * e_n / (n * n);
    if (!(va > 2 * e_va) || !(vb > 2 * e_vb)) {
      out.push_back({kInfinity, k});
      continue;
    }
    const double r = cov / std::sqrt(va * vb);
    const double slack = (e_cov + std::abs(r) * std::sqrt(va * vb) * (e_va / va + e_vb / vb)) /
                         std::sqrt((va - e_va) * (vb - e_vb));
    const double upper = r + 2 * slack;
    out.push_back({std::isfinite(upper) ? upper : kInfinity, k});
  }
  std::sort(out.begin(), out.end(), [](const Candidate& x, const Candidate& y) {
    return x.upper != y.upper ? x.upper > y.upper : x.index < y.index;
  });
  return out;
}

}  // namespace

// Unit roundoff times log2 of the transform size (rounding grows with the number of butterfly
// stages), times a safety factor: the worst ratio measured on random and real images, with and
// without masks, is about 0.3 of the unscaled value (tests/unit/metric-fft checks that errors
// stay far inside the bound).
double fft_error_scale(const Geometry& g) {
  constexpr double kUnitRoundoff = 0x1p-24;
  constexpr double kSafety = 8.0;
  return kSafety * kUnitRoundoff * std::log2(static_cast<double>(g.real_size()));
}

// The cross term always comes from the FFT; single-section terms come from border sums when
// the partner is fully valid, and from the FFT against the partner's mask otherwise.
void approximate_sums(const PreparedFft& a, const PreparedFft& b, Workspace& ws) {
  const Geometry& g = *a.geometry;
  ws.fit(g);
  const std::size_t n = g.shift_count();
  correlate(a.spectrum.get(), b.spectrum.get(), g, ws, ws.ab);
  if (b.all_valid) {
    ws.count = a.border_count;
    ws.a = a.border_sum;
    ws.aa = a.border_squares;
  } else {
    if (a.all_valid) {
      ws.count.resize(n);
      for (std::size_t k = 0; k < n; ++k) ws.count[k] = b.border_count[n - 1 - k];
    } else {
      correlate(a.spectrum_mask.get(), b.spectrum_mask.get(), g, ws, ws.count);
    }
    correlate(a.spectrum.get(), b.spectrum_mask.get(), g, ws, ws.a);
    correlate(squares_spectrum(a, ws), b.spectrum_mask.get(), g, ws, ws.aa);
  }
  if (a.all_valid) {
    ws.b.resize(n);
    ws.bb.resize(n);
    for (std::size_t k = 0; k < n; ++k) {
      ws.b[k] = b.border_sum[n - 1 - k];
      ws.bb[k] = b.border_squares[n - 1 - k];
    }
  } else {
    correlate(a.spectrum_mask.get(), b.spectrum.get(), g, ws, ws.b);
    correlate(a.spectrum_mask.get(), squares_spectrum(b, ws), g, ws, ws.bb);
  }
}

void Workspace::fit(const Geometry& g) {
  if (padded_width_ == g.padded_width && padded_height_ == g.padded_height && reach_y_ == g.reach_y) return;
  product = allocate_floats(g.spectrum_size());
  staging = allocate_floats(2 * g.spectrum_row() * g.window_rows());
  rows = allocate_floats(g.window_rows() * static_cast<std::size_t>(g.padded_width));
  real_input.reset();  // allocated on first use: only pairs of masked and unmasked sections need it
  extra_spectrum.reset();
  padded_width_ = g.padded_width;
  padded_height_ = g.padded_height;
  reach_y_ = g.reach_y;
}

Comparison best_shift(const PreparedFft& a, const PreparedFft& b, double min_overlap, Workspace& ws) {
  const Geometry& g = *a.geometry;
  Comparison best;
  if (!a.usable() || !b.usable()) return best;
  if (!g.searches()) {
    best.value = overlap_pearson(a, b, 0, 0).value;
    return best;
  }
  approximate_sums(a, b, ws);
  const auto need = std::max<std::size_t>(
      2, static_cast<std::size_t>(std::ceil(min_overlap * static_cast<double>(std::min(a.valid, b.valid)))));
  const std::size_t zero = g.shift_count() / 2;
  bool found = false;
  std::size_t best_index = 0;
  for (const Candidate& c : candidates(a, b, need, ws)) {
    if (found && c.upper < best.value) break;  // no later candidate can beat it
    const int dx = g.shift_x(c.index), dy = g.shift_y(c.index);
    const OverlapPearson o = overlap_pearson(a, b, dx, dy);
    if (std::isnan(o.value) || (c.index != zero && o.count < need)) continue;
    bool better = !found || o.value > best.value;
    if (found && o.value == best.value) {
      const int r2 = dx * dx + dy * dy;
      const int best_r2 = static_cast<int>(best.shift_x * best.shift_x + best.shift_y * best.shift_y);
      better = r2 < best_r2 || (r2 == best_r2 && c.index < best_index);
    }
    if (better) {
      found = true;
      best = Comparison{o.value, static_cast<double>(dx), static_cast<double>(dy)};
      best_index = c.index;
    }
  }
  return best;
}

}  // namespace zspace::fft_correlation
