// Cross-check helper for bench/peers/fixed_point_numpy.py: runs the C++ fixed-point core
// (zspace::fixed_point::infer, default options) on a band given as a raw little-endian float64
// strip (N rows of 2R+1 values, row i = M(i, i-R..i+R), NaN outside) and prints z, one %.17g
// value per line, in original order. This bypasses zspace run's float32 similarity.tif rounding
// and 9-digit z.csv so both implementations see bit-identical input.
// Build (not part of CMake; done by bench/compare_fixed_point.sh --cross-check):
//   c++ -std=c++20 -O2 -Iplugins/fixed-point -Iframework/include bench/peers/fixed_point_dump.cpp \
//       build/lib/libzspace-fixed-point-core.a -ltbb -o build/fixed_point_dump
// Usage: fixed_point_dump STRIP.f64 N R OUTER_ITERATIONS
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "core/infer.hpp"
#include "zspace/band_matrix.hpp"

int main(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: %s STRIP.f64 N R OUTER_ITERATIONS\n", argv[0]);
    return 2;
  }
  const std::size_t n = std::strtoull(argv[2], nullptr, 10), r = std::strtoull(argv[3], nullptr, 10);
  const std::size_t w = 2 * r + 1;
  std::vector<double> strip(n * w);
  std::FILE* f = std::fopen(argv[1], "rb");
  if (!f || std::fread(strip.data(), sizeof(double), strip.size(), f) != strip.size()) {
    std::fprintf(stderr, "cannot read %zu doubles from %s\n", strip.size(), argv[1]);
    return 1;
  }
  std::fclose(f);
  zspace::BandMatrix band(n, r);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t d = 1; d <= r && i + d < n; ++d) band.set(i, i + d, strip[i * w + r + d]);
  zspace::fixed_point::Options options;
  options.outer_iterations = std::atoi(argv[4]);
  zspace::SolverObserver observer;
  const zspace::Solution s = zspace::fixed_point::infer(band, {}, options, observer);
  for (const double z : s.z) std::printf("%.17g\n", z);
  return 0;
}
