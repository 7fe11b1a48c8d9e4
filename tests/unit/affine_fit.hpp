#pragma once
// Scoring an estimated z against the truth, up to the affine freedom every solver has.

#include <cmath>
#include <vector>

namespace zspace::test {

/// RMS residual of the least-squares affine fit a·estimate + b ≈ truth, in truth's units.
inline double affine_residual_rms(const std::vector<double>& estimate, const std::vector<double>& truth) {
  const auto n = static_cast<double>(estimate.size());
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (std::size_t i = 0; i < estimate.size(); ++i) {
    sx += estimate[i];
    sy += truth[i];
    sxx += estimate[i] * estimate[i];
    sxy += estimate[i] * truth[i];
  }
  const double a = (n * sxy - sx * sy) / (n * sxx - sx * sx);
  const double b = (sy - a * sx) / n;
  double ss = 0;
  for (std::size_t i = 0; i < estimate.size(); ++i) {
    const double r = a * estimate[i] + b - truth[i];
    ss += r * r;
  }
  return std::sqrt(ss / n);
}

/// The same in units of the mean true spacing (truth.back() - truth.front()) / (N - 1).
inline double affine_rms(const std::vector<double>& z, const std::vector<double>& truth) {
  const double spacing = (truth.back() - truth.front()) / static_cast<double>(truth.size() - 1);
  return affine_residual_rms(z, truth) / spacing;
}

}  // namespace zspace::test
