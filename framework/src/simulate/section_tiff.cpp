#include "simulate/section_tiff.hpp"

#include <cstdint>
#include <cstring>
#include <vector>

#include "io/tiff_file.hpp"
#include "zspace/engine/errors.hpp"

namespace zspace::sim {

void write_section_tiff(const std::filesystem::path& path, const Section& section) {
  io::TiffFile file(path, "w");
  TIFF* tif = file.get();
  const std::string what = path.string();
  const auto width = static_cast<std::uint32_t>(section.width);
  const auto height = static_cast<std::uint32_t>(section.height);
  const void* data = section.depth == PixelDepth::uint8    ? static_cast<const void*>(section.pixels8.data())
                     : section.depth == PixelDepth::uint16 ? static_cast<const void*>(section.pixels16.data())
                                                           : static_cast<const void*>(section.pixels.data());
  const std::uint16_t bits = section.depth == PixelDepth::uint8 ? 8 : section.depth == PixelDepth::uint16 ? 16 : 32;
  TIFFSetField(tif, TIFFTAG_IMAGEWIDTH, width);
  TIFFSetField(tif, TIFFTAG_IMAGELENGTH, height);
  TIFFSetField(tif, TIFFTAG_SAMPLESPERPIXEL, 1);
  TIFFSetField(tif, TIFFTAG_BITSPERSAMPLE, bits);
  TIFFSetField(tif, TIFFTAG_SAMPLEFORMAT, section.is_integer() ? SAMPLEFORMAT_UINT : SAMPLEFORMAT_IEEEFP);
  TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISBLACK);
  TIFFSetField(tif, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
  TIFFSetField(tif, TIFFTAG_COMPRESSION, COMPRESSION_NONE);
  TIFFSetField(tif, TIFFTAG_ROWSPERSTRIP, TIFFDefaultStripSize(tif, 0));
  // TIFFWriteScanline may byte-swap its buffer in place: write from a copy of each row.
  const std::size_t row_bytes = std::size_t{width} * bits / 8;
  std::vector<unsigned char> row(row_bytes);
  for (std::uint32_t y = 0; y < height; ++y) {
    std::memcpy(row.data(), static_cast<const unsigned char*>(data) + y * row_bytes, row_bytes);
    file.clear_error();
    if (TIFFWriteScanline(tif, row.data(), y, 0) < 0)
      throw DataError(io::tiff_message(what, "cannot write row " + std::to_string(y), file));
  }
  file.close();
}

}  // namespace zspace::sim
