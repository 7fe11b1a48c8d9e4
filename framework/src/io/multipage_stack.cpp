#include "io/multipage_stack.hpp"

#include <stdexcept>

#include "io/tiff_reader.hpp"
#include "zspace/engine/errors.hpp"

namespace zspace::io {

MultipageStack::MultipageStack(const std::filesystem::path& path)
    : file_(path, "r"), file_name_(path.filename().string()) {
  TIFF* tif = file_.get();
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
  FloatImage image;
  {
    const std::lock_guard lock(mutex_);
    file_.clear_error();
    if (!TIFFSetSubDirectory(file_.get(), offsets_[i]))
      throw DataError(tiff_message(where(i), "cannot read page", file_));
    image = read_tiff_pixels(file_, where(i));
  }
  if (image.width != width_ || image.height != height_)
    throw DataError(where(i) + ": section size " + size_text(image.width, image.height) +
                    " differs from " + size_text(width_, height_) + " of page 0");
  Section section;
  section.index = i;
  section.source = source;
  section.width = image.width;
  section.height = image.height;
  section.pixels = std::move(image.pixels);
  return section;
}

}  // namespace zspace::io
