// preprocess_stack: section range, region of interest, intensity mask and block-mean
// downsampling, applied lazily on top of another stack reader.

#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "memory_stack.hpp"
#include "zspace/engine/errors.hpp"
#include "zspace/engine/preprocess.hpp"

using namespace zspace;
using namespace zspace::test;

namespace {

const float kNaN = std::numeric_limits<float>::quiet_NaN();

// Equal element by element, NaN matching NaN.
bool same_values(const std::vector<float>& a, const std::vector<float>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t k = 0; k < a.size(); ++k) {
    if (std::isnan(a[k]) != std::isnan(b[k])) return false;
    if (!std::isnan(a[k]) && a[k] != b[k]) return false;
  }
  return true;
}

std::string error_of(std::unique_ptr<StackReader> inner, const Preprocess& pre) {
  try {
    preprocess_stack(std::move(inner), pre);
  } catch (const ConfigError& e) {
    return e.what();
  }
  FAIL_CHECK("preprocess_stack did not throw");
  return {};
}

Preprocess with_sections(std::size_t first, std::size_t last) {
  Preprocess p;
  p.sections = {first, last};
  return p;
}

Preprocess with_roi(int x, int y, int w, int h) {
  Preprocess p;
  p.roi = {x, y, w, h};
  return p;
}

Preprocess with_downsample(int factor) {
  Preprocess p;
  p.downsample = factor;
  return p;
}

}  // namespace

TEST_CASE("without preprocessing the reader itself comes back") {
  auto inner = numbered_stack(PixelDepth::uint8, 3, 4, 4);
  const StackReader* raw = inner.get();
  const auto out = preprocess_stack(std::move(inner), Preprocess{});
  CHECK(out.get() == raw);
  auto again = numbered_stack(PixelDepth::float32, 2, 4, 4);
  const StackReader* raw2 = again.get();
  CHECK(preprocess_stack(std::move(again), with_downsample(1)).get() == raw2);
}

TEST_CASE("a section range serves sections first..last renumbered from 0, names unchanged") {
  for (PixelDepth depth : {PixelDepth::uint8, PixelDepth::uint16, PixelDepth::float32}) {
    CAPTURE(static_cast<int>(depth));
    auto inner = numbered_stack(depth, 5, 3, 2);
    const auto expected = values_of(inner->read(3));
    const auto r = preprocess_stack(std::move(inner), with_sections(1, 3));
    REQUIRE(r->size() == 3);
    CHECK(r->width() == 3);
    CHECK(r->height() == 2);
    CHECK(r->name(0) == "s1.tif");
    CHECK(r->name(2) == "s3.tif");
    const Section s = r->read(2);
    CHECK(s.index == 2);
    CHECK(s.source == "s3.tif");
    CHECK(s.depth == depth);  // only sections selected: the input's own depth is kept
    CHECK(values_of(s) == expected);
  }
}

TEST_CASE("a region of interest crops every section and keeps integer depth") {
  for (PixelDepth depth : {PixelDepth::uint8, PixelDepth::uint16, PixelDepth::float32}) {
    CAPTURE(static_cast<int>(depth));
    const auto r = preprocess_stack(numbered_stack(depth, 2, 5, 4), with_roi(1, 2, 3, 2));
    CHECK(r->size() == 2);
    CHECK(r->width() == 3);
    CHECK(r->height() == 2);
    const Section s = r->read(1);
    CHECK(s.depth == depth);
    CHECK(s.width == 3);
    CHECK(s.height == 2);
    CHECK(s.size() == 6);
    CHECK(values_of(s) == std::vector<float>{61, 62, 63, 71, 72, 73});
  }
  // The whole section is a valid region; a float section keeps its invalid pixels.
  std::vector<Section> one{make_section(PixelDepth::float32, 3, 3, [](int x, int y) { return x == 1 && y == 1 ? kNaN : 1.0f; })};
  one.push_back(one.front());
  const auto r = preprocess_stack(std::make_unique<MemoryStack>(one), with_roi(1, 0, 2, 3));
  CHECK(same_values(values_of(r->read(0)), {1, 1, kNaN, 1, 1, 1}));
  CHECK(values_of(preprocess_stack(numbered_stack(PixelDepth::uint8, 2, 5, 4), with_roi(0, 0, 5, 4))->read(0)) ==
        values_of(numbered_stack(PixelDepth::uint8, 2, 5, 4)->read(0)));
}

