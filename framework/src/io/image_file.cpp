#include "io/image_file.hpp"

#include <algorithm>
#include <cctype>
#include <string>

#include "io/png_reader.hpp"
#include "io/tiff_file.hpp"
#include "io/tiff_reader.hpp"
#include "zspace/engine/errors.hpp"

namespace zspace::io {
namespace {

std::string lower_extension(const std::filesystem::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext;
}

bool is_png(const std::filesystem::path& path) { return lower_extension(path) == ".png"; }

}  // namespace

bool is_image_file_name(const std::filesystem::path& path) {
  const std::string ext = lower_extension(path);
  return ext == ".png" || ext == ".tif" || ext == ".tiff";
}

ImageHeader read_image_header(const std::filesystem::path& path) {
  if (is_png(path)) return read_png_header(path);
  const TiffFile file(path, "r");
  const ImageHeader header = read_tiff_header(file, path.string());
  // Taking page 0 alone would silently drop sections.
  if (!TIFFLastDirectory(file.get()))
    throw DataError(path.string() + ": multi-page TIFF inside a folder stack (open the file itself "
                    "as a stack, or store one page per file)");
  return header;
}

Section read_image(const std::filesystem::path& path) {
  if (is_png(path)) return read_png(path);
  const TiffFile file(path, "r");
  return read_tiff_pixels(file, path.string());
}

}  // namespace zspace::io
