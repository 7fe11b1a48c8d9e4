#include "report/series.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

namespace zspace::report {

namespace {

// Whether a series (anything with a member x) is long enough to reduce to `buckets` columns of
// [x_lo, x_hi], and in x order so that a column's entries are consecutive.
template <class Entry>
bool reducible(const std::vector<Entry>& series, double x_lo, double x_hi, int buckets) {
  if (buckets <= 0 || series.size() <= 2 * static_cast<std::size_t>(buckets) || !(x_hi > x_lo)) return false;
  for (std::size_t k = 1; k < series.size(); ++k)
    if (series[k].x < series[k - 1].x) return false;
  return true;
}

// Calls visit(first, last) for each column's run of entries [first, last), in x order: the
// columns are `buckets` equal intervals of [x_lo, x_hi], the outermost taking what lies beyond.
template <class Entry, class Visit>
void for_each_column(const std::vector<Entry>& series, double x_lo, double x_hi, int buckets, Visit visit) {
  const double width = (x_hi - x_lo) / buckets;
  const auto column = [&](double x) {
    return std::clamp(static_cast<long long>(std::floor((x - x_lo) / width)), 0LL, static_cast<long long>(buckets) - 1);
  };
  for (std::size_t k = 0; k < series.size();) {
    const std::size_t first = k;
    const long long c = column(series[k].x);
    while (k < series.size() && column(series[k].x) == c) ++k;
    visit(first, k);
  }
}

}  // namespace

std::vector<Point> decimate(const std::vector<Point>& series, double x_lo, double x_hi, int buckets) {
  if (!reducible(series, x_lo, x_hi, buckets)) return series;
  std::vector<Point> out;
  for_each_column(series, x_lo, x_hi, buckets, [&](std::size_t first, std::size_t last) {
    // A NaN inside a bucket that also has data is below the resolution: the line bridges it.
    std::size_t lowest = last, highest = last;
    for (std::size_t k = first; k < last; ++k) {
      const double y = series[k].y;
      if (std::isnan(y)) continue;
      if (lowest == last || y < series[lowest].y) lowest = k;
      if (highest == last || y > series[highest].y) highest = k;
    }
    if (lowest == last) {
      out.push_back({series[last - 1].x, std::numeric_limits<double>::quiet_NaN()});
      return;
    }
    const std::size_t a = std::min(lowest, highest), b = std::max(lowest, highest);
    out.push_back(series[a]);
    if (b != a) out.push_back(series[b]);
  });
  return out;
}

std::vector<Span> envelope(const std::vector<Span>& series, double x_lo, double x_hi, int buckets) {
  if (!reducible(series, x_lo, x_hi, buckets)) return series;
  std::vector<Span> out;
  for_each_column(series, x_lo, x_hi, buckets, [&](std::size_t first, std::size_t last) {
    Span merged{0, INFINITY, -INFINITY};
    double x_sum = 0;
    std::size_t finite = 0;
    for (std::size_t k = first; k < last; ++k) {
      const Span& v = series[k];
      if (std::isnan(v.lo) || std::isnan(v.hi)) continue;
      merged.lo = std::min(merged.lo, v.lo);
      merged.hi = std::max(merged.hi, v.hi);
      x_sum += v.x;
      ++finite;
    }
    if (finite == 0) {
      const double nan = std::numeric_limits<double>::quiet_NaN();
      out.push_back({series[first].x, nan, nan});
      return;
    }
    merged.x = x_sum / static_cast<double>(finite);
    out.push_back(merged);
  });
  return out;
}

double curve_at(const std::vector<double>& curve, double d) {
  std::size_t below = curve.size(), above = curve.size();  // nearest finite entries <= d and >= d
  for (std::size_t k = 0; k < curve.size(); ++k) {
    if (!std::isfinite(curve[k])) continue;
    const double kd = static_cast<double>(k);
    if (kd <= d) below = k;
    if (kd >= d && above == curve.size()) above = k;
  }
  if (below == curve.size() && above == curve.size()) return std::numeric_limits<double>::quiet_NaN();
  if (below == curve.size()) return curve[above];
  if (above == curve.size() || above == below) return curve[below];
  const double t = (d - static_cast<double>(below)) / static_cast<double>(above - below);
  return (1 - t) * curve[below] + t * curve[above];
}

std::vector<Point> similarity_samples(const BandMatrix& band, const std::vector<double>& z,
                                      const std::vector<double>& quality, std::size_t max_points) {
  auto factor = [&quality](std::size_t i) {
    return i < quality.size() && std::isfinite(quality[i]) ? quality[i] : std::numeric_limits<double>::quiet_NaN();
  };
  const std::size_t n = std::min(band.size(), z.size()), r = band.range();
  std::size_t total = 0;
  for (std::size_t i = 0; i < n; ++i) total += std::min(r, n - 1 - i);
  // Keep a pair when a hash of (i, d) falls below total/stride: unlike every stride-th pair,
  // this does not lock onto one offset when the stride is a multiple of R.
  const std::uint64_t stride = max_points > 0 && total > max_points ? (total + max_points - 1) / max_points : 1;
  std::vector<Point> out;
  for (std::size_t i = 0; i < n; ++i) {
    if (!std::isfinite(z[i])) continue;
    for (std::size_t d = 1; d <= r && i + d < n; ++d) {
      if (stride > 1) {
        std::uint64_t h = (static_cast<std::uint64_t>(i) << 16 ^ d) * 0x9E3779B97F4A7C15ull;
        h ^= h >> 29;
        if (h % stride != 0) continue;
      }
      const double s = band(i, i + d), zj = z[i + d];
      if (!std::isfinite(s) || !std::isfinite(zj)) continue;
      const double scale = factor(i) * factor(i + d);
      out.push_back({std::abs(zj - z[i]), std::isfinite(scale) ? scale * s : s});
    }
  }
  return out;
}

}  // namespace zspace::report
