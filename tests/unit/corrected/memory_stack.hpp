#pragma once
// An in-memory StackReader for the corrected-stack tests: sections given directly, every read
// counted, so tests can check which sections were read and how often.

#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "zspace/engine/stack_reader.hpp"

namespace zspace::test {

class MemoryStack final : public StackReader {
 public:
  explicit MemoryStack(std::vector<Section> sections) : sections_(std::move(sections)), reads_(sections_.size(), 0) {
    for (std::size_t i = 0; i < sections_.size(); ++i) sections_[i].index = i;
  }
  std::size_t size() const override { return sections_.size(); }
  int width() const override { return sections_.front().width; }
  int height() const override { return sections_.front().height; }
  std::string name(std::size_t i) const override { return "mem" + std::to_string(i) + ".tif"; }
  Section read(std::size_t i) const override {
    ++reads_.at(i);
    order_.push_back(i);
    Section s = sections_.at(i);
    s.source = name(i);
    return s;
  }
  bool concurrent_reads() const override { return false; }

  const std::vector<int>& reads() const { return reads_; }          ///< reads per section
  const std::vector<std::size_t>& order() const { return order_; }  ///< sections in read order

 private:
  std::vector<Section> sections_;
  mutable std::vector<int> reads_;
  mutable std::vector<std::size_t> order_;
};

/// A w x h section of `depth` whose pixel k is `value(k)` (converted to the depth's type).
template <typename F>
Section make_section(int w, int h, PixelDepth depth, F value) {
  Section s;
  s.width = w;
  s.height = h;
  s.depth = depth;
  const std::size_t n = static_cast<std::size_t>(w) * static_cast<std::size_t>(h);
  for (std::size_t k = 0; k < n; ++k) {
    const double v = value(k);
    switch (depth) {
      case PixelDepth::uint8: s.pixels8.push_back(static_cast<std::uint8_t>(v)); break;
      case PixelDepth::uint16: s.pixels16.push_back(static_cast<std::uint16_t>(v)); break;
      default: s.pixels.push_back(static_cast<float>(v)); break;
    }
  }
  return s;
}

/// Distinct, type-filling values for section `seed` (deterministic).
inline double test_value(PixelDepth depth, std::size_t k, int seed) {
  const std::size_t top = depth == PixelDepth::uint8 ? 255 : depth == PixelDepth::uint16 ? 65535 : 100000;
  const double v = static_cast<double>((k * 7919 + static_cast<std::size_t>(seed) * 104729) % (top + 1));
  return depth == PixelDepth::float32 ? v * 0.25 - 1000.0 : v;
}

/// n sections of w x h with test_value pixels.
inline std::vector<Section> test_sections(int n, int w, int h, PixelDepth depth) {
  std::vector<Section> sections;
  for (int i = 0; i < n; ++i)
    sections.push_back(make_section(w, h, depth, [&](std::size_t k) { return test_value(depth, k, i); }));
  return sections;
}

/// True when two floats are equal or both NaN.
inline bool same_float(float a, float b) { return a == b || (std::isnan(a) && std::isnan(b)); }

}  // namespace zspace::test
