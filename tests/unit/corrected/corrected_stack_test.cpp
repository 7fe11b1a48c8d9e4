#include <doctest/doctest.h>
#include <tiffio.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "corrected/memory_stack.hpp"
#include "test_support.hpp"
#include "zspace/engine/corrected_stack.hpp"
#include "zspace/engine/errors.hpp"
#include "zspace/engine/stack_reader.hpp"

using namespace zspace;
using namespace zspace::test;

namespace {

std::vector<Section> read_back(const fs::path& path) {
  const auto stack = open_stack(path);
  std::vector<Section> pages;
  for (std::size_t i = 0; i < stack->size(); ++i) pages.push_back(stack->read(i));
  return pages;
}

// Pixel k of `s` as double (for expected blends).
double px(const Section& s, std::size_t k) { return static_cast<double>(s.value(k)); }

// Compares pixel by pixel; returns the number of mismatches.
std::size_t mismatches(const Section& actual, const Section& expected) {
  REQUIRE(actual.size() == expected.size());
  std::size_t bad = 0;
  for (std::size_t k = 0; k < actual.size(); ++k)
    if (!same_float(actual.value(k), expected.value(k))) ++bad;
  return bad;
}

// What a blend must give in the output's type: round half up and clamp for integers.
float expected_blend(PixelDepth depth, double a, double b, double w) {
  const double v = (1 - w) * a + w * b;
  if (depth == PixelDepth::float32) return static_cast<float>(v);
  return static_cast<float>(std::floor(v + 0.5));
}

struct TiffTags {
  int bits = 0;
  int format = 0;
  std::string description;
  bool has_resolution = false;
  float x_resolution = 0;
  float y_resolution = 0;
  int resolution_unit = 0;
};

TiffTags first_page_tags(const fs::path& path) {
  TIFF* tif = TIFFOpen(path.c_str(), "r");
  REQUIRE(tif);
  TiffTags t;
  std::uint16_t bits = 0, format = SAMPLEFORMAT_UINT, unit = 0;
  TIFFGetField(tif, TIFFTAG_BITSPERSAMPLE, &bits);
  TIFFGetFieldDefaulted(tif, TIFFTAG_SAMPLEFORMAT, &format);
  t.bits = bits;
  t.format = format;
  char* description = nullptr;
  if (TIFFGetField(tif, TIFFTAG_IMAGEDESCRIPTION, &description) && description) t.description = description;
  t.has_resolution = TIFFGetField(tif, TIFFTAG_XRESOLUTION, &t.x_resolution) != 0;
  TIFFGetField(tif, TIFFTAG_YRESOLUTION, &t.y_resolution);
  if (TIFFGetField(tif, TIFFTAG_RESOLUTIONUNIT, &unit)) t.resolution_unit = unit;
  TIFFClose(tif);
  return t;
}

const PixelDepth kDepths[] = {PixelDepth::uint8, PixelDepth::uint16, PixelDepth::float32};

}  // namespace

TEST_CASE("corrected stack: uniform z reproduces the input page by page, in its pixel type") {
  for (const PixelDepth depth : kDepths) {
    CAPTURE(static_cast<int>(depth));
    TempDir dir;
    std::vector<Section> sections = test_sections(5, 7, 6, depth);
    if (depth == PixelDepth::float32) sections[2].pixels[3] = std::numeric_limits<float>::quiet_NaN();
    const MemoryStack input(sections);
    write_corrected_stack(input, {0, 1, 2, 3, 4}, {}, dir / "corrected.tif");

    const auto pages = read_back(dir / "corrected.tif");
    REQUIRE(pages.size() == 5);
    for (std::size_t k = 0; k < 5; ++k) {
      CHECK(pages[k].depth == depth);
      CHECK(mismatches(pages[k], sections[k]) == 0);
    }
    for (const int reads : input.reads()) CHECK(reads == 1);
    const TiffTags tags = first_page_tags(dir / "corrected.tif");
    CHECK(tags.bits == (depth == PixelDepth::uint8 ? 8 : depth == PixelDepth::uint16 ? 16 : 32));
    CHECK(tags.format == (depth == PixelDepth::float32 ? SAMPLEFORMAT_IEEEFP : SAMPLEFORMAT_UINT));
  }
}

