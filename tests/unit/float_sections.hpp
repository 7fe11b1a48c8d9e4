#pragma once
// Float sections for the metric tests: from given pixels, or uniform noise with a fraction of
// invalid (NaN) pixels.

#include <cstddef>
#include <limits>
#include <random>
#include <vector>

#include "zspace/section.hpp"

namespace zspace::test {

inline Section float_section(int w, int h, std::vector<float> pixels) {
  Section s;
  s.width = w;
  s.height = h;
  s.pixels = std::move(pixels);
  return s;
}

/// Uniform values in [offset, offset + 255), each pixel NaN with probability nan_fraction.
inline Section random_section(std::mt19937& rng, int w, int h, double nan_fraction, float offset = 0) {
  std::uniform_real_distribution<float> value(0.0f, 255.0f);
  std::uniform_real_distribution<double> coin(0.0, 1.0);
  std::vector<float> p(static_cast<std::size_t>(w) * static_cast<std::size_t>(h));
  for (auto& v : p) v = coin(rng) < nan_fraction ? std::numeric_limits<float>::quiet_NaN() : offset + value(rng);
  return float_section(w, h, std::move(p));
}

}  // namespace zspace::test
