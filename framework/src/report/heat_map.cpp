#include "report/heat_map.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace zspace::report {
namespace {

constexpr float missing = std::numeric_limits<float>::quiet_NaN();

/// NaN-aware running mean of one pixel.
struct Mean {
  double sum = 0;
  int count = 0;
  void add(double v) {
    if (std::isnan(v)) return;
    sum += v;
    ++count;
  }
  float value() const { return count > 0 ? static_cast<float>(sum / count) : missing; }
};

}  // namespace

Grid band_strip(const BandMatrix& band, int max_width) {
  Grid g;
  const std::size_t n = band.size(), r = band.range();
  if (n == 0 || max_width <= 0) return g;
  const std::size_t w = std::min(n, static_cast<std::size_t>(max_width));
  const std::size_t h = 2 * r + 1;
  g.width = static_cast<int>(w);
  g.height = static_cast<int>(h);
  g.values.assign(w * h, missing);
  g.x_lo = -0.5;
  g.x_hi = static_cast<double>(n) - 0.5;
  g.y_lo = -static_cast<double>(r) - 0.5;
  g.y_hi = static_cast<double>(r) + 0.5;
  for (std::size_t c = 0; c < w; ++c) {
    const std::size_t first = c * n / w, last = (c + 1) * n / w;  // sections [first, last)
    for (std::size_t row = 0; row < h; ++row) {
      Mean m;
      for (std::size_t i = first; i < last; ++i) {
        // row 0 is offset +R; offsets reaching outside the stack stay missing.
        const auto j = static_cast<long long>(i) + static_cast<long long>(r) - static_cast<long long>(row);
        if (j >= 0 && static_cast<std::size_t>(j) < n) m.add(band(i, static_cast<std::size_t>(j)));
      }
      g.values[row * w + c] = m.value();
    }
  }
  return g;
}

Grid warped_strip(const BandMatrix& band, const std::vector<double>& z, int max_width, int rows) {
  Grid g;
  std::vector<std::size_t> order;  // sections with finite z, sorted by (z, index)
  for (std::size_t i = 0; i < z.size() && i < band.size(); ++i)
    if (std::isfinite(z[i])) order.push_back(i);
  if (order.size() < 2 || max_width <= 0 || rows <= 0) return g;
  std::stable_sort(order.begin(), order.end(), [&z](std::size_t a, std::size_t b) { return z[a] < z[b]; });
  std::vector<double> zs(order.size());
  for (std::size_t p = 0; p < order.size(); ++p) zs[p] = z[order[p]];

  const std::size_t m = order.size();
  double spacing = (zs.back() - zs.front()) / static_cast<double>(m - 1);
  if (!(spacing > 0)) spacing = 1;  // all at one z: still show the values, on a unit scale
  const double reach = static_cast<double>(std::max<std::size_t>(band.range(), 1)) * spacing;
  const std::size_t w = std::min(m, static_cast<std::size_t>(max_width));
  const std::size_t h = static_cast<std::size_t>(rows | 1);  // odd: one row sits at distance 0
  const double row_step = 2 * reach / static_cast<double>(h - 1 > 0 ? h - 1 : 1);
  g.width = static_cast<int>(w);
  g.height = static_cast<int>(h);
  g.values.assign(w * h, missing);
  g.x_lo = zs.front() - spacing / 2;
  g.x_hi = zs.back() + spacing / 2;
  g.y_lo = -reach - row_step / 2;
  g.y_hi = reach + row_step / 2;
  const double column_width = (g.x_hi - g.x_lo) / static_cast<double>(w);

  // Similarity of section `i` (original index) with whatever lies at z = t.
  auto similarity_at = [&](std::size_t i, double t) -> double {
    const std::size_t b = static_cast<std::size_t>(std::upper_bound(zs.begin(), zs.end(), t) - zs.begin());
    if (b == 0) return t >= g.x_lo ? band(i, order[0]) : std::numeric_limits<double>::quiet_NaN();
    if (b == m) return t <= g.x_hi ? band(i, order[m - 1]) : std::numeric_limits<double>::quiet_NaN();
    const std::size_t a = b - 1;
    const double gap = zs[b] - zs[a];
    const double wb = gap > 0 ? (t - zs[a]) / gap : 0.0;
    const double va = band(i, order[a]), vb = band(i, order[b]);
    if (std::isnan(va)) return wb >= 0.5 ? vb : va;  // only the nearer one may stand in
    if (std::isnan(vb)) return wb < 0.5 ? va : vb;
    return (1 - wb) * va + wb * vb;
  };

  std::size_t next = 0;  // first sorted position not yet assigned to a column
  for (std::size_t c = 0; c < w; ++c) {
    const double right = g.x_lo + static_cast<double>(c + 1) * column_width;
    std::size_t first = next;
    while (next < m && (zs[next] < right || c + 1 == w)) ++next;
    std::size_t last = next;
    if (first == last) {  // no section inside: show the nearest one
      const double centre = right - column_width / 2;
      first = next > 0 && (next == m || centre - zs[next - 1] <= zs[next] - centre) ? next - 1 : next;
      last = first + 1;
    }
    for (std::size_t row = 0; row < h; ++row) {
      const double distance = reach - static_cast<double>(row) * row_step;
      Mean mean;
      for (std::size_t p = first; p < last; ++p) mean.add(similarity_at(order[p], zs[p] + distance));
      g.values[row * w + c] = mean.value();
    }
  }
  return g;
}

}  // namespace zspace::report