TEST_CASE("sections and roi together: the range of the stack, the region of each section") {
  Preprocess p = with_roi(4, 3, 1, 1);
  p.sections = {2, 4};
  const auto r = preprocess_stack(numbered_stack(PixelDepth::uint16, 5, 5, 4), p);
  REQUIRE(r->size() == 3);
  for (std::size_t i = 0; i < 3; ++i) {
    const Section s = r->read(i);
    CHECK(s.depth == PixelDepth::uint16);
    CHECK(values_of(s) == std::vector<float>{static_cast<float>(40 * (i + 2) + 34)});
  }
}

TEST_CASE("the mask makes pixels outside [below, above] invalid, as float") {
  // Pixel values 0..15 on a 4 x 4 section.
  auto ramp = [](PixelDepth depth) {
    std::vector<Section> s(2, make_section(depth, 4, 4, [](int x, int y) { return static_cast<float>(4 * y + x); }));
    return std::make_unique<MemoryStack>(std::move(s));
  };
  for (PixelDepth depth : {PixelDepth::uint8, PixelDepth::uint16, PixelDepth::float32}) {
    CAPTURE(static_cast<int>(depth));
    Preprocess both;
    both.mask_below = 3;
    both.mask_above = 12;
    const Section s = preprocess_stack(ramp(depth), both)->read(0);
    CHECK(s.depth == PixelDepth::float32);
    REQUIRE(s.pixels.size() == 16);
    CHECK(s.pixels8.empty());
    CHECK(s.pixels16.empty());
    for (int v = 0; v < 16; ++v) {
      CAPTURE(v);
      // The bounds themselves are kept.
      if (v < 3 || v > 12) CHECK(std::isnan(s.pixels[static_cast<std::size_t>(v)]));
      else CHECK(s.pixels[static_cast<std::size_t>(v)] == static_cast<float>(v));
    }
  }
  Preprocess below;
  below.mask_below = 14.5;
  CHECK(same_values(values_of(preprocess_stack(ramp(PixelDepth::uint8), below)->read(1)),
                    {kNaN, kNaN, kNaN, kNaN, kNaN, kNaN, kNaN, kNaN, kNaN, kNaN, kNaN, kNaN, kNaN, kNaN, kNaN, 15}));
  Preprocess above;
  above.mask_above = 0.5;
  CHECK(same_values(values_of(preprocess_stack(ramp(PixelDepth::uint16), above)->read(1)),
                    {0, kNaN, kNaN, kNaN, kNaN, kNaN, kNaN, kNaN, kNaN, kNaN, kNaN, kNaN, kNaN, kNaN, kNaN, kNaN}));
}

TEST_CASE("downsampling averages the valid pixels of each block") {
  // 4 x 4 -> 2 x 2:      block means:
  //   1   2 |   3   4    (1+2+5+6)/4 = 3.5      (3+4+7+8)/4 = 5.5
  //   5   6 |   7   8
  //   9 NaN | NaN NaN    (9+13+14)/3 = 12       no valid pixel: NaN
  //  13  14 | NaN NaN
  const std::vector<float> values{1, 2, 3, 4, 5, 6, 7, 8, 9, kNaN, kNaN, kNaN, 13, 14, kNaN, kNaN};
  std::vector<Section> sections(2, make_section(PixelDepth::float32, 4, 4, [&](int x, int y) {
                                  return values[static_cast<std::size_t>(4 * y + x)];
                                }));
  const auto r = preprocess_stack(std::make_unique<MemoryStack>(sections), with_downsample(2));
  CHECK(r->width() == 2);
  CHECK(r->height() == 2);
  const Section s = r->read(1);
  CHECK(s.index == 1);
  CHECK(s.source == "s1.tif");
  CHECK(s.width == 2);
  CHECK(s.height == 2);
  CHECK(s.depth == PixelDepth::float32);
  CHECK(same_values(s.pixels, {3.5f, 5.5f, 12.0f, kNaN}));
}

