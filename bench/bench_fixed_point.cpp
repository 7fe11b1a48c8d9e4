// The fixed-point solver with default parameters (100 outer iterations, K = 10) on synthetic
// bands of N sections and R = 10. Goal: N = 100,000 in under 2 s on two cores.
#include <benchmark/benchmark.h>

#include <cmath>
#include <vector>

#include "core/infer.hpp"
#include "zspace/band_matrix.hpp"

namespace {

/// M_ij = exp(-|z_i - z_j| / 3) for an irregular z (spacing 1 ± 0.35) with a gap at N/2.
zspace::BandMatrix synthetic_band(std::size_t n, std::size_t range) {
  std::vector<double> z(n);
  double pos = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    z[i] = pos;
    const auto x = static_cast<double>(i);
    pos += 1.0 + 0.2 * std::sin(0.37 * x) + 0.15 * std::sin(12.9898 * x + 1.0);
    if (i + 1 == n / 2) pos += 1.5;
  }
  zspace::BandMatrix band(n, range);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n && j <= i + range; ++j)
      band.set(i, j, std::exp(-std::abs(z[i] - z[j]) / 3.0));
  return band;
}

void BM_FixedPointDefaults(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const zspace::BandMatrix band = synthetic_band(n, 10);
  const zspace::fixed_point::Options options;  // defaults: 100 iterations, K = 10
  zspace::SolverObserver observer;
  for (auto _ : state) {
    zspace::Solution s = zspace::fixed_point::infer(band, {}, options, observer);
    benchmark::DoNotOptimize(s.z.data());
  }
  state.counters["sections"] = static_cast<double>(n);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(n) * options.outer_iterations);
}

}  // namespace

BENCHMARK(BM_FixedPointDefaults)
    ->Arg(1000)
    ->Arg(10000)
    ->Arg(100000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
