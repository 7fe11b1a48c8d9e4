#pragma once
// A stack stored as one image file per section.

#include <filesystem>
#include <vector>

#include "zspace/engine/stack_reader.hpp"

namespace zspace::io {

class FolderStack final : public StackReader {
 public:
  /// `files` in section order; checks every header. Throws DataError naming the culprit.
  explicit FolderStack(std::vector<std::filesystem::path> files);

  std::size_t size() const override { return files_.size(); }
  int width() const override { return width_; }
  int height() const override { return height_; }
  std::string name(std::size_t i) const override;
  Section read(std::size_t i) const override;
  // Every read opens its own file and holds no shared state.
  bool concurrent_reads() const override { return true; }

 private:
  std::vector<std::filesystem::path> files_;
  int width_ = 0;
  int height_ = 0;
};

}  // namespace zspace::io
