#include <bit>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "common/number_text.hpp"
#include "corrected/slice_sink.hpp"
#include "io/io_util.hpp"
#include "zspace/engine/errors.hpp"

namespace zspace::corrected {
namespace {

// TIFF field types and tags used here (TIFF 6.0 and BigTIFF).
constexpr std::uint16_t kAscii = 2, kShort = 3, kLong = 4, kRational = 5, kLong8 = 16;
constexpr std::uint16_t kNewSubfileType = 254, kImageWidth = 256, kImageLength = 257, kBitsPerSample = 258,
                        kCompression = 259, kPhotometric = 262, kImageDescription = 270, kStripOffsets = 273,
                        kSamplesPerPixel = 277, kRowsPerStrip = 278, kStripByteCounts = 279, kXResolution = 282,
                        kYResolution = 283, kPlanarConfig = 284, kResolutionUnit = 296, kSampleFormat = 339;

std::uint64_t bytes_per_pixel(PixelDepth depth) {
  switch (depth) {
    case PixelDepth::uint8: return 1;
    case PixelDepth::uint16: return 2;
    default: return 4;
  }
}

std::uint64_t even(std::uint64_t n) { return n + (n & 1u); }

// The closest fraction with 32-bit numerator and denominator (continued fractions), so that
// 1/8 nm or 1/3.8 nm come out exact rather than rounded to a fixed denominator.
std::pair<std::uint32_t, std::uint32_t> to_rational(double value) {
  constexpr double top = 4294967295.0;
  double h0 = 0, h1 = 1, k0 = 1, k1 = 0;
  double x = value;
  for (int step = 0; step < 64; ++step) {
    const double a = std::floor(x);
    if (a > top) break;
    const double h2 = a * h1 + h0;
    const double k2 = a * k1 + k0;
    if (h2 > top || k2 > top) break;
    h0 = h1, h1 = h2, k0 = k1, k1 = k2;
    const double rest = x - a;
    if (rest <= 0) break;
    x = 1.0 / rest;
  }
  if (k1 == 0 || h1 == 0) return {1, static_cast<std::uint32_t>(top)};  // below 1 / 2^32
  return {static_cast<std::uint32_t>(h1), static_cast<std::uint32_t>(k1)};
}

struct Entry {
  std::uint16_t tag = 0;
  std::uint16_t type = 0;
  std::uint64_t count = 1;
  std::uint64_t value = 0;  // the value itself when it fits the entry, else where it lies
};

// Writes the stack the way ImageJ itself does: all pixel data back to back (ImageJ and
// tifffile read an ImageJ stack from the first page's offset on, as one block), one strip per
// page, uncompressed, little-endian. The directories follow the data, so pages stream straight
// to disk and only the layout is computed ahead.
class TiffSink final : public SliceSink {
 public:
  TiffSink(const std::filesystem::path& path, const StackShape& shape)
      : path_(path.string()), shape_(shape), description_(imagej_description(shape)) {
    page_bytes_ = static_cast<std::uint64_t>(shape.width) * static_cast<std::uint64_t>(shape.height) *
                  bytes_per_pixel(shape.depth);
    big_ = !layout(false);
    if (big_) layout(true);
    file_ = std::fopen(path_.c_str(), "wb");
    if (!file_) throw DataError(path_ + ": cannot create: " + io::errno_text());
    std::setvbuf(file_, nullptr, _IOFBF, std::size_t{1} << 20);
    std::vector<unsigned char> header;
    put(header, 0x4949, 2);  // "II": little-endian
    if (big_) {
      put(header, 43, 2);
      put(header, 8, 2);
      put(header, 0, 2);
      put(header, ifd_offset(0), 8);
    } else {
      put(header, 42, 2);
      put(header, ifd_offset(0), 4);
    }
    emit(header.data(), header.size(), "header");
  }

  ~TiffSink() override {
    if (file_) std::fclose(file_);
  }

