#include "core/nls_curve.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace zspace::nls {

CurveSample sample_curve(const double* steps, std::size_t knots, double u) {
  CurveSample c;
  const double last = static_cast<double>(knots - 1);
  const double floor_u = std::floor(u);
  c.segment = floor_u < last ? static_cast<std::size_t>(floor_u) : knots - 1;
  c.fraction = u - static_cast<double>(c.segment);
  double knot = 1.0;
  for (std::size_t l = 0; l < c.segment; ++l) knot -= steps[l];
  c.slope = -steps[c.segment];
  c.value = knot + c.fraction * c.slope;
  return c;
}

std::vector<double> curve_values(std::span<const double> steps) {
  std::vector<double> f(steps.size() + 1, 1.0);
  for (std::size_t k = 0; k < steps.size(); ++k) f[k + 1] = f[k] - steps[k];
  return f;
}

std::vector<double> steps_from_values(std::span<const double> values) {
  std::vector<double> steps;
  double previous = 1.0;
  for (std::size_t k = 1; k < values.size(); ++k) {
    const double v = values[k];
    const double step = std::isfinite(v) && v < previous ? previous - v : 0.0;
    steps.push_back(step);
    previous -= step;
  }
  return steps;
}

std::vector<double> estimate_curve(const BandMatrix& band, std::span<const double> z,
                                   std::span<const double> quality, int resolution) {
  const std::size_t n = band.size(), r = band.range();
  const std::size_t knots = r * static_cast<std::size_t>(resolution);
  std::vector<double> sum(knots + 1, 0.0), weight(knots + 1, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = i + 1; j < n && j <= i + r; ++j) {
      const double m = band(i, j);
      const double u = std::abs(z[j] - z[i]) * resolution;  // in knot units
      if (!std::isfinite(m) || !std::isfinite(u) || u > static_cast<double>(knots)) continue;
      const double v = quality[i] * quality[j] * m;
      const auto lo = std::min(static_cast<std::size_t>(u), knots);
      const double w = u - static_cast<double>(lo);
      sum[lo] += (1.0 - w) * v;
      weight[lo] += 1.0 - w;
      if (lo < knots) {
        sum[lo + 1] += w * v;
        weight[lo + 1] += w;
      }
    }
  }
  std::vector<double> f(knots + 1, std::numeric_limits<double>::quiet_NaN());
  f[0] = 1.0;
  for (std::size_t k = 1; k <= knots; ++k)
    if (weight[k] > 0) f[k] = sum[k] / weight[k];
  // Knots between two that pairs reached (e.g. fractional distances when every pair sits at an
  // integer one) are interpolated: a flat step there would leave those pairs without a slope.
  std::size_t last = 0;
  for (std::size_t k = 1; k <= knots; ++k) {
    if (std::isnan(f[k])) continue;
    for (std::size_t g = last + 1; g < k; ++g) {
      const double w = static_cast<double>(g - last) / static_cast<double>(k - last);
      f[g] = (1.0 - w) * f[last] + w * f[k];
    }
    last = k;
  }
  return f;
}

}  // namespace zspace::nls
