#include "report/png.hpp"

#include <zlib.h>

#include <stdexcept>

namespace zspace::report {
namespace {

void put_u32(std::string& out, std::uint32_t v) {
  out += static_cast<char>((v >> 24) & 0xff);
  out += static_cast<char>((v >> 16) & 0xff);
  out += static_cast<char>((v >> 8) & 0xff);
  out += static_cast<char>(v & 0xff);
}

void put_chunk(std::string& out, const char (&type)[5], std::string_view data) {
  put_u32(out, static_cast<std::uint32_t>(data.size()));
  const std::size_t start = out.size();
  out.append(type, 4);
  out.append(data);
  const auto* bytes = reinterpret_cast<const Bytef*>(out.data() + start);
  put_u32(out, static_cast<std::uint32_t>(crc32(crc32(0L, Z_NULL, 0), bytes, static_cast<uInt>(out.size() - start))));
}

std::string deflate(const std::string& raw) {
  uLongf size = compressBound(static_cast<uLong>(raw.size()));
  std::string out(size, '\0');
  if (compress2(reinterpret_cast<Bytef*>(out.data()), &size, reinterpret_cast<const Bytef*>(raw.data()),
                static_cast<uLong>(raw.size()), Z_BEST_COMPRESSION) != Z_OK)
    throw std::runtime_error("PNG encoding: zlib compression failed");
  out.resize(size);
  return out;
}

}  // namespace

std::string indexed_png(int width, int height, const std::vector<std::uint8_t>& pixels,
                        const std::vector<Rgb>& palette) {
  if (width <= 0 || height <= 0) throw std::invalid_argument("indexed_png: empty image");
  const auto w = static_cast<std::size_t>(width), h = static_cast<std::size_t>(height);
  if (pixels.size() != w * h) throw std::invalid_argument("indexed_png: pixel count differs from width*height");
  if (palette.empty() || palette.size() > 256) throw std::invalid_argument("indexed_png: palette needs 1..256 colours");
  for (std::uint8_t p : pixels)
    if (p >= palette.size()) throw std::invalid_argument("indexed_png: pixel index outside the palette");

  std::string out("\x89PNG\r\n\x1a\n", 8);
  std::string header;
  put_u32(header, static_cast<std::uint32_t>(width));
  put_u32(header, static_cast<std::uint32_t>(height));
  header += '\x08';  // bit depth
  header += '\x03';  // colour type: indexed
  header.append(3, '\0');  // compression, filter, interlace
  put_chunk(out, "IHDR", header);

  std::string colours;
  for (const Rgb& c : palette)
    for (std::uint8_t v : c) colours += static_cast<char>(v);
  put_chunk(out, "PLTE", colours);

  // Filter type 0 (none) on every row: the images are smooth colour-index fields that zlib
  // compresses well as they are.
  std::string raw;
  raw.reserve(h * (w + 1));
  for (std::size_t y = 0; y < h; ++y) {
    raw += '\0';
    raw.append(reinterpret_cast<const char*>(pixels.data() + y * w), w);
  }
  put_chunk(out, "IDAT", deflate(raw));
  put_chunk(out, "IEND", "");
  return out;
}

std::string base64(std::string_view bytes) {
  static constexpr char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const std::uint32_t v = static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 16 |
                            static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8 |
                            static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 2]));
    out += digits[(v >> 18) & 63];
    out += digits[(v >> 12) & 63];
    out += digits[(v >> 6) & 63];
    out += digits[v & 63];
  }
  const std::size_t rest = bytes.size() - i;
  if (rest > 0) {
    std::uint32_t v = static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 16;
    if (rest == 2) v |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8;
    out += digits[(v >> 18) & 63];
    out += digits[(v >> 12) & 63];
    out += rest == 2 ? digits[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::string png_data_uri(std::string_view png) { return "data:image/png;base64," + base64(png); }

}  // namespace zspace::report
