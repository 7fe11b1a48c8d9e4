#pragma once
// Test fixtures for the image readers, written with libtiff and libpng directly so the code
// under test does not grade its own homework.

#include <png.h>
#include <tiffio.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "test_support.hpp"
#include "zspace/engine/stack_reader.hpp"

namespace zspace::test {

/// Pixel values chosen to exercise the full range of a type, deterministic per seed.
inline std::vector<double> pattern(int width, int height, double max_value, int seed = 0) {
  std::vector<double> v(static_cast<std::size_t>(width) * height);
  for (std::size_t i = 0; i < v.size(); ++i)
    v[i] = static_cast<double>((i * 7919 + static_cast<std::size_t>(seed) * 104729) %
                               (static_cast<std::size_t>(max_value) + 1));
  if (!v.empty()) v.back() = max_value;  // the extreme value must survive too
  return v;
}

/// Greyscale PNG (8 or 16 bit) or, with channels 3, RGB; written with the simplified API.
inline void write_png(const fs::path& path, int width, int height, const std::vector<double>& values,
                      int bits = 8, int channels = 1) {
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  image.width = static_cast<png_uint_32>(width);
  image.height = static_cast<png_uint_32>(height);
  image.format = channels == 3 ? PNG_FORMAT_RGB : PNG_FORMAT_GRAY;
  if (bits == 16) image.format |= PNG_FORMAT_FLAG_LINEAR;
  int ok = 0;
  if (bits == 16) {
    std::vector<png_uint_16> buf(values.size() * channels);
    for (std::size_t i = 0; i < buf.size(); ++i) buf[i] = static_cast<png_uint_16>(values[i / channels]);
    ok = png_image_write_to_file(&image, path.c_str(), 0, buf.data(), 0, nullptr);
  } else {
    std::vector<png_byte> buf(values.size() * channels);
    for (std::size_t i = 0; i < buf.size(); ++i) buf[i] = static_cast<png_byte>(values[i / channels]);
    ok = png_image_write_to_file(&image, path.c_str(), 0, buf.data(), 0, nullptr);
  }
  if (!ok) throw std::runtime_error("fixture: png write failed: " + std::string(image.message));
}

struct TiffPage {
  int width = 0;
  int height = 0;
  int bits = 8;
  int sample_format = SAMPLEFORMAT_UINT;
  std::vector<double> values;  // width*height (times samples)
  int samples = 1;
};

struct TiffLayout {
  bool bigtiff = false;
  int tile = 0;  // tile edge (multiple of 16); 0 = strips
  int rows_per_strip = 0;  // 0 = libtiff default
  int compression = COMPRESSION_NONE;
};

template <typename T>
std::vector<unsigned char> pack(const std::vector<double>& values) {
  std::vector<unsigned char> bytes(values.size() * sizeof(T));
  for (std::size_t i = 0; i < values.size(); ++i) {
    const T v = static_cast<T>(values[i]);
    std::memcpy(bytes.data() + i * sizeof(T), &v, sizeof(T));
  }
  return bytes;
}

inline std::vector<unsigned char> pack_page(const TiffPage& p) {
  const bool fp = p.sample_format == SAMPLEFORMAT_IEEEFP;
  const bool sint = p.sample_format == SAMPLEFORMAT_INT;
  switch (p.bits) {
    case 8: return sint ? pack<std::int8_t>(p.values) : pack<std::uint8_t>(p.values);
    case 16: return sint ? pack<std::int16_t>(p.values) : pack<std::uint16_t>(p.values);
    case 32: return fp ? pack<float>(p.values) : sint ? pack<std::int32_t>(p.values) : pack<std::uint32_t>(p.values);
    case 64: return fp ? pack<double>(p.values) : pack<std::uint64_t>(p.values);
  }
  throw std::runtime_error("fixture: bad bits");
}

/// One TIFF page per entry (multi-page when several), strips or tiles, any compression.
inline void write_tiff(const fs::path& path, const std::vector<TiffPage>& pages, const TiffLayout& layout = {}) {
  TIFF* tif = TIFFOpen(path.c_str(), layout.bigtiff ? "w8" : "w");
  if (!tif) throw std::runtime_error("fixture: cannot create " + path.string());
  for (const TiffPage& p : pages) {
    TIFFSetField(tif, TIFFTAG_IMAGEWIDTH, static_cast<std::uint32_t>(p.width));
    TIFFSetField(tif, TIFFTAG_IMAGELENGTH, static_cast<std::uint32_t>(p.height));
    TIFFSetField(tif, TIFFTAG_SAMPLESPERPIXEL, static_cast<std::uint16_t>(p.samples));
    TIFFSetField(tif, TIFFTAG_BITSPERSAMPLE, static_cast<std::uint16_t>(p.bits));
    TIFFSetField(tif, TIFFTAG_SAMPLEFORMAT, static_cast<std::uint16_t>(p.sample_format));
    TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, p.samples == 3 ? PHOTOMETRIC_RGB : PHOTOMETRIC_MINISBLACK);
    TIFFSetField(tif, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
    TIFFSetField(tif, TIFFTAG_COMPRESSION, static_cast<std::uint16_t>(layout.compression));
    const std::vector<unsigned char> bytes = pack_page(p);
    const std::size_t pixel_bytes = static_cast<std::size_t>(p.bits / 8) * p.samples;
    if (layout.tile > 0) {
      TIFFSetField(tif, TIFFTAG_TILEWIDTH, static_cast<std::uint32_t>(layout.tile));
      TIFFSetField(tif, TIFFTAG_TILELENGTH, static_cast<std::uint32_t>(layout.tile));
      std::vector<unsigned char> tile(static_cast<std::size_t>(TIFFTileSize(tif)), 0);
      for (int ty = 0; ty < p.height; ty += layout.tile)
        for (int tx = 0; tx < p.width; tx += layout.tile) {
          std::fill(tile.begin(), tile.end(), 0xAB);  // padding must never leak into the image
          for (int y = ty; y < std::min(ty + layout.tile, p.height); ++y)
            for (int x = tx; x < std::min(tx + layout.tile, p.width); ++x)
              std::memcpy(tile.data() + (static_cast<std::size_t>(y - ty) * layout.tile + (x - tx)) * pixel_bytes,
                          bytes.data() + (static_cast<std::size_t>(y) * p.width + x) * pixel_bytes, pixel_bytes);
          if (TIFFWriteTile(tif, tile.data(), static_cast<std::uint32_t>(tx), static_cast<std::uint32_t>(ty), 0, 0) < 0)
            throw std::runtime_error("fixture: tile write failed");
        }
    } else {
      TIFFSetField(tif, TIFFTAG_ROWSPERSTRIP,
                   layout.rows_per_strip > 0 ? static_cast<std::uint32_t>(layout.rows_per_strip)
                                             : TIFFDefaultStripSize(tif, 0));
      std::vector<unsigned char> row(static_cast<std::size_t>(p.width) * pixel_bytes);
      for (int y = 0; y < p.height; ++y) {
        std::memcpy(row.data(), bytes.data() + static_cast<std::size_t>(y) * row.size(), row.size());
        if (TIFFWriteScanline(tif, row.data(), static_cast<std::uint32_t>(y), 0) < 0)
          throw std::runtime_error("fixture: scanline write failed");
      }
    }
    if (!TIFFWriteDirectory(tif)) throw std::runtime_error("fixture: directory write failed");
  }
  TIFFClose(tif);
}

/// An 8-bit single-strip TIFF laid out by hand with its directory *before* the pixel data
/// (libtiff writes it after), so truncating the file damages the pixels but not the header.
inline void write_header_first_tiff(const fs::path& path, std::uint32_t width, std::uint32_t height) {
  std::vector<unsigned char> out;
  auto u16 = [&](std::uint16_t v) { out.push_back(v & 0xff); out.push_back(v >> 8); };
  auto u32 = [&](std::uint32_t v) { for (int i = 0; i < 4; ++i) out.push_back((v >> (8 * i)) & 0xff); };
  auto entry = [&](std::uint16_t tag, std::uint16_t type, std::uint32_t value) {
    u16(tag);
    u16(type);
    u32(1);
    if (type == 3) { u16(static_cast<std::uint16_t>(value)); u16(0); } else { u32(value); }
  };
  const std::uint16_t entries = 8;
  const std::uint32_t data_offset = 8 + 2 + entries * 12 + 4;
  out.push_back('I'); out.push_back('I'); u16(42); u32(8);
  u16(entries);
  entry(256, 4, width);
  entry(257, 4, height);
  entry(258, 3, 8);             // bits per sample
  entry(259, 3, 1);             // no compression
  entry(262, 3, 1);             // min-is-black
  entry(273, 4, data_offset);   // strip offset
  entry(278, 4, height);        // rows per strip
  entry(279, 4, width * height);  // strip byte count
  u32(0);  // no next directory
  for (std::uint32_t i = 0; i < width * height; ++i) out.push_back(static_cast<unsigned char>(i));
  std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(out.data()),
                                               static_cast<std::streamsize>(out.size()));
}