TEST_CASE("corrected stack: a slice between two sections is their blend by distance") {
  // Sections at z 0, 0.5, 2, 3: slice 1 (z 1) is 2/3 of section 1 and 1/3 of section 2.
  for (const PixelDepth depth : kDepths) {
    CAPTURE(static_cast<int>(depth));
    TempDir dir;
    const std::vector<Section> sections = test_sections(4, 9, 5, depth);
    const MemoryStack input(sections);
    write_corrected_stack(input, {0, 0.5, 2, 3}, {}, dir / "corrected.tif");
    const auto pages = read_back(dir / "corrected.tif");
    REQUIRE(pages.size() == 4);
    CHECK(mismatches(pages[0], sections[0]) == 0);
    CHECK(mismatches(pages[2], sections[2]) == 0);
    CHECK(mismatches(pages[3], sections[3]) == 0);
    std::size_t bad = 0;
    for (std::size_t k = 0; k < pages[1].size(); ++k)
      if (pages[1].value(k) != expected_blend(depth, px(sections[1], k), px(sections[2], k), 1.0 / 3)) ++bad;
    CHECK(bad == 0);
    // Section 0 ends up only in slice 0; nothing is read twice.
    for (const int reads : input.reads()) CHECK(reads == 1);
  }
}

TEST_CASE("corrected stack: hand-computed blends, rounded half up for integers") {
  TempDir dir;
  // One pixel per section: 30 at z 0.5 and 90 at z 2 give 50 at z 1; 10 and 11 halfway give 11.
  auto one = [](PixelDepth depth, double v) { return make_section(1, 1, depth, [v](std::size_t) { return v; }); };
  const MemoryStack input({one(PixelDepth::uint8, 0), one(PixelDepth::uint8, 30), one(PixelDepth::uint8, 90),
                           one(PixelDepth::uint8, 200)});
  write_corrected_stack(input, {0, 0.5, 2, 3}, {}, dir / "a.tif");
  const auto a = read_back(dir / "a.tif");
  REQUIRE(a.size() == 4);
  CHECK(a[1].value(0) == 50.0f);

  const MemoryStack halves({one(PixelDepth::uint16, 10), one(PixelDepth::uint16, 11), one(PixelDepth::uint16, 65535)});
  CorrectedStackOptions two;
  two.upsample = 2;
  write_corrected_stack(halves, {0, 1, 2}, two, dir / "b.tif");
  const auto b = read_back(dir / "b.tif");
  REQUIRE(b.size() == 5);
  CHECK(b[1].value(0) == 11.0f);     // 10.5 rounds up
  CHECK(b[3].value(0) == 32773.0f);  // (11 + 65535) / 2 = 32773
  CHECK(b[4].value(0) == 65535.0f);
}

TEST_CASE("corrected stack: upsample 2 gives 2N-1 slices with the midpoints the average") {
  for (const PixelDepth depth : kDepths) {
    CAPTURE(static_cast<int>(depth));
    TempDir dir;
    const std::vector<Section> sections = test_sections(4, 6, 4, depth);
    const MemoryStack input(sections);
    CorrectedStackOptions options;
    options.upsample = 2;
    write_corrected_stack(input, {0, 1, 2, 3}, options, dir / "corrected.tif");
    const auto pages = read_back(dir / "corrected.tif");
    REQUIRE(pages.size() == 7);
    for (std::size_t k = 0; k < 7; k += 2) CHECK(mismatches(pages[k], sections[k / 2]) == 0);
    for (std::size_t k = 1; k < 7; k += 2) {
      const Section& a = sections[k / 2];
      const Section& b = sections[k / 2 + 1];
      std::size_t bad = 0;
      for (std::size_t i = 0; i < a.size(); ++i)
        if (pages[k].value(i) != expected_blend(depth, px(a, i), px(b, i), 0.5)) ++bad;
      CHECK(bad == 0);
    }
  }
}

