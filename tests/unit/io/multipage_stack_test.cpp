#include <doctest/doctest.h>

#include <cmath>
#include <thread>

#include "io_fixtures.hpp"
#include "zspace/engine/errors.hpp"
#include "zspace/engine/image_io.hpp"
#include "zspace/engine/stack_reader.hpp"

using namespace zspace;
using namespace zspace::test;

namespace {

std::vector<TiffPage> pages(int n, int w, int h, int bits, int format, double max_value) {
  std::vector<TiffPage> result;
  for (int i = 0; i < n; ++i) result.push_back(TiffPage{w, h, bits, format, pattern(w, h, max_value, i)});
  return result;
}

void check_stack(const fs::path& path, const std::vector<TiffPage>& expected) {
  const auto stack = open_stack(path);
  REQUIRE(stack->size() == expected.size());
  CHECK(stack->width() == expected[0].width);
  CHECK(stack->height() == expected[0].height);
  CHECK_FALSE(stack->concurrent_reads());
  // Out of order on purpose: page selection must not depend on reading forwards.
  for (std::size_t k = expected.size(); k-- > 0;) {
    const Section s = stack->read(k);
    CHECK(s.index == k);
    CHECK(s.source == path.filename().string() + "#" + std::to_string(k));
    CHECK(s.source == stack->name(k));
    REQUIRE(s.size() == expected[k].values.size());
    std::size_t mismatches = 0;
    for (std::size_t i = 0; i < s.size(); ++i)
      if (s.value(i) != static_cast<float>(expected[k].values[i])) ++mismatches;
    CHECK(mismatches == 0);
  }
}

}  // namespace

TEST_CASE("multi-page classic TIFF: one section per page") {
  TempDir dir;
  const auto p = pages(5, 21, 11, 16, SAMPLEFORMAT_UINT, 65535);
  write_tiff(dir / "stack.tif", p);
  check_stack(dir / "stack.tif", p);
}

TEST_CASE("multi-page BigTIFF, float pages") {
  TempDir dir;
  const auto p = pages(4, 13, 7, 32, SAMPLEFORMAT_IEEEFP, 100000);
  write_tiff(dir / "big.tif", p, {true, 0, 0, COMPRESSION_NONE});
  {  // make sure the fixture really is BigTIFF
    TIFF* tif = TIFFOpen((dir / "big.tif").c_str(), "r");
    REQUIRE(tif);
    CHECK(TIFFIsBigTIFF(tif));
    TIFFClose(tif);
  }
  check_stack(dir / "big.tif", p);
}

TEST_CASE("multi-page tiled BigTIFF with compression") {
  TempDir dir;
  const auto p = pages(3, 40, 33, 8, SAMPLEFORMAT_UINT, 255);
  write_tiff(dir / "tiled.tiff", p, {true, 16, 0, COMPRESSION_ADOBE_DEFLATE});
  check_stack(dir / "tiled.tiff", p);
}

TEST_CASE("multi-page reads are safe from several threads") {
  TempDir dir;
  const int n = 16;
  const auto p = pages(n, 24, 10, 16, SAMPLEFORMAT_UINT, 65535);
  write_tiff(dir / "stack.tif", p);
  const auto stack = open_stack(dir / "stack.tif");
  const std::vector<Section> results = read_concurrently(*stack);
  REQUIRE(results.size() == static_cast<std::size_t>(n));
  for (int k = 0; k < n; ++k) {
    std::size_t mismatches = 0;
    REQUIRE(results[k].size() == p[k].values.size());
    for (std::size_t i = 0; i < results[k].size(); ++i)
      if (results[k].value(i) != static_cast<float>(p[k].values[i])) ++mismatches;
    CHECK(mismatches == 0);
  }
}

TEST_CASE("multi-page TIFF with pages of different size names the page") {
  TempDir dir;
  auto p = pages(3, 20, 10, 8, SAMPLEFORMAT_UINT, 255);
  p[2] = TiffPage{18, 10, 8, SAMPLEFORMAT_UINT, pattern(18, 10, 255)};
  write_tiff(dir / "stack.tif", p);
  CHECK_THROWS_WITH_AS(open_stack(dir / "stack.tif"),
                       doctest::Contains("stack.tif#2: section size 18x10 differs from 20x10"), DataError);
}

TEST_CASE("a multi-page TIFF inside a folder is refused, not cut to its first page") {
  TempDir dir;
  write_tiff(dir / "a.tif", pages(2, 8, 8, 8, SAMPLEFORMAT_UINT, 255));
  CHECK_THROWS_WITH_AS(open_stack(dir.path()), doctest::Contains("a.tif: multi-page TIFF"), DataError);
}
