#pragma once
// Portable random numbers. std::mt19937_64's sequence is fixed by the standard, but the
// std::*_distribution classes are not (each standard library draws differently), so the
// distributions are written here on the engine's raw 64-bit output: a seed gives the same
// simulation with any compiler.

#include <cstdint>
#include <random>

namespace zspace::sim {

/// Independent streams of one seed: each purpose draws from its own stream, so that, e.g.,
/// listing one more noisy section does not change the texture or the spacings.
enum class Stream : std::uint64_t { texture = 1, spacing = 2, gaps = 3, shift = 4, noise = 5 };

class Random {
 public:
  /// The stream `stream` (with sub-stream `index`, e.g. a section) of `seed`.
  Random(std::uint64_t seed, Stream stream, std::uint64_t index = 0);

  /// Uniform in [0, 1), 53 random bits.
  double uniform();
  /// Uniform in [lo, hi).
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  /// Uniform integer in [0, n), n > 0, without modulo bias.
  std::uint64_t below(std::uint64_t n);
  /// Standard normal (Box-Muller).
  double normal();

 private:
  std::mt19937_64 engine_;
};

}  // namespace zspace::sim
