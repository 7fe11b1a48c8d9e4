#include "io/png_reader.hpp"

#include <png.h>

#include <bit>
#include <csetjmp>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <new>
#include <string>
#include <vector>

#include "io/io_util.hpp"
#include "zspace/engine/errors.hpp"

namespace zspace::io {
namespace {

// libpng reports errors by calling a handler that must not return. Throwing a C++ exception
// through libpng's C frames is undefined, so the handler longjmps back into PngDecoder, whose
// methods that call setjmp keep only trivially destructible locals.
struct PngFailure {
  std::jmp_buf jump;
  char message[256] = {};
};

extern "C" void png_on_error(png_structp png, png_const_charp message) {
  auto* failure = static_cast<PngFailure*>(png_get_error_ptr(png));
  std::snprintf(failure->message, sizeof failure->message, "%s", message ? message : "libpng error");
  std::longjmp(failure->jump, 1);
}

// Warnings (bad ancillary chunks, CRC of a text chunk) do not affect the pixels; stay silent.
extern "C" void png_on_warning(png_structp, png_const_charp) {}

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

class PngDecoder {
 public:
  explicit PngDecoder(const std::filesystem::path& path) : path_(path) {
    file_.reset(std::fopen(path.c_str(), "rb"));
    if (!file_) throw DataError(path_.string() + ": cannot open: " + errno_text());
    unsigned char signature[8] = {};
    const std::size_t got = std::fread(signature, 1, sizeof signature, file_.get());
    if (got == 0) fail("empty file (not a PNG)");
    if (got < sizeof signature || png_sig_cmp(signature, 0, sizeof signature) != 0)
      fail(got < sizeof signature ? "not a PNG file (too short)" : "not a PNG file");
    png_ = png_create_read_struct(PNG_LIBPNG_VER_STRING, &failure_, png_on_error, png_on_warning);
    if (!png_) fail("out of memory");
    info_ = png_create_info_struct(png_);
    if (!info_) fail("out of memory");
  }
  ~PngDecoder() { png_destroy_read_struct(&png_, &info_, nullptr); }
  PngDecoder(const PngDecoder&) = delete;
  PngDecoder& operator=(const PngDecoder&) = delete;

  // Reads the header and sets up the transforms that give one unscaled sample per pixel.
  ImageHeader header() {
    if (!read_info()) fail(std::string("corrupt or truncated PNG: ") + failure_.message);
    if (color_type_ != PNG_COLOR_TYPE_GRAY) fail(std::string("unsupported pixel type: ") +
                                                 colour_name(color_type_) + " (expected greyscale)");
    if (width_ == 0 || height_ == 0) fail("empty image");
    if (std::size_t{width_} * height_ > max_section_pixels) fail("image too large");
    ImageHeader h;
    h.width = static_cast<int>(width_);
    h.height = static_cast<int>(height_);
    h.type = bit_depth_ == 16 ? SampleType::uint16 : SampleType::uint8;
    return h;
  }

  // Decodes straight into the section's pixel vector: libpng writes each row where it belongs.
  Section pixels() {
    const ImageHeader h = header();
    Section image;
    image.width = h.width;
    image.height = h.height;
    const std::size_t w = static_cast<std::size_t>(h.width);
    const std::size_t bytes_per_sample = h.type == SampleType::uint16 ? 2 : 1;
    if (png_get_rowbytes(png_, info_) != w * bytes_per_sample) fail("unexpected row size after decoding");
    std::vector<png_bytep> rows;
    try {
      if (h.type == SampleType::uint16) {
        image.depth = PixelDepth::uint16;
        image.pixels16.resize(w * h.height);
      } else {
        image.depth = PixelDepth::uint8;
        image.pixels8.resize(w * h.height);
      }
      rows.resize(h.height);
    } catch (const std::bad_alloc&) {
      fail("out of memory for a " + size_text(h.width, h.height) + " image");
    }
    auto* first = h.type == SampleType::uint16 ? reinterpret_cast<png_bytep>(image.pixels16.data())
                                               : reinterpret_cast<png_bytep>(image.pixels8.data());
    for (int y = 0; y < h.height; ++y) rows[y] = first + w * bytes_per_sample * y;
    if (!read_rows(rows.data())) fail(std::string("corrupt or truncated PNG: ") + failure_.message);
    return image;
  }

 private:
  bool read_info() {
    if (setjmp(failure_.jump)) return false;
    png_init_io(png_, file_.get());
    png_set_sig_bytes(png_, 8);
    png_read_info(png_, info_);
    int interlace = 0;
    png_get_IHDR(png_, info_, &width_, &height_, &bit_depth_, &color_type_, &interlace, nullptr,
                 nullptr);
    if (color_type_ != PNG_COLOR_TYPE_GRAY) return true;
    // 1/2/4-bit samples become one byte each, keeping their values (no scaling to 0..255).
    if (bit_depth_ < 8) png_set_packing(png_);
    // PNG stores 16-bit samples big-endian; libpng swaps them so rows decode as host integers.
    if (bit_depth_ == 16 && std::endian::native == std::endian::little) png_set_swap(png_);
    png_set_interlace_handling(png_);
    png_read_update_info(png_, info_);
    return true;
  }

  bool read_rows(png_bytepp rows) {
    if (setjmp(failure_.jump)) return false;
    png_read_image(png_, rows);
    return true;
  }

  static const char* colour_name(int type) {
    switch (type) {
      case PNG_COLOR_TYPE_GRAY_ALPHA: return "greyscale with alpha";
      case PNG_COLOR_TYPE_PALETTE: return "palette colour";
      case PNG_COLOR_TYPE_RGB: return "RGB";
      case PNG_COLOR_TYPE_RGB_ALPHA: return "RGBA";
      default: return "unknown colour type";
    }
  }

  [[noreturn]] void fail(const std::string& reason) const {
    throw DataError(path_.string() + ": " + one_line(reason));
  }

  std::filesystem::path path_;
  std::unique_ptr<std::FILE, FileCloser> file_;
  PngFailure failure_;
  png_structp png_ = nullptr;
  png_infop info_ = nullptr;
  png_uint_32 width_ = 0;
  png_uint_32 height_ = 0;
  int bit_depth_ = 0;
  int color_type_ = 0;
};

}  // namespace

ImageHeader read_png_header(const std::filesystem::path& path) { return PngDecoder(path).header(); }

Section read_png(const std::filesystem::path& path) { return PngDecoder(path).pixels(); }

}  // namespace zspace::io
