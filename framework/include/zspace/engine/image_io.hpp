#pragma once
/// @file image_io.hpp
/// Writing and reading float32 images (the similarity strip, test fixtures).

#include <filesystem>
#include <vector>

namespace zspace {

/// A float32 image, row-major.
struct FloatImage {
  int width = 0;              ///< pixels per row
  int height = 0;             ///< rows
  std::vector<float> pixels;  ///< width*height values, row-major
};

/// Writes a single-page float32 TIFF (the layout Fiji opens as a 32-bit image).
/// Throws DataError naming the file on failure.
void write_float_tiff(const std::filesystem::path& path, const FloatImage& image);

/// Reads page `page` of a TIFF as float32 (8/16/32-bit integer or float sources).
FloatImage read_float_tiff(const std::filesystem::path& path, int page = 0);

}  // namespace zspace
