#include "io/tiff_reader.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <new>
#include <system_error>
#include <vector>

#include "zspace/engine/errors.hpp"

namespace zspace::io {
namespace {

std::size_t bytes_per_sample(SampleType type) {
  switch (type) {
    case SampleType::uint8: return 1;
    case SampleType::uint16: return 2;
    default: return 4;
  }
}

template <typename T>
void convert_row(const unsigned char* in, std::size_t count, float* out) {
  for (std::size_t i = 0; i < count; ++i) {
    T value;
    std::memcpy(&value, in + i * sizeof(T), sizeof(T));  // strip buffers need not be aligned
    out[i] = static_cast<float>(value);
  }
}

// 8- and 16-bit samples keep their depth (libtiff has already swapped them to host order);
// 32-bit integers and floats become float.
void store_row(SampleType type, const unsigned char* in, std::size_t count, Section& image, std::size_t at) {
  switch (type) {
    case SampleType::uint8: std::memcpy(image.pixels8.data() + at, in, count); break;
    case SampleType::uint16: std::memcpy(image.pixels16.data() + at, in, count * 2); break;
    case SampleType::uint32: convert_row<std::uint32_t>(in, count, image.pixels.data() + at); break;
    case SampleType::float32: convert_row<float>(in, count, image.pixels.data() + at); break;
  }
}

[[noreturn]] void fail(const TiffFile& file, const std::string& what, const std::string& reason) {
  throw DataError(tiff_message(what, reason, file));
}

std::string unsupported(const std::string& why) { return "unsupported pixel type: " + why; }

// Copies a decoded block (strip or tile: block_w wide, rows of it valid) into the image at
// (x0, y0), cropping the padding tiles carry past the right and bottom edges.
void place_block(const ImageHeader& h, const unsigned char* block, std::uint32_t block_w,
                 std::uint32_t x0, std::uint32_t y0, std::uint32_t rows, Section& image) {
  const std::size_t bps = bytes_per_sample(h.type);
  const std::uint32_t cols = std::min<std::uint32_t>(block_w, h.width - x0);
  for (std::uint32_t r = 0; r < rows; ++r)
    store_row(h.type, block + std::size_t{r} * block_w * bps, cols, image, (std::size_t{y0} + r) * h.width + x0);
}

void read_strips(const TiffFile& file, const std::string& what, const ImageHeader& h,
                 Section& image) {
  TIFF* tif = file.get();
  std::uint32_t rows_per_strip = 0;
  TIFFGetFieldDefaulted(tif, TIFFTAG_ROWSPERSTRIP, &rows_per_strip);
  rows_per_strip = std::clamp<std::uint32_t>(rows_per_strip, 1, h.height);
  const std::size_t row_bytes = std::size_t{static_cast<std::uint32_t>(h.width)} * bytes_per_sample(h.type);
  // Strips span whole rows, so samples the section stores as they are (8/16-bit, float) decode
  // straight into its pixel vector; only 32-bit integers go through a buffer to be converted.
  unsigned char* direct = nullptr;
  switch (h.type) {
    case SampleType::uint8: direct = image.pixels8.data(); break;
    case SampleType::uint16: direct = reinterpret_cast<unsigned char*>(image.pixels16.data()); break;
    case SampleType::float32: direct = reinterpret_cast<unsigned char*>(image.pixels.data()); break;
    case SampleType::uint32: break;
  }
  std::vector<unsigned char> buffer(direct ? 0 : row_bytes * rows_per_strip);
  std::uint32_t strip = 0;
  for (std::uint32_t y = 0; y < static_cast<std::uint32_t>(h.height); y += rows_per_strip, ++strip) {
    const std::uint32_t rows = std::min<std::uint32_t>(rows_per_strip, h.height - y);
    const auto wanted = static_cast<tmsize_t>(row_bytes * rows);
    unsigned char* target = direct ? direct + row_bytes * y : buffer.data();
    file.clear_error();
    if (TIFFReadEncodedStrip(tif, strip, target, wanted) != wanted)
      fail(file, what, "cannot read strip " + std::to_string(strip));
    if (!direct) place_block(h, buffer.data(), h.width, 0, y, rows, image);
  }
}

void read_tiles(const TiffFile& file, const std::string& what, const ImageHeader& h,
                Section& image) {
  TIFF* tif = file.get();
  std::uint32_t tile_w = 0, tile_h = 0;
  if (!TIFFGetField(tif, TIFFTAG_TILEWIDTH, &tile_w) || !TIFFGetField(tif, TIFFTAG_TILELENGTH, &tile_h) ||
      tile_w == 0 || tile_h == 0)
    fail(file, what, "tiled image without a valid tile size");
  // Edge tiles may overhang the image, but a tile far larger than the image is a corrupt header
  // (found by fuzzing: a 6x8 image declaring 16 GB tiles).
  const auto limit = [](int extent) { return std::max<std::uint32_t>(static_cast<std::uint32_t>(extent), 1024) + 16; };
  if (tile_w > limit(h.width) || tile_h > limit(h.height))
    fail(file, what, "corrupt: tile size " + size_text(static_cast<int>(std::min<std::uint32_t>(tile_w, 1u << 30)),
                                                         static_cast<int>(std::min<std::uint32_t>(tile_h, 1u << 30))) +
                         " is far larger than the " + size_text(h.width, h.height) + " image");
  const tmsize_t tile_bytes = TIFFTileSize(tif);
  if (tile_bytes <= 0 || static_cast<std::size_t>(tile_bytes) <
                             std::size_t{tile_w} * tile_h * bytes_per_sample(h.type))
    fail(file, what, "invalid tile size");
  std::vector<unsigned char> buffer(static_cast<std::size_t>(tile_bytes));
  for (std::uint32_t y = 0; y < static_cast<std::uint32_t>(h.height); y += tile_h) {
    for (std::uint32_t x = 0; x < static_cast<std::uint32_t>(h.width); x += tile_w) {
      file.clear_error();
      if (TIFFReadTile(tif, buffer.data(), x, y, 0, 0) < 0)
        fail(file, what, "cannot read tile at " + std::to_string(x) + "," + std::to_string(y));
      place_block(h, buffer.data(), tile_w, x, y, std::min<std::uint32_t>(tile_h, h.height - y), image);
    }
  }
}

}  // namespace

ImageHeader read_tiff_header(const TiffFile& file, const std::string& what) {
  TIFF* tif = file.get();
  std::uint32_t width = 0, height = 0;
  std::uint16_t samples = 1, bits = 1, format = SAMPLEFORMAT_UINT, photometric = PHOTOMETRIC_MINISBLACK;
  if (!TIFFGetField(tif, TIFFTAG_IMAGEWIDTH, &width) || !TIFFGetField(tif, TIFFTAG_IMAGELENGTH, &height))
    fail(file, what, "missing image size");
  TIFFGetFieldDefaulted(tif, TIFFTAG_SAMPLESPERPIXEL, &samples);
  TIFFGetFieldDefaulted(tif, TIFFTAG_BITSPERSAMPLE, &bits);
  TIFFGetFieldDefaulted(tif, TIFFTAG_SAMPLEFORMAT, &format);
  TIFFGetField(tif, TIFFTAG_PHOTOMETRIC, &photometric);  // absent in some writers: greyscale

  if (samples != 1)
    fail(file, what, unsupported(std::to_string(samples) + " samples per pixel (expected greyscale)"));
  if (photometric == PHOTOMETRIC_PALETTE) fail(file, what, unsupported("palette colour (expected greyscale)"));
  if (photometric != PHOTOMETRIC_MINISBLACK && photometric != PHOTOMETRIC_MINISWHITE)
    fail(file, what, unsupported("photometric interpretation " + std::to_string(photometric) +
                                 " (expected greyscale)"));
  ImageHeader h;
  if (format == SAMPLEFORMAT_IEEEFP) {
    if (bits != 32) fail(file, what, unsupported(std::to_string(bits) + "-bit float (expected 32-bit)"));
    h.type = SampleType::float32;
  } else if (format == SAMPLEFORMAT_UINT || format == SAMPLEFORMAT_VOID) {
    switch (bits) {
      case 8: h.type = SampleType::uint8; break;
      case 16: h.type = SampleType::uint16; break;
      case 32: h.type = SampleType::uint32; break;
      default: fail(file, what, unsupported(std::to_string(bits) + "-bit integer (expected 8, 16 or 32)"));
    }
  } else if (format == SAMPLEFORMAT_INT) {
    fail(file, what, unsupported("signed " + std::to_string(bits) + "-bit integer (expected unsigned)"));
  } else {
    fail(file, what, unsupported("sample format " + std::to_string(format)));
  }
  if (width == 0 || height == 0) fail(file, what, "empty image");
  if (width > 1u << 30 || height > 1u << 30 || std::size_t{width} * height > max_section_pixels)
    fail(file, what, "image too large (" + std::to_string(width) + "x" + std::to_string(height) + ")");
  h.width = static_cast<int>(width);
  h.height = static_cast<int>(height);
  return h;
}

namespace {

// Decoded data can be far larger than what is stored (compression), but not without bound:
// deflate and LZW stay well under this ratio. It stops a corrupt header in a tiny file from
// making us allocate gigabytes before libtiff notices that the data is not there.
constexpr double kMaxExpansion = 10000.0;

void check_declared_size(const TiffFile& file, const std::string& what, const ImageHeader& h) {
  const bool tiled = TIFFIsTiled(file.get()) != 0;
  const std::uint32_t chunks = tiled ? TIFFNumberOfTiles(file.get()) : TIFFNumberOfStrips(file.get());
  std::uint64_t* counts = nullptr;
  if (!TIFFGetField(file.get(), tiled ? TIFFTAG_TILEBYTECOUNTS : TIFFTAG_STRIPBYTECOUNTS, &counts) || !counts)
    fail(file, what, "corrupt: no strip or tile byte counts");
  std::error_code ec;
  const auto file_size = std::filesystem::file_size(file.path(), ec);
  double stored = 0;
  for (std::uint32_t i = 0; i < chunks; ++i) {
    if (!ec && counts[i] > file_size) fail(file, what, "corrupt: a data block is larger than the file");
    stored += static_cast<double>(counts[i]);
  }
  const double bytes_per_sample = h.type == SampleType::uint8 ? 1 : h.type == SampleType::uint16 ? 2 : 4;
  const double decoded = static_cast<double>(h.width) * h.height * bytes_per_sample;
  if (decoded > kMaxExpansion * stored + 65536.0)
    fail(file, what, "corrupt: " + size_text(h.width, h.height) + " image declared with only " +
                         std::to_string(static_cast<std::uint64_t>(stored)) + " bytes of data");
}

}  // namespace

Section read_tiff_pixels(const TiffFile& file, const std::string& what) {
  const ImageHeader h = read_tiff_header(file, what);
  check_declared_size(file, what, h);
  Section image;
  image.width = h.width;
  image.height = h.height;
  try {
    const std::size_t count = std::size_t{static_cast<std::uint32_t>(h.width)} * static_cast<std::uint32_t>(h.height);
    if (h.type == SampleType::uint8) {
      image.depth = PixelDepth::uint8;
      image.pixels8.resize(count);
    } else if (h.type == SampleType::uint16) {
      image.depth = PixelDepth::uint16;
      image.pixels16.resize(count);
    } else {
      image.pixels.resize(count);
    }
    if (TIFFIsTiled(file.get()))
      read_tiles(file, what, h, image);
    else
      read_strips(file, what, h, image);
  } catch (const std::bad_alloc&) {
    fail(file, what, "out of memory for a " + size_text(h.width, h.height) + " image");
  }
  return image;
}

void select_tiff_page(const TiffFile& file, int page, const std::string& what) {
  file.clear_error();
  if (page < 0 || !TIFFSetDirectory(file.get(), static_cast<tdir_t>(page)))
    fail(file, what, "no page " + std::to_string(page));
}

}  // namespace zspace::io
