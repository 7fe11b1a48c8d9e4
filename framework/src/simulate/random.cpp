#include "simulate/random.hpp"

#include <cmath>
#include <limits>
#include <numbers>

namespace zspace::sim {
namespace {

// SplitMix64's finaliser: spreads nearby seeds (1, 2, 3, ...) over unrelated engine states.
std::uint64_t mix(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

}  // namespace

Random::Random(std::uint64_t seed, Stream stream, std::uint64_t index)
    : engine_(mix(mix(mix(seed) ^ static_cast<std::uint64_t>(stream)) ^ index)) {}

double Random::uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }

std::uint64_t Random::below(std::uint64_t n) {
  constexpr std::uint64_t top = std::numeric_limits<std::uint64_t>::max();
  const std::uint64_t limit = top - top % n;  // a multiple of n: [0, limit) maps evenly
  std::uint64_t x = engine_();
  while (x >= limit) x = engine_();
  return x % n;
}

double Random::normal() {
  const double u1 = static_cast<double>((engine_() >> 11) + 1) * 0x1.0p-53;  // (0, 1]: log is finite
  const double u2 = uniform();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

}  // namespace zspace::sim
