#pragma once
// A stack stored as the pages of one (classic or Big) TIFF file.

#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

#include "io/tiff_file.hpp"
#include "zspace/engine/stack_reader.hpp"

namespace zspace::io {

class MultipageStack final : public StackReader {
 public:
  /// Walks every page's tags (no pixels). Throws DataError naming the file and page.
  explicit MultipageStack(const std::filesystem::path& path);

  std::size_t size() const override { return offsets_.size(); }
  int width() const override { return width_; }
  int height() const override { return height_; }
  std::string name(std::size_t i) const override;
  Section read(std::size_t i) const override;
  // One libtiff handle, whose current page is shared state: reads take turns.
  bool concurrent_reads() const override { return false; }

 private:
  std::string where(std::size_t page) const;  // "<path>#<page>" for messages

  mutable std::mutex mutex_;
  TiffFile file_;
  std::string file_name_;
  // Each page's directory offset: jumping there is O(1), where TIFFSetDirectory walks the
  // chain from page 0 (quadratic over a 10,000-page stack).
  std::vector<toff_t> offsets_;
  int width_ = 0;
  int height_ = 0;
};

}  // namespace zspace::io
