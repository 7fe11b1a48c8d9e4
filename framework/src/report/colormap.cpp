#include "report/colormap.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace zspace::report {
namespace {

// viridis at 0, 1/9, ..., 1 (matplotlib's table); linear interpolation between them is
// indistinguishable from the full table at this resolution.
constexpr Rgb anchors[] = {{0x44, 0x01, 0x54}, {0x48, 0x28, 0x78}, {0x3e, 0x49, 0x89}, {0x31, 0x68, 0x8e},
                           {0x26, 0x82, 0x8e}, {0x1f, 0x9e, 0x89}, {0x35, 0xb7, 0x79}, {0x6e, 0xce, 0x58},
                           {0xb5, 0xde, 0x2b}, {0xfd, 0xe7, 0x25}};
constexpr Rgb missing_grey = {0xd9, 0xd9, 0xd9};

std::vector<Rgb> make_palette() {
  constexpr int steps = 255;
  constexpr int segments = static_cast<int>(std::size(anchors)) - 1;
  std::vector<Rgb> palette;
  for (int k = 0; k < steps; ++k) {
    const double t = static_cast<double>(k) / (steps - 1) * segments;
    const int s = std::min(static_cast<int>(t), segments - 1);
    const double f = t - s;
    Rgb c{};
    for (int ch = 0; ch < 3; ++ch)
      c[static_cast<std::size_t>(ch)] = static_cast<std::uint8_t>(std::lround(
          (1 - f) * anchors[s][static_cast<std::size_t>(ch)] + f * anchors[s + 1][static_cast<std::size_t>(ch)]));
    palette.push_back(c);
  }
  palette.push_back(missing_grey);
  return palette;
}

}  // namespace

const std::vector<Rgb>& heat_palette() {
  static const std::vector<Rgb> palette = make_palette();
  return palette;
}

std::uint8_t heat_index(double value, double lo, double hi) {
  if (std::isnan(value)) return missing_index;
  const double t = hi > lo ? (value - lo) / (hi - lo) : 1.0;
  return static_cast<std::uint8_t>(std::lround(std::clamp(t, 0.0, 1.0) * (missing_index - 1)));
}

std::string css_colour(const Rgb& c) { return fmt::format("#{:02x}{:02x}{:02x}", c[0], c[1], c[2]); }

std::vector<std::string> heat_gradient_stops() {
  std::vector<std::string> stops;
  for (const Rgb& c : anchors) stops.push_back(css_colour(c));
  return stops;
}

}  // namespace zspace::report