TEST_CASE("corrected stack: sections are read once each, in z order") {
  TempDir dir;
  const MemoryStack input(test_sections(5, 4, 3, PixelDepth::uint8));
  CorrectedStackOptions options;
  options.upsample = 3;
  write_corrected_stack(input, {0, 2.5, 1, 3, 4}, options, dir / "corrected.tif");
  CHECK(input.order() == std::vector<std::size_t>{0, 2, 1, 3, 4});
  CHECK(read_back(dir / "corrected.tif").size() == 13);
}

TEST_CASE("corrected stack: float NaN comes only from a side that has weight") {
  TempDir dir;
  std::vector<Section> sections = test_sections(2, 3, 1, PixelDepth::float32);
  sections[0].pixels[0] = std::numeric_limits<float>::quiet_NaN();
  sections[1].pixels[1] = std::numeric_limits<float>::quiet_NaN();
  const MemoryStack input(sections);
  CorrectedStackOptions options;
  options.upsample = 2;
  write_corrected_stack(input, {0, 1}, options, dir / "corrected.tif");
  const auto pages = read_back(dir / "corrected.tif");
  REQUIRE(pages.size() == 3);
  CHECK(std::isnan(pages[0].value(0)));
  CHECK(pages[0].value(1) == sections[0].pixels[1]);  // the NaN of section 1 has weight 0 here
  CHECK(std::isnan(pages[1].value(0)));
  CHECK(std::isnan(pages[1].value(1)));
  CHECK(pages[1].value(2) == expected_blend(PixelDepth::float32, sections[0].pixels[2], sections[1].pixels[2], 0.5));
  CHECK(pages[2].value(0) == sections[1].pixels[0]);
  CHECK(std::isnan(pages[2].value(1)));
}

TEST_CASE("corrected stack: ImageJ description and resolution give Fiji the voxel size") {
  TempDir dir;
  const MemoryStack input(test_sections(5, 4, 4, PixelDepth::uint16));
  CorrectedStackOptions options;
  options.upsample = 2;
  options.voxel_size = std::array<double, 3>{4, 5, 30};
  write_corrected_stack(input, {0, 1, 2, 3, 4}, options, dir / "calibrated.tif");
  const TiffTags tags = first_page_tags(dir / "calibrated.tif");
  CHECK(tags.description.rfind("ImageJ=", 0) == 0);
  CHECK(tags.description.find("\nimages=9\n") != std::string::npos);
  CHECK(tags.description.find("\nslices=9\n") != std::string::npos);
  CHECK(tags.description.find("\nunit=nm\n") != std::string::npos);
  CHECK(tags.description.find("\nspacing=15\n") != std::string::npos);  // 0.5 spacings of 30 nm
  REQUIRE(tags.has_resolution);
  CHECK(tags.x_resolution == doctest::Approx(0.25));  // pixels per nm
  CHECK(tags.y_resolution == doctest::Approx(0.2));
  CHECK(tags.resolution_unit == RESUNIT_NONE);

  // Non-uniform z over 0..6 with 4 sections: slices 2 nominal spacings apart = 60 nm.
  const MemoryStack four(test_sections(4, 4, 4, PixelDepth::uint8));
  options.upsample = 1;
  write_corrected_stack(four, {0, 1, 5, 6}, options, dir / "wide.tif");
  CHECK(first_page_tags(dir / "wide.tif").description.find("\nspacing=60\n") != std::string::npos);

  // Without a voxel size the stack is uncalibrated.
  write_corrected_stack(four, {0, 1, 5, 6}, {}, dir / "plain.tif");
  const TiffTags plain = first_page_tags(dir / "plain.tif");
  CHECK(plain.description.find("\nimages=4\n") != std::string::npos);
  CHECK(plain.description.find("unit=") == std::string::npos);
  CHECK(plain.description.find("spacing=") == std::string::npos);
  CHECK_FALSE(plain.has_resolution);
}

