#pragma once
// A stack held in memory for the band engine tests: sections "s<i>", read concurrently, every
// read counted, and one section that can be made to fail.

#include <atomic>
#include <cstddef>
#include <string>
#include <vector>

#include "zspace/engine/errors.hpp"
#include "zspace/engine/stack_reader.hpp"

namespace zspace::test {

class MemoryReader final : public StackReader {
 public:
  explicit MemoryReader(std::vector<Section> sections) : sections_(std::move(sections)) {}
  std::size_t size() const override { return sections_.size(); }
  int width() const override { return sections_[0].width; }
  int height() const override { return sections_[0].height; }
  std::string name(std::size_t i) const override {
    std::string n = "s";  // not "s" + to_string(i): GCC 12 -Wrestrict false positive
    return n += std::to_string(i);
  }
  Section read(std::size_t i) const override {
    ++reads;
    if (i == fail_at) throw DataError(name(i) + ": cannot read");
    Section s = sections_[i];
    s.index = i;
    return s;
  }
  bool concurrent_reads() const override { return true; }

  mutable std::atomic<int> reads{0};                   ///< read() calls so far
  std::size_t fail_at = static_cast<std::size_t>(-1);  ///< read(fail_at) throws a DataError

 private:
  std::vector<Section> sections_;
};

}  // namespace zspace::test