  void write(const Section& slice) override {
    if (page_ == shape_.slices)
      throw DataError(path_ + ": more slices than the " + std::to_string(shape_.slices) + " announced");
    const std::string what = "page " + std::to_string(page_);
    const std::size_t n = slice.size();
    if constexpr (std::endian::native == std::endian::little) {
      switch (slice.depth) {
        case PixelDepth::uint8: emit(slice.pixels8.data(), n, what); break;
        case PixelDepth::uint16: emit(slice.pixels16.data(), n * 2, what); break;
        default: emit(slice.pixels.data(), n * 4, what); break;
      }
    } else {
      std::vector<unsigned char> bytes;
      bytes.reserve(n * bytes_per_pixel(slice.depth));
      for (std::size_t k = 0; k < n; ++k) {
        switch (slice.depth) {
          case PixelDepth::uint8: put(bytes, slice.pixels8[k], 1); break;
          case PixelDepth::uint16: put(bytes, slice.pixels16[k], 2); break;
          default: put(bytes, std::bit_cast<std::uint32_t>(slice.pixels[k]), 4); break;
        }
      }
      emit(bytes.data(), bytes.size(), what);
    }
    ++page_;
  }

  void finish() override {
    if (page_ != shape_.slices)
      throw DataError(path_ + ": " + std::to_string(page_) + " of " + std::to_string(shape_.slices) +
                      " slices written");
    std::vector<unsigned char> tail;
    pad_to(tail, extras_offset_);
    for (const char c : description_) tail.push_back(static_cast<unsigned char>(c));
    tail.push_back(0);
    pad_to(tail, rationals_offset_);
    if (shape_.voxel_size && !big_) {
      for (const auto& [num, den] : resolution_) {
        put(tail, num, 4);
        put(tail, den, 4);
      }
    }
    for (std::size_t k = 0; k < shape_.slices; ++k) {
      pad_to(tail, ifd_offset(k));
      const std::vector<Entry> entries = entries_of(k);
      put(tail, entries.size(), big_ ? 8 : 2);
      for (const Entry& e : entries) {
        put(tail, e.tag, 2);
        put(tail, e.type, 2);
        put(tail, e.count, big_ ? 8 : 4);
        put(tail, e.value, big_ ? 8 : 4);
      }
      put(tail, k + 1 < shape_.slices ? ifd_offset(k + 1) : 0, big_ ? 8 : 4);
      if (tail.size() >= (std::size_t{1} << 20)) flush_tail(tail);
    }
    flush_tail(tail);
    std::FILE* file = file_;
    file_ = nullptr;
    if (std::fclose(file) != 0) throw DataError(path_ + ": cannot write: " + io::errno_text());
  }

 private:
  // Where everything goes. Returns false if the file would not fit classic TIFF's 32-bit offsets.
  bool layout(bool big) {
    big_ = big;
    const std::uint64_t data_end = (big ? 16 : 8) + page_bytes_ * shape_.slices;
    extras_offset_ = even(data_end);
    rationals_offset_ = even(extras_offset_ + description_.size() + 1);
    if (shape_.voxel_size)
      resolution_ = {to_rational(1.0 / (*shape_.voxel_size)[0]), to_rational(1.0 / (*shape_.voxel_size)[1])};
    // BigTIFF holds a rational inside the entry; classic TIFF points to it.
    first_ifd_ = even(rationals_offset_ + (shape_.voxel_size && !big ? 16 : 0));
    return ifd_offset(shape_.slices) <= 0xFFFFFFFFull;
  }

  // Directory sizes are even, so directories stay word-aligned back to back; page 0's holds
  // one entry more (the description). ifd_offset(M) is the end of the file.
  std::uint64_t ifd_size(std::size_t page) const {
    const std::uint64_t n = entry_count(page);
    return big_ ? 8 + n * 20 + 8 : 2 + n * 12 + 4;
  }
  std::uint64_t ifd_offset(std::size_t page) const {
    return page == 0 ? first_ifd_ : first_ifd_ + ifd_size(0) + (page - 1) * ifd_size(1);
  }

  std::uint64_t entry_count(std::size_t page) const {
    return 12 + (page == 0 ? 1 : 0) + (shape_.voxel_size ? 3 : 0);
  }

