#include <cstdint>
#include <filesystem>
#include <system_error>
#include <vector>

#include "io/tiff_file.hpp"
#include "io/tiff_reader.hpp"
#include "zspace/engine/errors.hpp"
#include "zspace/engine/image_io.hpp"

namespace zspace {
namespace {

// Classic TIFF offsets are 32-bit; only files that could not fit pay for BigTIFF, which older
// readers (and some Fiji versions) do not open.
constexpr std::uintmax_t classic_limit = (std::uintmax_t{1} << 32) - (std::uintmax_t{1} << 24);

void write_pages(io::TiffFile& file, const FloatImage& image) {
  TIFF* tif = file.get();
  const std::string what = file.path().string();
  const auto w = static_cast<std::uint32_t>(image.width);
  const auto h = static_cast<std::uint32_t>(image.height);
  TIFFSetField(tif, TIFFTAG_IMAGEWIDTH, w);
  TIFFSetField(tif, TIFFTAG_IMAGELENGTH, h);
  TIFFSetField(tif, TIFFTAG_SAMPLESPERPIXEL, 1);
  TIFFSetField(tif, TIFFTAG_BITSPERSAMPLE, 32);
  TIFFSetField(tif, TIFFTAG_SAMPLEFORMAT, SAMPLEFORMAT_IEEEFP);
  TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISBLACK);
  TIFFSetField(tif, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
  TIFFSetField(tif, TIFFTAG_COMPRESSION, COMPRESSION_NONE);
  // libtiff's default aims at strips of about 8 KiB: small enough to read piecewise.
  TIFFSetField(tif, TIFFTAG_ROWSPERSTRIP, TIFFDefaultStripSize(tif, 0));
  // TIFFWriteScanline takes a non-const buffer (it may byte-swap in place), so write from a copy.
  std::vector<float> row(w);
  for (std::uint32_t y = 0; y < h; ++y) {
    const float* src = image.pixels.data() + std::size_t{y} * w;
    row.assign(src, src + w);
    file.clear_error();
    if (TIFFWriteScanline(tif, row.data(), y, 0) < 0)
      throw DataError(io::tiff_message(what, "cannot write row " + std::to_string(y), file));
  }
  file.clear_error();
  if (!TIFFWriteDirectory(tif)) throw DataError(io::tiff_message(what, "cannot write the image", file));
}

}  // namespace

void write_float_tiff(const std::filesystem::path& path, const FloatImage& image) {
  const std::string what = path.string();
  if (image.width <= 0 || image.height <= 0)
    throw DataError(what + ": cannot write an empty image (" + std::to_string(image.width) + "x" +
                    std::to_string(image.height) + ")");
  const std::size_t count = std::size_t{static_cast<std::uint32_t>(image.width)} *
                            static_cast<std::uint32_t>(image.height);
  if (image.pixels.size() != count)
    throw DataError(what + ": image has " + std::to_string(image.pixels.size()) + " pixels, expected " +
                    std::to_string(count));
  const bool big = count * sizeof(float) > classic_limit;
  io::TiffFile file(path, big ? "w8" : "w");
  try {
    write_pages(file, image);
    file.close();
  } catch (const DataError&) {
    std::error_code ignored;
    std::filesystem::remove(path, ignored);  // a half-written file must not pass for a result
    throw;
  }
}

FloatImage read_float_tiff(const std::filesystem::path& path, int page) {
  const io::TiffFile file(path, "r");
  const std::string what = page == 0 ? path.string() : path.string() + "#" + std::to_string(page);
  if (page != 0) io::select_tiff_page(file, page, what);
  Section page_pixels = to_float(io::read_tiff_pixels(file, what));
  return FloatImage{page_pixels.width, page_pixels.height, std::move(page_pixels.pixels)};
}

}  // namespace zspace