TEST_CASE("corrected stack: the pages' pixels lie back to back, as ImageJ and tifffile read them") {
  for (const PixelDepth depth : kDepths) {
    CAPTURE(static_cast<int>(depth));
    TempDir dir;
    const MemoryStack input(test_sections(4, 7, 3, depth));
    CorrectedStackOptions options;
    options.upsample = 2;
    options.voxel_size = std::array<double, 3>{3.8, 4, 30};
    write_corrected_stack(input, {0, 1, 2, 3}, options, dir / "stack.tif");
    TIFF* tif = TIFFOpen((dir / "stack.tif").c_str(), "r");
    REQUIRE(tif);
    const std::uint64_t page_bytes = 7 * 3 * (depth == PixelDepth::uint8 ? 1 : depth == PixelDepth::uint16 ? 2 : 4);
    std::uint64_t first = 0;
    int pages = 0;
    do {
      CHECK(TIFFNumberOfStrips(tif) == 1);
      CHECK_FALSE(TIFFIsBigEndian(tif));
      std::uint64_t* offsets = nullptr;
      REQUIRE(TIFFGetField(tif, TIFFTAG_STRIPOFFSETS, &offsets));
      if (pages == 0) first = offsets[0];
      CHECK(offsets[0] == first + static_cast<std::uint64_t>(pages) * page_bytes);
      float x = 0;
      REQUIRE(TIFFGetField(tif, TIFFTAG_XRESOLUTION, &x));
      CHECK(x == doctest::Approx(1 / 3.8));
      ++pages;
    } while (TIFFReadDirectory(tif));
    TIFFClose(tif);
    CHECK(pages == 7);
  }
}

TEST_CASE("corrected stack: a single section gives a one-page stack") {
  TempDir dir;
  const std::vector<Section> sections = test_sections(1, 5, 5, PixelDepth::uint8);
  const MemoryStack input(sections);
  CorrectedStackOptions options;
  options.upsample = 4;
  write_corrected_stack(input, {0}, options, dir / "one.tif");
  const auto pages = read_back(dir / "one.tif");
  REQUIRE(pages.size() == 1);
  CHECK(mismatches(pages[0], sections[0]) == 0);
}

TEST_CASE("corrected stack: mixed pixel types are refused and leave no file") {
  TempDir dir;
  std::vector<Section> sections = test_sections(3, 4, 4, PixelDepth::uint8);
  sections[2] = test_sections(1, 4, 4, PixelDepth::uint16)[0];
  const MemoryStack input(sections);
  CHECK_THROWS_WITH_AS(write_corrected_stack(input, {0, 1, 2}, {}, dir / "mixed.tif"),
                       doctest::Contains("mem2.tif: 16-bit pixels, but the corrected stack is 8-bit like mem0.tif"),
                       DataError);
  CHECK_FALSE(fs::exists(dir / "mixed.tif"));
}

TEST_CASE("corrected stack: bad options name the culprit and write nothing") {
  TempDir dir;
  const MemoryStack input(test_sections(3, 4, 4, PixelDepth::uint8));
  const fs::path out = dir / "out.tif";
  CorrectedStackOptions options;
  options.upsample = 0;
  CHECK_THROWS_WITH_AS(write_corrected_stack(input, {0, 1, 2}, options, out), doctest::Contains("output.upsample"),
                       ConfigError);
  options = {};
  options.voxel_size = std::array<double, 3>{4, 0, 30};
  CHECK_THROWS_WITH_AS(write_corrected_stack(input, {0, 1, 2}, options, out), doctest::Contains("input.voxel_size"),
                       ConfigError);
  options = {};
  options.format = CorrectedFormat::hdf5;
  options.dataset = "corrected";
  CHECK_THROWS_WITH_AS(write_corrected_stack(input, {0, 1, 2}, options, out), doctest::Contains("\"corrected\""),
                       ConfigError);
  CHECK_THROWS_AS(write_corrected_stack(input, {0, 1}, {}, out), std::invalid_argument);
  CHECK_THROWS_WITH_AS(write_corrected_stack(input, {0, 1, std::nan("")}, {}, out), doctest::Contains("section 2"),
                       DataError);
  CHECK_FALSE(fs::exists(out));

  // A file that was there before a failing call stays untouched.
  write_text(out, "earlier result");
  CHECK_THROWS_AS(write_corrected_stack(input, {1, 1, 1}, {}, out), DataError);
  CHECK(read_text(out) == "earlier result");
}
