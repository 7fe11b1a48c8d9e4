#pragma once
// Greyscale TIFF pages (8/16/32-bit unsigned, 32-bit float; strips or tiles; any compression
// libtiff decodes). Each function works on the handle's current directory; `what` names the
// image in messages ("a.tif", "stack.tif#3").

#include <string>

#include "io/image_header.hpp"
#include "io/tiff_file.hpp"
#include "zspace/section.hpp"

namespace zspace::io {

/// Checks the current page's tags. Throws DataError "<what>: unsupported pixel type: ...".
ImageHeader read_tiff_header(const TiffFile& file, const std::string& what);

/// Decodes the current page, values unchanged: 8/16-bit pages at their own depth, 32-bit
/// integer and float pages as float. Throws DataError on any failure.
Section read_tiff_pixels(const TiffFile& file, const std::string& what);

/// Makes page `page` (0-based) current. Throws DataError if the file has no such page.
void select_tiff_page(const TiffFile& file, int page, const std::string& what);

}  // namespace zspace::io
