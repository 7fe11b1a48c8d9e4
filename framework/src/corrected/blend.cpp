#include "corrected/blend.hpp"

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

namespace zspace::corrected {
namespace {

template <typename T>
void blend_integers(const std::vector<T>& a, const std::vector<T>& b, double w, std::vector<T>& out) {
  constexpr double top = static_cast<double>(std::numeric_limits<T>::max());
  const double v = 1.0 - w;
  out.resize(a.size());
  for (std::size_t k = 0; k < a.size(); ++k) {
    const double value = std::floor(v * a[k] + w * b[k] + 0.5);
    out[k] = static_cast<T>(value < 0.0 ? 0.0 : value > top ? top : value);
  }
}

void blend_floats(const std::vector<float>& a, const std::vector<float>& b, double w, std::vector<float>& out) {
  const double v = 1.0 - w;
  out.resize(a.size());
  for (std::size_t k = 0; k < a.size(); ++k)
    out[k] = static_cast<float>(v * static_cast<double>(a[k]) + w * static_cast<double>(b[k]));
}

}  // namespace

void blend(const Section& lower, const Section& upper, double w, Section& out) {
  out.width = lower.width;
  out.height = lower.height;
  out.depth = lower.depth;
  switch (lower.depth) {
    case PixelDepth::uint8: blend_integers(lower.pixels8, upper.pixels8, w, out.pixels8); break;
    case PixelDepth::uint16: blend_integers(lower.pixels16, upper.pixels16, w, out.pixels16); break;
    default: blend_floats(lower.pixels, upper.pixels, w, out.pixels); break;
  }
}

}  // namespace zspace::corrected