TEST_CASE("downsampling drops the rows and columns that do not fill a block, and makes float") {
  for (PixelDepth depth : {PixelDepth::uint8, PixelDepth::uint16}) {
    CAPTURE(static_cast<int>(depth));
    // 5 x 5 with factor 2: the last row and column (255) must not reach any block.
    std::vector<Section> sections(2, make_section(depth, 5, 5, [](int x, int y) {
                                    return x == 4 || y == 4 ? 255.0f : static_cast<float>(4 * y + x);
                                  }));
    const auto r = preprocess_stack(std::make_unique<MemoryStack>(sections), with_downsample(2));
    CHECK(r->width() == 2);
    CHECK(r->height() == 2);
    const Section s = r->read(0);
    CHECK(s.depth == PixelDepth::float32);
    CHECK(s.pixels8.empty());
    CHECK(s.pixels16.empty());
    CHECK(s.pixels == std::vector<float>{2.5f, 4.5f, 10.5f, 12.5f});
  }
  // Factor 3 on 7 x 4: one 2 x 1 grid of blocks; block (0,0) = mean of 0..2, 10..12, 20..22.
  const auto r = preprocess_stack(numbered_stack(PixelDepth::uint8, 2, 7, 4), with_downsample(3));
  CHECK(r->width() == 2);
  CHECK(r->height() == 1);
  CHECK(r->read(0).pixels == std::vector<float>{11.0f, 14.0f});
}

TEST_CASE("all steps in order: range, region, mask, then block means") {
  Preprocess p;
  p.sections = {1, 2};
  p.roi = {1, 0, 4, 2};      // columns 1..4 of rows 0..1
  p.mask_above = 42 + 0.5;   // in section 1 (values 40 + 10 y + x) keeps x <= 2 of row 0 only
  p.downsample = 2;
  const auto r = preprocess_stack(numbered_stack(PixelDepth::uint16, 3, 5, 4), p);
  REQUIRE(r->size() == 2);
  CHECK(r->width() == 2);
  CHECK(r->height() == 1);
  CHECK(r->name(0) == "s1.tif");
  // Block 0 holds 41 42 / 51 52: 51, 52 masked -> 41.5. Block 1 holds 43 44 / 53 54: all masked.
  CHECK(same_values(r->read(0).pixels, {41.5f, kNaN}));
}

TEST_CASE("the reader forwards whether reads may run concurrently") {
  std::vector<Section> sections(2, make_section(PixelDepth::uint8, 2, 2, [](int, int) { return 1.0f; }));
  CHECK_FALSE(preprocess_stack(std::make_unique<MemoryStack>(sections, false), with_sections(0, 1))->concurrent_reads());
  CHECK(preprocess_stack(std::make_unique<MemoryStack>(sections, true), with_sections(0, 1))->concurrent_reads());
}

TEST_CASE("a selection that does not fit the stack is a configuration error naming the key") {
  CHECK(error_of(numbered_stack(PixelDepth::uint8, 5, 5, 4), with_sections(0, 5)) ==
        "input.sections: [0, 5] goes beyond the stack's last section 4");
  CHECK(error_of(numbered_stack(PixelDepth::uint8, 5, 5, 4), with_sections(7, 9)) ==
        "input.sections: [7, 9] goes beyond the stack's last section 4");
  CHECK(error_of(numbered_stack(PixelDepth::uint16, 2, 5, 4), with_roi(2, 0, 4, 4)) ==
        "input.roi: [2, 0, 4, 4] reaches outside the 5x4 sections");
  CHECK(error_of(numbered_stack(PixelDepth::uint16, 2, 5, 4), with_roi(0, 1, 5, 4)) ==
        "input.roi: [0, 1, 5, 4] reaches outside the 5x4 sections");
  CHECK(error_of(numbered_stack(PixelDepth::float32, 2, 5, 4), with_roi(5, 0, 1, 1)) ==
        "input.roi: [5, 0, 1, 1] reaches outside the 5x4 sections");
  CHECK(error_of(numbered_stack(PixelDepth::float32, 2, 5, 4), with_downsample(5)) ==
        "preprocess.downsample: 5 is larger than the 5x4 region");
  Preprocess small = with_roi(0, 0, 3, 2);
  small.downsample = 3;
  CHECK(error_of(numbered_stack(PixelDepth::uint8, 2, 5, 4), small) ==
        "preprocess.downsample: 3 is larger than the 3x2 region");
  // A factor equal to the region's size is one block.
  small.downsample = 2;
  const auto r = preprocess_stack(numbered_stack(PixelDepth::uint8, 2, 5, 4), small);
  CHECK(r->width() == 1);
  CHECK(r->height() == 1);
  CHECK(r->read(0).pixels == std::vector<float>{5.5f});
}
