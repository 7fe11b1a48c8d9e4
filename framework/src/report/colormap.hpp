#pragma once
// The heat maps' colour scale: viridis (perceptually uniform, readable in grey and by
// colour-blind readers) plus one grey for missing values.

#include <cstdint>
#include <string>
#include <vector>

#include "report/png.hpp"

namespace zspace::report {

/// Palette index of missing values (NaN, outside the band or the stack).
inline constexpr std::uint8_t missing_index = 255;

/// 256 colours: indices 0..254 run from low to high along viridis, 255 is the missing grey.
const std::vector<Rgb>& heat_palette();

/// A value's palette index on the scale [lo, hi] (clamped); missing_index for NaN.
std::uint8_t heat_index(double value, double lo, double hi);

/// "#rrggbb" of a palette entry.
std::string css_colour(const Rgb& c);

/// The viridis anchor colours, low to high, for a CSS or SVG gradient.
std::vector<std::string> heat_gradient_stops();

}  // namespace zspace::report
