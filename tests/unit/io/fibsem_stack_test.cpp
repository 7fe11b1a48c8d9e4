#include <doctest/doctest.h>

#include <algorithm>

#include "zspace/engine/stack_reader.hpp"

using namespace zspace;

// The real stack shipped with the tests; its PROVENANCE.md states size, count and value range.
TEST_CASE("the FIB-SEM medulla stack opens as 250 sections of 250x250 with values 27..221") {
  const auto stack = open_stack(ZSPACE_TEST_DATA_DIR "/fibsem_medulla_iso10nm_s1");
  REQUIRE(stack->size() == 250);
  CHECK(stack->width() == 250);
  CHECK(stack->height() == 250);
  CHECK(stack->name(0) == "iso.2600.png");
  CHECK(stack->name(1) == "iso.2601.png");
  CHECK(stack->name(249) == "iso.2849.png");
  float lowest = 1e9f, highest = -1e9f;
  for (std::size_t i = 0; i < stack->size(); ++i) {
    const Section s = stack->read(i);
    CHECK(s.depth == zspace::PixelDepth::uint8);  // 8-bit PNGs keep their depth
    REQUIRE(s.pixels8.size() == 250u * 250u);
    const auto [lo, hi] = std::minmax_element(s.pixels8.begin(), s.pixels8.end());
    lowest = std::min(lowest, static_cast<float>(*lo));
    highest = std::max(highest, static_cast<float>(*hi));
  }
  CHECK(lowest == 27.0f);
  CHECK(highest == 221.0f);
}