  std::vector<Entry> entries_of(std::size_t page) const {
    const std::uint16_t offset_type = big_ ? kLong8 : kLong;
    const auto bits = static_cast<std::uint64_t>(bytes_per_pixel(shape_.depth) * 8);
    std::vector<Entry> e;
    e.push_back({kNewSubfileType, kLong, 1, 0});
    e.push_back({kImageWidth, kLong, 1, static_cast<std::uint64_t>(shape_.width)});
    e.push_back({kImageLength, kLong, 1, static_cast<std::uint64_t>(shape_.height)});
    e.push_back({kBitsPerSample, kShort, 1, bits});
    e.push_back({kCompression, kShort, 1, 1});  // none
    e.push_back({kPhotometric, kShort, 1, 1});  // black is zero
    // ImageJ reads the description of the first page only.
    if (page == 0) e.push_back({kImageDescription, kAscii, description_.size() + 1, extras_offset_});
    e.push_back({kStripOffsets, offset_type, 1, (big_ ? 16u : 8u) + page_bytes_ * page});
    e.push_back({kSamplesPerPixel, kShort, 1, 1});
    e.push_back({kRowsPerStrip, kLong, 1, static_cast<std::uint64_t>(shape_.height)});
    e.push_back({kStripByteCounts, offset_type, 1, page_bytes_});
    if (shape_.voxel_size) {
      // What ImageJ writes for a unit TIFF has no code for: pixels per unit, unit "none", and
      // the unit itself (nm) in the description.
      for (std::size_t axis = 0; axis < 2; ++axis) {
        const auto& [num, den] = resolution_[axis];
        const std::uint64_t value = big_ ? (std::uint64_t{den} << 32 | num) : rationals_offset_ + 8 * axis;
        e.push_back({axis == 0 ? kXResolution : kYResolution, kRational, 1, value});
      }
    }
    e.push_back({kPlanarConfig, kShort, 1, 1});
    if (shape_.voxel_size) e.push_back({kResolutionUnit, kShort, 1, 1});
    e.push_back({kSampleFormat, kShort, 1, shape_.depth == PixelDepth::float32 ? 3u : 1u});
    return e;
  }

  static void put(std::vector<unsigned char>& out, std::uint64_t value, int bytes) {
    for (int i = 0; i < bytes; ++i) out.push_back(static_cast<unsigned char>(value >> (8 * i)));
  }

  // Zero bytes up to file offset `offset` (the tail buffer starts at written_).
  void pad_to(std::vector<unsigned char>& tail, std::uint64_t offset) const {
    while (written_ + tail.size() < offset) tail.push_back(0);
  }

  void flush_tail(std::vector<unsigned char>& tail) {
    emit(tail.data(), tail.size(), "image directories");
    tail.clear();
  }

  void emit(const void* data, std::size_t bytes, const std::string& what) {
    if (bytes == 0) return;
    errno = 0;
    if (std::fwrite(data, 1, bytes, file_) != bytes)
      throw DataError(path_ + ": cannot write " + what + ": " + (errno ? io::errno_text() : "write failed"));
    written_ += bytes;
  }

  std::string path_;
  StackShape shape_;
  std::string description_;
  std::uint64_t page_bytes_ = 0;
  bool big_ = false;
  std::uint64_t extras_offset_ = 0;
  std::uint64_t rationals_offset_ = 0;
  std::uint64_t first_ifd_ = 0;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> resolution_;
  std::FILE* file_ = nullptr;
  std::uint64_t written_ = 0;
  std::size_t page_ = 0;
};

}  // namespace

std::string imagej_description(const StackShape& shape) {
  // "1.11a" is the version tifffile writes too; ImageJ only needs one to be there.
  const std::string m = std::to_string(shape.slices);
  std::string text = "ImageJ=1.11a\nimages=" + m + "\nslices=" + m + "\n";
  if (shape.voxel_size) text += "unit=nm\nspacing=" + format_double(shape.spacing * (*shape.voxel_size)[2]) + "\n";
  text += "loop=false\n";
  return text;
}

std::unique_ptr<SliceSink> make_tiff_sink(const std::filesystem::path& path, const StackShape& shape) {
  return std::make_unique<TiffSink>(path, shape);
}

}  // namespace zspace::corrected
