#include <doctest/doctest.h>

#include <cmath>
#include <thread>

#include "io_fixtures.hpp"
#include "zspace/engine/errors.hpp"
#include "zspace/engine/stack_reader.hpp"

using namespace zspace;
using namespace zspace::test;

namespace {

void check_pixels(const Section& s, const std::vector<double>& expected) {
  REQUIRE(s.size() == expected.size());
  std::size_t mismatches = 0;
  for (std::size_t i = 0; i < expected.size(); ++i)
    if (s.value(i) != static_cast<float>(expected[i])) ++mismatches;
  CHECK(mismatches == 0);
}

}  // namespace

TEST_CASE("folder of 8-bit PNGs: natural order, other files ignored, values exact") {
  TempDir dir;
  const int w = 23, h = 17;
  write_png(dir / "s10.png", w, h, pattern(w, h, 255, 10));
  write_png(dir / "s2.png", w, h, pattern(w, h, 255, 2));
  write_png(dir / "s1.PNG", w, h, pattern(w, h, 255, 1));
  write_png(dir / ".hidden.png", w, h, pattern(w, h, 255, 3));
  write_text(dir / "PROVENANCE.md", "not an image");
  write_text(dir / "notes.txt", "not an image");
  fs::create_directory(dir / "thumbs.png");  // a folder with an image-like name

  const auto stack = open_stack(dir.path());
  REQUIRE(stack->size() == 3);
  CHECK(stack->width() == w);
  CHECK(stack->height() == h);
  CHECK(stack->concurrent_reads());
  CHECK(stack->name(0) == "s1.PNG");
  CHECK(stack->name(1) == "s2.png");
  CHECK(stack->name(2) == "s10.png");
  const int seeds[] = {1, 2, 10};
  for (std::size_t i = 0; i < 3; ++i) {
    const Section s = stack->read(i);
    CHECK(s.index == i);
    CHECK(s.source == stack->name(i));
    CHECK(s.width == w);
    CHECK(s.height == h);
    check_pixels(s, pattern(w, h, 255, seeds[i]));
  }
}

TEST_CASE("16-bit PNG values come through exactly") {
  TempDir dir;
  const int w = 31, h = 9;
  const auto values = pattern(w, h, 65535, 4);
  write_png(dir / "a.png", w, h, values, 16);
  const auto stack = open_stack(dir.path());
  check_pixels(stack->read(0), values);
}

TEST_CASE("a single PNG file is a one-section stack") {
  TempDir dir;
  write_png(dir / "one.png", 5, 4, pattern(5, 4, 255));
  const auto stack = open_stack(dir / "one.png");
  REQUIRE(stack->size() == 1);
  CHECK(stack->name(0) == "one.png");
  check_pixels(stack->read(0), pattern(5, 4, 255));
}

TEST_CASE("TIFF slices of every supported type round trip exactly") {
  TempDir dir;
  const int w = 19, h = 13;
  std::vector<double> floats = pattern(w, h, 1000, 5);
  for (double& v : floats) v = v / 7.0 - 50.0;
  floats[3] = std::nan("");
  floats[4] = 3.0e38;
  floats[5] = -1.0e-30;
  struct Case {
    std::string name;
    int bits;
    int format;
    std::vector<double> values;
  };
  const std::vector<Case> cases{
      {"a_u8.tif", 8, SAMPLEFORMAT_UINT, pattern(w, h, 255, 1)},
      {"b_u16.tif", 16, SAMPLEFORMAT_UINT, pattern(w, h, 65535, 2)},
      {"c_u32.tif", 32, SAMPLEFORMAT_UINT, pattern(w, h, 16777216, 3)},  // exact in float
      {"d_f32.tiff", 32, SAMPLEFORMAT_IEEEFP, floats},
  };
  for (const Case& c : cases) write_tiff(dir / c.name, {TiffPage{w, h, c.bits, c.format, c.values}});
  const auto stack = open_stack(dir.path());
  REQUIRE(stack->size() == cases.size());
  for (std::size_t i = 0; i < cases.size(); ++i) {
    CAPTURE(cases[i].name);
    const Section s = stack->read(i);
    CHECK(s.source == cases[i].name);
    REQUIRE(s.size() == cases[i].values.size());
    for (std::size_t k = 0; k < s.size(); ++k) {
      const float expected = static_cast<float>(cases[i].values[k]);
      if (std::isnan(expected)) {
        CHECK(std::isnan(s.value(k)));
      } else if (s.value(k) != expected) {
        FAIL_CHECK("pixel " << k << ": " << s.pixels[k] << " != " << expected);
        break;
      }
    }
  }
}

TEST_CASE("tiled and compressed TIFFs decode exactly, edge tiles cropped") {
  TempDir dir;
  const int w = 37, h = 21;  // not a multiple of the tile size
  const auto values = pattern(w, h, 65535, 6);
  write_tiff(dir / "a_tiled.tif", {TiffPage{w, h, 16, SAMPLEFORMAT_UINT, values}}, {false, 16, 0, COMPRESSION_NONE});
  write_tiff(dir / "b_tiled_lzw.tif", {TiffPage{w, h, 16, SAMPLEFORMAT_UINT, values}}, {false, 16, 0, COMPRESSION_LZW});
  write_tiff(dir / "c_strips_deflate.tif", {TiffPage{w, h, 16, SAMPLEFORMAT_UINT, values}},
             {false, 0, 4, COMPRESSION_ADOBE_DEFLATE});
  write_tiff(dir / "d_strips_packbits.tif", {TiffPage{w, h, 16, SAMPLEFORMAT_UINT, values}},
             {false, 0, 5, COMPRESSION_PACKBITS});
  const auto stack = open_stack(dir.path());
  REQUIRE(stack->size() == 4);
  for (std::size_t i = 0; i < stack->size(); ++i) {
    CAPTURE(stack->name(i));
    check_pixels(stack->read(i), values);
  }
}

TEST_CASE("folder reads from several threads agree with serial reads") {
  TempDir dir;
  const int w = 16, h = 8, n = 12;
  for (int i = 0; i < n; ++i) {
    // Built in steps: GCC 12 warns falsely (-Wrestrict) on "z" + to_string(i) + ".png".
    std::string name = "z";
    name += std::to_string(i);
    name += ".png";
    write_png(dir / name, w, h, pattern(w, h, 255, i));
  }
  const auto stack = open_stack(dir.path());
  REQUIRE(stack->size() == static_cast<std::size_t>(n));
  const std::vector<Section> results = read_concurrently(*stack);
  REQUIRE(results.size() == static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    CHECK(results[i].index == static_cast<std::size_t>(i));
    check_pixels(results[i], pattern(w, h, 255, i));
  }
}
