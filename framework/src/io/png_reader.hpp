#pragma once
// Greyscale PNG input through libpng's low-level API, which, unlike the simplified API, never
// applies gamma correction, so stored values come through unchanged.

#include <filesystem>

#include "io/image_header.hpp"
#include "zspace/section.hpp"

namespace zspace::io {

/// Reads the header only. Throws DataError "<path>: <reason>".
ImageHeader read_png_header(const std::filesystem::path& path);

/// Decodes the whole image at its own depth (8 or 16 bit). Throws DataError "<path>: <reason>".
Section read_png(const std::filesystem::path& path);

}  // namespace zspace::io
