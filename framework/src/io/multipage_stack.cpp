#include "io/multipage_stack.hpp"

#include <cstdint>
#include <fstream>
#include <stdexcept>
#include <system_error>

#include "io/tiff_reader.hpp"
#include "zspace/engine/errors.hpp"

namespace zspace::io {

namespace {

// libtiff treats a next-page offset that lies beyond the end of the file as the end of the
// chain, so a stack cut between pages would read as a shorter stack. Walk the chain of image
// directories in the raw file and refuse any link that points outside it.
void check_directory_chain(const std::filesystem::path& path, const std::string& label) {
  std::ifstream in(path, std::ios::binary);
  std::error_code ec;
  const std::uint64_t size = std::filesystem::file_size(path, ec);
  if (!in || ec) return;  // libtiff has opened it; its own errors cover unreadable files
  unsigned char header[16] = {};
  in.read(reinterpret_cast<char*>(header), sizeof header);
  const bool little = header[0] == 'I';
  auto number = [&](const unsigned char* b, int n) {
    std::uint64_t v = 0;
    for (int i = 0; i < n; ++i) v |= std::uint64_t{b[little ? i : n - 1 - i]} << (8 * i);
    return v;
  };
  const bool big = number(header + 2, 2) == 43;
  const int offset_size = big ? 8 : 4, count_size = big ? 8 : 2, entry_size = big ? 20 : 12;
  std::uint64_t offset = number(header + (big ? 8 : 4), offset_size);
  for (std::size_t page = 0; offset != 0; ++page) {
    unsigned char buf[8] = {};
    if (offset + static_cast<std::uint64_t>(count_size) > size || page > 10'000'000) {
      throw DataError(label + "#" + std::to_string(page) +
                      ": truncated or corrupt: its image directory lies beyond the end of the file");
    }
    in.seekg(static_cast<std::streamoff>(offset));
    in.read(reinterpret_cast<char*>(buf), count_size);
    const std::uint64_t entries = number(buf, count_size);
    const std::uint64_t next_at = offset + static_cast<std::uint64_t>(count_size) + entries * static_cast<std::uint64_t>(entry_size);
    if (entries > size || next_at + static_cast<std::uint64_t>(offset_size) > size) {
      throw DataError(label + "#" + std::to_string(page) +
                      ": truncated or corrupt: its image directory runs past the end of the file");
    }
    in.seekg(static_cast<std::streamoff>(next_at));
    in.read(reinterpret_cast<char*>(buf), offset_size);
    const std::uint64_t next = number(buf, offset_size);
    if (next != 0 && next <= offset) break;  // a loop or a backward link: libtiff rejects those itself
    offset = next;
  }
}

}  // namespace

MultipageStack::MultipageStack(const std::filesystem::path& path)
    : file_(path, "r"), file_name_(path.filename().string()) {
  TIFF* tif = file_.get();
  check_directory_chain(path, path.string());
  for (;;) {
    const std::size_t page = offsets_.size();
    const ImageHeader h = read_tiff_header(file_, where(page));
    if (page == 0) {
      width_ = h.width;
      height_ = h.height;
    } else if (h.width != width_ || h.height != height_) {
      throw DataError(where(page) + ": section size " + size_text(h.width, h.height) +
                      " differs from " + size_text(width_, height_) + " of page 0");
    }
    offsets_.push_back(TIFFCurrentDirOffset(tif));
    if (TIFFLastDirectory(tif)) break;
    file_.clear_error();
    // A following page that cannot be read is damage, not the end of the stack.
    if (!TIFFReadDirectory(tif))
      throw DataError(tiff_message(where(offsets_.size()), "cannot read page", file_));
  }
}

std::string MultipageStack::name(std::size_t i) const {
  if (i >= offsets_.size())
    throw std::out_of_range("page " + std::to_string(i) + " of " + std::to_string(offsets_.size()));
  return file_name_ + "#" + std::to_string(i);
}

std::string MultipageStack::where(std::size_t page) const {
  return file_.path().string() + "#" + std::to_string(page);
}

Section MultipageStack::read(std::size_t i) const {
  const std::string source = name(i);
  Section section;
  {
    const std::lock_guard lock(mutex_);
    file_.clear_error();
    if (!TIFFSetSubDirectory(file_.get(), offsets_[i]))
      throw DataError(tiff_message(where(i), "cannot read page", file_));
    section = read_tiff_pixels(file_, where(i));
  }
  if (section.width != width_ || section.height != height_)
    throw DataError(where(i) + ": section size " + size_text(section.width, section.height) +
                    " differs from " + size_text(width_, height_) + " of page 0");
  section.index = i;
  section.source = source;
  return section;
}

}  // namespace zspace::io