/// Cuts a file to `fraction` of its size, as an interrupted copy would.
inline void truncate_file(const fs::path& path, double fraction) {
  fs::resize_file(path, static_cast<std::uintmax_t>(static_cast<double>(fs::file_size(path)) * fraction));
}


/// Redirects file descriptor 2 into a file while alive; text() returns what was written.
class StderrCapture {
 public:
  explicit StderrCapture(const fs::path& file) : file_(file) {
    std::fflush(stderr);
    saved_ = ::dup(2);
    std::FILE* f = std::fopen(file.c_str(), "w");
    ::dup2(::fileno(f), 2);
    std::fclose(f);
  }
  ~StderrCapture() { restore(); }
  StderrCapture(const StderrCapture&) = delete;
  StderrCapture& operator=(const StderrCapture&) = delete;
  std::string text() {
    restore();
    std::ifstream in(file_);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }

 private:
  void restore() {
    if (saved_ < 0) return;
    std::fflush(stderr);
    ::dup2(saved_, 2);
    ::close(saved_);
    saved_ = -1;
  }
  fs::path file_;
  int saved_ = -1;
};

/// Reads every section of `stack` from four threads at once (section i on thread i % 4).
inline std::vector<Section> read_concurrently(const StackReader& stack) {
  const std::size_t n = stack.size();
  std::vector<Section> results(n);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (std::size_t i = t; i < n; i += 4) results[i] = stack.read(i);
    });
  for (auto& t : threads) t.join();
  return results;
}

}  // namespace zspace::test
