#pragma once
// A stack held in memory, and sections of each pixel depth built from a value function, for
// the preprocessing reader's tests.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "zspace/engine/stack_reader.hpp"
#include "zspace/section.hpp"

namespace zspace::test {

/// Sections named "s<i>.tif"; reads say where they came from in `source`.
class MemoryStack final : public StackReader {
 public:
  explicit MemoryStack(std::vector<Section> sections, bool concurrent = true)
      : sections_(std::move(sections)), concurrent_(concurrent) {}
  std::size_t size() const override { return sections_.size(); }
  int width() const override { return sections_.front().width; }
  int height() const override { return sections_.front().height; }
  std::string name(std::size_t i) const override {
    std::string n = "s";  // not "s" + to_string(i): GCC 12 -Wrestrict false positive
    n += std::to_string(i);
    return n += ".tif";
  }
  Section read(std::size_t i) const override {
    Section s = sections_.at(i);
    s.index = i;
    s.source = name(i);
    return s;
  }
  bool concurrent_reads() const override { return concurrent_; }

 private:
  std::vector<Section> sections_;
  bool concurrent_;
};

/// value(x, y) at every pixel of a width x height section of `depth`.
inline Section make_section(PixelDepth depth, int width, int height, const std::function<float(int, int)>& value) {
  Section s;
  s.width = width;
  s.height = height;
  s.depth = depth;
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      const float v = value(x, y);
      switch (depth) {
        case PixelDepth::uint8: s.pixels8.push_back(static_cast<std::uint8_t>(v)); break;
        case PixelDepth::uint16: s.pixels16.push_back(static_cast<std::uint16_t>(v)); break;
        default: s.pixels.push_back(v); break;
      }
    }
  }
  return s;
}

/// `count` sections of `depth`, pixel (x, y) of section k = 40 k + 10 y + x (distinct for
/// width <= 10 and height <= 4; within uint8 for up to 5 sections).
inline std::unique_ptr<MemoryStack> numbered_stack(PixelDepth depth, std::size_t count, int width, int height) {
  std::vector<Section> sections;
  for (std::size_t k = 0; k < count; ++k)
    sections.push_back(make_section(depth, width, height, [k](int x, int y) {
      return static_cast<float>(40 * k + 10 * static_cast<std::size_t>(y) + static_cast<std::size_t>(x));
    }));
  return std::make_unique<MemoryStack>(std::move(sections));
}

/// The section's pixels as floats, row-major.
inline std::vector<float> values_of(const Section& s) {
  std::vector<float> out;
  for (std::size_t k = 0; k < s.size(); ++k) out.push_back(s.value(k));
  return out;
}

}  // namespace zspace::test
