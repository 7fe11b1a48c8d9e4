#pragma once
// One single-image file of a folder stack, PNG or TIFF, chosen by extension.

#include <filesystem>

#include "io/image_header.hpp"
#include "zspace/section.hpp"

namespace zspace::io {

/// True for .png, .tif, .tiff in any letter case.
bool is_image_file_name(const std::filesystem::path& path);

/// Header of the file's (first) image. Throws DataError "<path>: <reason>".
ImageHeader read_image_header(const std::filesystem::path& path);

/// Decodes the file's (first) image. Throws DataError "<path>: <reason>".
Section read_image(const std::filesystem::path& path);

}  // namespace zspace::io
