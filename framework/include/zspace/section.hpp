#pragma once
/// @file section.hpp
/// One image of the stack as the engine hands it to a metric.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace zspace {

/// How a section's pixels are stored. Integer sections keep the input's own depth, so metrics
/// that can work on it (SimilarityMetric::accepts_integer_pixels) read a quarter or half of the
/// bytes of a float copy; every pixel of an integer section is valid.
enum class PixelDepth : std::uint8_t {
  float32 = 0,  ///< `pixels`; NaN marks invalid pixels (masked, outside the data, missing)
  uint8 = 1,    ///< `pixels8`; all valid
  uint16 = 2    ///< `pixels16`; all valid
};

/// A section: a 2-D greyscale image, row-major. Exactly one of the three pixel vectors is
/// filled (width*height values), the one `depth` names.
struct Section {
  std::size_t index = 0;  ///< position in the input stack (0-based, acquisition order)
  std::string source;     ///< file name the section came from (with page for multi-page files)
  int width = 0;   ///< pixels per row
  int height = 0;  ///< rows
  PixelDepth depth = PixelDepth::float32;  ///< which pixel vector holds the data
  std::vector<float> pixels;               ///< float32 sections: values, NaN = invalid
  std::vector<std::uint8_t> pixels8;       ///< uint8 sections
  std::vector<std::uint16_t> pixels16;     ///< uint16 sections

  /// Number of pixels, width * height.
  std::size_t size() const { return static_cast<std::size_t>(width) * static_cast<std::size_t>(height); }
  /// Pixel k (row-major) as float, whatever the depth; NaN if invalid. No bounds check.
  float value(std::size_t k) const {
    switch (depth) {
      case PixelDepth::uint8: return static_cast<float>(pixels8[k]);
      case PixelDepth::uint16: return static_cast<float>(pixels16[k]);
      default: return pixels[k];
    }
  }
  /// Pixel at column x, row y as float (no bounds check); NaN if invalid.
  float at(int x, int y) const { return value(static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + x); }
  /// True for uint8 and uint16 sections.
  bool is_integer() const { return depth != PixelDepth::float32; }
};

/// The section with float32 pixels (integer pixels converted exactly; float sections moved).
inline Section to_float(Section section) {
  if (!section.is_integer()) return section;
  const std::size_t n = section.size();
  section.pixels.resize(n);
  for (std::size_t k = 0; k < n; ++k) section.pixels[k] = section.value(k);
  section.pixels8 = {};
  section.pixels16 = {};
  section.depth = PixelDepth::float32;
  return section;
}

/// The width x height pixels of `section` at column x, row y, at the section's own depth (index
/// and source kept). The rectangle must lie inside the section; not checked.
inline Section crop(const Section& section, int x, int y, int width, int height) {
  Section out;
  out.index = section.index;
  out.source = section.source;
  out.width = width;
  out.height = height;
  out.depth = section.depth;
  // Appended row by row, so the new buffer is written once (resize would zero it first).
  const auto copy_rows = [&](const auto& from, auto& to) {
    const auto w = static_cast<std::size_t>(width);
    to.reserve(w * static_cast<std::size_t>(height));
    for (int row = 0; row < height; ++row) {
      const auto* begin = from.data() + static_cast<std::size_t>(y + row) * static_cast<std::size_t>(section.width) +
                          static_cast<std::size_t>(x);
      to.insert(to.end(), begin, begin + w);
    }
  };
  switch (section.depth) {
    case PixelDepth::uint8: copy_rows(section.pixels8, out.pixels8); break;
    case PixelDepth::uint16: copy_rows(section.pixels16, out.pixels16); break;
    default: copy_rows(section.pixels, out.pixels); break;
  }
  return out;
}

}  // namespace zspace
