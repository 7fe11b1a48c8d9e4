#pragma once
/// @file section.hpp
/// One image of the stack as the engine hands it to a metric.

#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

namespace zspace {

/// A section: a 2-D greyscale image in 32-bit float, row-major.
/// Invalid pixels (masked, outside the data, missing) are NaN; metrics skip them.
struct Section {
  std::size_t index = 0;  ///< position in the input stack (0-based, acquisition order)
  std::string source;     ///< file name the section came from (with page for multi-page files)
  int width = 0;   ///< pixels per row
  int height = 0;  ///< rows
  std::vector<float> pixels;  ///< width*height values, row-major, NaN = invalid

  /// Pixel at column x, row y (no bounds check); NaN if invalid.
  float at(int x, int y) const { return pixels[static_cast<std::size_t>(y) * width + x]; }
  /// Number of pixels, width * height.
  std::size_t size() const { return pixels.size(); }
};

}  // namespace zspace
