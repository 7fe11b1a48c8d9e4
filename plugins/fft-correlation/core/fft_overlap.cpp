#include "fft_overlap.hpp"

#include <algorithm>
#include <cmath>

namespace zspace::fft_correlation {

namespace {

struct Sums {
  double a = 0, b = 0, aa = 0, bb = 0, ab = 0;
  std::size_t n = 0;
};

// Four interleaved partial sums per quantity: independent dependency chains the compiler can
// pipeline and pair into vector registers. The order is fixed, so results are reproducible, and
// swapping the sections swaps the sums exactly.
struct Lanes {
  double a[4] = {}, b[4] = {}, aa[4] = {}, bb[4] = {}, ab[4] = {};
  std::size_t n = 0;

  static double total(const double* v) { return (v[0] + v[1]) + (v[2] + v[3]); }
  Sums totals() const { return Sums{total(a), total(b), total(aa), total(bb), total(ab), n}; }
};

// The overlap rectangle of shift (dx, dy), in the first section's coordinates.
struct Overlap {
  int x0, x1, y0, y1;
  Overlap(const Geometry& g, int dx, int dy)
      : x0(std::max(0, -dx)), x1(g.width - std::max(0, dx)), y0(std::max(0, -dy)), y1(g.height - std::max(0, dy)) {}
};

// Walks the overlap row by row, handing `add(lane, da, db)` the weighted values of each pixel
// pair valid in both sections. Weighted values are formed as weighted_row() forms them.
template <bool Masked, bool Windowed, class Add>
std::size_t for_each_pair(const PreparedFft& a, const PreparedFft& b, int dx, int dy, Add add) {
  const Geometry& g = *a.geometry;
  const Overlap o(g, dx, dy);
  const auto w = static_cast<std::size_t>(g.width);
  const double ma = a.mean, mb = b.mean;
  std::size_t n = 0;
  for (int y = o.y0; y < o.y1; ++y) {
    const float* pa = a.values.data() + static_cast<std::size_t>(y) * w + static_cast<std::size_t>(o.x0);
    const float* pb = b.values.data() + static_cast<std::size_t>(y + dy) * w + static_cast<std::size_t>(o.x0 + dx);
    const double* wxa = Windowed ? g.window_x.data() + o.x0 : nullptr;
    const double* wxb = Windowed ? g.window_x.data() + o.x0 + dx : nullptr;
    const double wya = Windowed ? g.window_y[static_cast<std::size_t>(y)] : 1.0;
    const double wyb = Windowed ? g.window_y[static_cast<std::size_t>(y + dy)] : 1.0;
    const int len = o.x1 - o.x0;
    auto pixel = [&](int i, int lane) {
      if constexpr (Masked) {
        if (std::isnan(pa[i]) || std::isnan(pb[i])) return;
        ++n;
      }
      double da = pa[i] - ma, db = pb[i] - mb;
      if constexpr (Windowed) {
        da = da * wxa[i] * wya;
        db = db * wxb[i] * wyb;
      }
      add(lane, da, db);
    };
    int i = 0;
    for (; i + 4 <= len; i += 4)
      for (int lane = 0; lane < 4; ++lane) pixel(i + lane, lane);
    for (; i < len; ++i) pixel(i, i & 3);
    if constexpr (!Masked) n += static_cast<std::size_t>(len);
  }
  return n;
}

template <bool Masked, bool Windowed>
Sums all_sums(const PreparedFft& a, const PreparedFft& b, int dx, int dy) {
  Lanes s;
  s.n = for_each_pair<Masked, Windowed>(a, b, dx, dy, [&s](int lane, double da, double db) {
    s.a[lane] += da;
    s.b[lane] += db;
    s.aa[lane] += da * da;
    s.bb[lane] += db * db;
    s.ab[lane] += da * db;
  });
  return s.totals();
}

// Fully valid sections with border sums: the single-section sums are already known (exact
// double sums, differences of running sums), only the cross term needs the pixels.
template <bool Windowed>
Sums cross_sum(const PreparedFft& a, const PreparedFft& b, int dx, int dy) {
  const Geometry& g = *a.geometry;
  double ab[4] = {};
  Sums s;
  s.n = for_each_pair<false, Windowed>(a, b, dx, dy, [&ab](int lane, double da, double db) { ab[lane] += da * db; });
  s.ab = Lanes::total(ab);
  const std::size_t k = g.shift_index(dx, dy), mirrored = g.shift_count() - 1 - k;
  s.a = a.border_sum[k];
  s.aa = a.border_squares[k];
  s.b = b.border_sum[mirrored];
  s.bb = b.border_squares[mirrored];
  return s;
}

Sums overlap_sums(const PreparedFft& a, const PreparedFft& b, int dx, int dy) {
  const Geometry& g = *a.geometry;
  const bool masked = !a.all_valid || !b.all_valid;
  const bool borders = !masked && !a.border_sum.empty() && !b.border_sum.empty() &&
                       std::abs(dx) <= g.reach_x && std::abs(dy) <= g.reach_y;
  if (borders) return g.windowed() ? cross_sum<true>(a, b, dx, dy) : cross_sum<false>(a, b, dx, dy);
  if (g.windowed()) return masked ? all_sums<true, true>(a, b, dx, dy) : all_sums<false, true>(a, b, dx, dy);
  return masked ? all_sums<true, false>(a, b, dx, dy) : all_sums<false, false>(a, b, dx, dy);
}

}  // namespace

OverlapPearson overlap_pearson(const PreparedFft& a, const PreparedFft& b, int dx, int dy) {
  const Geometry& g = *a.geometry;
  OverlapPearson result;
  if (std::abs(dx) >= g.width || std::abs(dy) >= g.height) return result;
  const Sums s = overlap_sums(a, b, dx, dy);
  result.count = s.n;
  if (s.n < 2) return result;
  // The weighted values are centred on each section's own mean, so these sums are small and
  // removing the overlap means here loses little to cancellation.
  const double n = static_cast<double>(s.n);
  const double cov = s.ab - s.a * s.b / n;
  const double va = s.aa - s.a * s.a / n;
  const double vb = s.bb - s.b * s.b / n;
  if (!(va > 0) || !(vb > 0)) return result;
  result.value = cov / std::sqrt(va * vb);
  return result;
}

}  // namespace zspace::fft_correlation
