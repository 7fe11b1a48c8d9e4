#include "report/series.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

namespace zspace::report {

std::vector<Point> decimate(const std::vector<Point>& series, double x_lo, double x_hi, int buckets) {
  if (buckets <= 0 || series.size() <= 2 * static_cast<std::size_t>(buckets) || !(x_hi > x_lo)) return series;
  for (std::size_t k = 1; k < series.size(); ++k)
    if (series[k].x < series[k - 1].x) return series;

  std::vector<Point> out;
  const double width = (x_hi - x_lo) / buckets;
  auto bucket_of = [&](double x) {
    return std::clamp(static_cast<long long>(std::floor((x - x_lo) / width)), 0LL, static_cast<long long>(buckets) - 1);
  };
  std::size_t k = 0;
  while (k < series.size()) {
    const long long b = bucket_of(series[k].x);
    // A NaN inside a bucket that also has data is below the resolution: the line bridges it.
    std::size_t lowest = series.size(), highest = series.size();
    for (; k < series.size() && bucket_of(series[k].x) == b; ++k) {
      const double y = series[k].y;
      if (std::isnan(y)) continue;
      if (lowest == series.size() || y < series[lowest].y) lowest = k;
      if (highest == series.size() || y > series[highest].y) highest = k;
    }
    if (lowest == series.size()) {
      out.push_back({series[k - 1].x, std::numeric_limits<double>::quiet_NaN()});
      continue;
    }
    const std::size_t a = std::min(lowest, highest), b2 = std::max(lowest, highest);
    out.push_back(series[a]);
    if (b2 != a) out.push_back(series[b2]);
  }
  return out;
}

std::vector<Span> envelope(const std::vector<Span>& series, double x_lo, double x_hi, int buckets) {
  if (buckets <= 0 || series.size() <= 2 * static_cast<std::size_t>(buckets) || !(x_hi > x_lo)) return series;
  for (std::size_t k = 1; k < series.size(); ++k)
    if (series[k].x < series[k - 1].x) return series;

  std::vector<Span> out;
  const double width = (x_hi - x_lo) / buckets;
  auto bucket_of = [&](double x) {
    return std::clamp(static_cast<long long>(std::floor((x - x_lo) / width)), 0LL, static_cast<long long>(buckets) - 1);
  };
  std::size_t k = 0;
  while (k < series.size()) {
    const long long b = bucket_of(series[k].x);
    const std::size_t first = k;
    Span merged{series[k].x, INFINITY, -INFINITY};
    double x_sum = 0;
    std::size_t finite = 0;
    for (; k < series.size() && bucket_of(series[k].x) == b; ++k) {
      const Span& s = series[k];
      if (std::isnan(s.lo) || std::isnan(s.hi)) continue;
      merged.lo = std::min(merged.lo, s.lo);
      merged.hi = std::max(merged.hi, s.hi);
      x_sum += s.x;
      ++finite;
    }
    if (finite == 0) {
      const double nan = std::numeric_limits<double>::quiet_NaN();
      out.push_back({series[first].x, nan, nan});
      continue;
    }
    merged.x = x_sum / static_cast<double>(finite);
    out.push_back(merged);
  }
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
