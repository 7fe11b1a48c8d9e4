#include "io/folder_stack.hpp"

#include <stdexcept>

#include "io/image_file.hpp"
#include "zspace/engine/errors.hpp"

namespace zspace::io {

FolderStack::FolderStack(std::vector<std::filesystem::path> files) : files_(std::move(files)) {
  if (files_.empty()) throw DataError("no images in the stack");
  for (std::size_t i = 0; i < files_.size(); ++i) {
    const ImageHeader h = read_image_header(files_[i]);
    if (i == 0) {
      width_ = h.width;
      height_ = h.height;
    } else if (h.width != width_ || h.height != height_) {
      throw DataError(files_[i].string() + ": section size " + size_text(h.width, h.height) +
                      " differs from " + size_text(width_, height_) + " of " +
                      files_[0].filename().string());
    }
  }
}

std::string FolderStack::name(std::size_t i) const { return files_.at(i).filename().string(); }

Section FolderStack::read(std::size_t i) const {
  if (i >= files_.size())
    throw std::out_of_range("section " + std::to_string(i) + " of a " + std::to_string(files_.size()) +
                            "-section stack");
  Section section = read_image(files_[i]);
  // The file may have been replaced since the stack was opened.
  if (section.width != width_ || section.height != height_)
    throw DataError(files_[i].string() + ": section size " + size_text(section.width, section.height) +
                    " differs from " + size_text(width_, height_) + " of " + files_[0].filename().string());
  section.index = i;
  section.source = name(i);
  return section;
}

}  // namespace zspace::io
