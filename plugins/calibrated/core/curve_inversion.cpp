#include "core/curve_inversion.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace zspace::calibrated {

std::vector<double> non_increasing_fit(std::span<const double> values) {
  // Blocks of pooled values: their mean and how many samples they hold.
  std::vector<double> mean;
  std::vector<std::size_t> count;
  for (double v : values) {
    mean.push_back(v);
    count.push_back(1);
    while (mean.size() > 1 && mean[mean.size() - 2] < mean.back()) {
      const std::size_t n = count[count.size() - 2] + count.back();
      const double pooled = (mean[mean.size() - 2] * static_cast<double>(count[count.size() - 2]) +
                             mean.back() * static_cast<double>(count.back())) /
                            static_cast<double>(n);
      mean.pop_back();
      count.pop_back();
      mean.back() = pooled;
      count.back() = n;
    }
  }
  std::vector<double> fit;
  fit.reserve(values.size());
  for (std::size_t b = 0; b < mean.size(); ++b) fit.insert(fit.end(), count[b], mean[b]);
  return fit;
}

Crossing invert(std::span<const double> x, std::span<const double> curve, double value) {
  if (value >= curve[0]) {
    const double slope = curve.size() > 1 ? (curve[0] - curve[1]) / (x[1] - x[0]) : 0.0;
    return {0.0, slope};
  }
  for (std::size_t k = 1; k < curve.size(); ++k) {
    if (curve[k] > value) continue;
    // curve[k-1] > value >= curve[k], so the segment falls and the fraction is in (0, 1].
    const double fall = curve[k - 1] - curve[k];
    const double fraction = (curve[k - 1] - value) / fall;
    return {x[k - 1] + fraction * (x[k] - x[k - 1]), fall / (x[k] - x[k - 1])};
  }
  return {std::numeric_limits<double>::infinity(), std::numeric_limits<double>::quiet_NaN()};
}

std::vector<double> pair_curve(const Calibration& calibration, std::size_t i, std::size_t j, std::size_t t) {
  const std::size_t samples = calibration.shifts.size();
  std::vector<double> c(samples + 1);
  c[0] = 1.0;
  for (std::size_t k = 0; k < samples; ++k) {
    const double a = calibration.curve(i, t, k), b = calibration.curve(j, t, k);
    if (std::isnan(a) || std::isnan(b)) return {};
    c[k + 1] = std::sqrt(std::max(a, 0.0) * std::max(b, 0.0));
  }
  return non_increasing_fit(c);
}

}  // namespace zspace::calibrated
