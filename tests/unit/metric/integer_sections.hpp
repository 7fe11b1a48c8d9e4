#pragma once
// 8- and 16-bit test sections and a double-precision Pearson reference for the ncc tests.

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <random>

#include "zspace/section.hpp"

namespace zspace::test {

/// Random integer pixels in [lo, hi]; b = mix * a + (1 - mix) * noise when `like` is given, so
/// the correlation with `like` spans the whole range.
inline Section random_integer_section(std::mt19937& rng, PixelDepth depth, int w, int h, int lo, int hi,
                                      const Section* like = nullptr, double mix = 0.0) {
  Section s;
  s.width = w;
  s.height = h;
  s.depth = depth;
  std::uniform_int_distribution<int> value(lo, hi);
  const std::size_t n = s.size();
  for (std::size_t i = 0; i < n; ++i) {
    double v = value(rng);
    if (like) v = mix * like->value(i) + (1 - mix) * v;
    const int p = std::clamp(static_cast<int>(std::lround(v)), lo, hi);
    if (depth == PixelDepth::uint8)
      s.pixels8.push_back(static_cast<std::uint8_t>(p));
    else
      s.pixels16.push_back(static_cast<std::uint16_t>(p));
  }
  return s;
}

/// A section of one depth holding another section's values (which must fit).
inline Section with_depth(const Section& from, PixelDepth depth) {
  if (depth == PixelDepth::float32) return to_float(from);
  Section s;
  s.width = from.width;
  s.height = from.height;
  s.depth = depth;
  for (std::size_t i = 0; i < from.size(); ++i) {
    const float v = from.value(i);
    if (depth == PixelDepth::uint8)
      s.pixels8.push_back(static_cast<std::uint8_t>(v));
    else
      s.pixels16.push_back(static_cast<std::uint16_t>(v));
  }
  return s;
}

/// Textbook two-pass Pearson in double over the pixels valid in both.
inline double brute_force_pearson(const Section& a, const Section& b) {
  double ma = 0, mb = 0;
  std::size_t n = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::isnan(a.value(i)) || std::isnan(b.value(i))) continue;
    ma += a.value(i);
    mb += b.value(i);
    ++n;
  }
  ma /= static_cast<double>(n);
  mb /= static_cast<double>(n);
  double sab = 0, saa = 0, sbb = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::isnan(a.value(i)) || std::isnan(b.value(i))) continue;
    const double da = a.value(i) - ma, db = b.value(i) - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return sab / std::sqrt(saa * sbb);
}

/// True when both are NaN or both have the same bits.
inline bool same_bits(double a, double b) {
  return (std::isnan(a) && std::isnan(b)) || std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

}  // namespace zspace::test
