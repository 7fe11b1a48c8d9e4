#pragma once
// Shared helpers of the fixed-point solver tests.

#include <cmath>
#include <cstddef>
#include <vector>

#include "affine_fit.hpp"
#include "zspace/band_matrix.hpp"
#include "zspace/solver.hpp"

namespace zspace::fixed_point::testing {

/// Irregular true z with one gap: spacing 1 ± 0.35·irregularity (smooth and jittered), plus
/// an extra `gap` after section n/2. Deterministic.
inline std::vector<double> irregular_z(std::size_t n, double gap = 1.5, double irregularity = 1.0) {
  std::vector<double> z(n);
  double pos = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    z[i] = pos;
    const double jitter = 0.15 * irregularity * std::sin(12.9898 * static_cast<double>(i) + 1.0);
    pos += 1.0 + 0.2 * irregularity * std::sin(0.37 * static_cast<double>(i)) + jitter;
    if (i + 1 == n / 2) pos += gap;
  }
  return z;
}

/// M_ij = exp(-|z_i - z_j| / scale) inside the band.
inline BandMatrix exponential_band(const std::vector<double>& z, std::size_t range,
                                   double scale = 3.0) {
  BandMatrix band(z.size(), range);
  for (std::size_t i = 0; i < z.size(); ++i)
    for (std::size_t j = i + 1; j < z.size() && j <= i + range; ++j)
      band.set(i, j, std::exp(-std::abs(z[i] - z[j]) / scale));
  return band;
}

/// RMS residual of the least-squares affine fit a·estimate + b ≈ truth.
inline double affine_rms(const std::vector<double>& estimate, const std::vector<double>& truth) {
  return zspace::test::affine_residual_rms(estimate, truth);
}

/// Rescales z so that its first and last entries are 0 and N-1 (mean spacing 1).
inline std::vector<double> unit_spacing(std::vector<double> z) {
  const double first = z.front(), scale = static_cast<double>(z.size() - 1) / (z.back() - first);
  for (double& v : z) v = (v - first) * scale;
  return z;
}

/// Observer that records how often it was called and can stop after a given iteration.
struct CountingObserver : SolverObserver {
  int planned = -1;
  int calls = 0;
  int stop_after = -1;
  void started(int n) override { planned = n; }
  bool iteration(int i, const std::vector<double>&) override {
    ++calls;
    return stop_after < 0 || i < stop_after;
  }
};

}  // namespace zspace::fixed_point::testing
