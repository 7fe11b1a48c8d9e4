#pragma once
// Shared helpers of the ceres solver tests: known z patterns, the band they produce, observers.

#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "affine_fit.hpp"
#include "core/nls_options.hpp"
#include "core/nls_solve.hpp"
#include "zspace/band_matrix.hpp"
#include "zspace/solver.hpp"

namespace zspace::nls::testing {

/// True z with mean spacing about 1:
///  uniform   spacing 1;
///  random    spacing uniform in [0.6, 1.4] (seeded);
///  gap       random, plus 1.5 extra spacings after section n/2 (a lost section and a half);
///  noisy     random (the noise is in the band: see `qualities`).
inline std::vector<double> true_z(const std::string& pattern, std::size_t n,
                                  std::uint32_t seed = 1) {
  std::mt19937 rng(seed);  // raw draws only: mt19937's sequence is fixed by the standard
  std::vector<double> z{0.0};
  for (std::size_t i = 1; i < n; ++i) {
    double step = 1.0;
    if (pattern != "uniform") step = 0.6 + 0.8 * (static_cast<double>(rng()) / 4294967296.0);
    if (pattern == "gap" && i == n / 2) step += 1.5;
    z.push_back(z.back() + step);
  }
  return z;
}

/// Quality factors: all 1, except section n/3 of the `noisy` pattern, whose similarities are
/// all 1/1.25 of the others'.
inline std::vector<double> qualities(const std::string& pattern, std::size_t n) {
  std::vector<double> q(n, 1.0);
  if (pattern == "noisy") q[n / 3] = 1.25;
  return q;
}

/// The model's band without noise: M_ij = exp(-|z_i - z_j| / 3) / (q_i q_j).
inline BandMatrix model_band(const std::vector<double>& z, const std::vector<double>& q,
                             std::size_t range) {
  BandMatrix band(z.size(), range);
  for (std::size_t i = 0; i < z.size(); ++i)
    for (std::size_t j = i + 1; j < z.size() && j <= i + range; ++j)
      band.set(i, j, std::exp(-std::abs(z[i] - z[j]) / 3.0) / (q[i] * q[j]));
  return band;
}

/// RMS of z against the truth after the best affine fit, in mean true spacings.
inline double rms(const std::vector<double>& z, const std::vector<double>& truth) {
  return zspace::test::affine_rms(z, truth);
}

/// Counts calls, remembers the z of the last one, and can ask to stop after an iteration.
struct RecordingObserver : SolverObserver {
  int planned = -1;
  int started_calls = 0;
  int calls = 0;
  int last_iteration = 0;
  int stop_after = -1;
  std::vector<double> last_z;
  void started(int n) override {
    planned = n;
    ++started_calls;
  }
  bool iteration(int i, const std::vector<double>& z) override {
    ++calls;
    last_iteration = i;
    last_z = z;
    return stop_after < 0 || i < stop_after;
  }
};

inline Solution solve_with(const BandMatrix& band, const Options& options = {}) {
  RecordingObserver observer;
  return solve(band, {}, options, observer);
}

}  // namespace zspace::nls::testing
