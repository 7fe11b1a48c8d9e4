#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "io_fixtures.hpp"
#include "zspace/engine/errors.hpp"
#include "zspace/engine/image_io.hpp"

using namespace zspace;
using namespace zspace::test;

TEST_CASE("write_float_tiff writes a 32-bit float TIFF that keeps NaN and exact values") {
  TempDir dir;
  FloatImage image;
  image.width = 21;  // a (2R+1) x N similarity strip
  image.height = 300;
  for (int i = 0; i < image.width * image.height; ++i)
    image.pixels.push_back(i % 11 == 0 ? std::numeric_limits<float>::quiet_NaN() : static_cast<float>(i) / 3.0f - 7.0f);
  image.pixels[1] = std::numeric_limits<float>::infinity();
  image.pixels[2] = -0.0f;
  const fs::path path = dir / "similarity.tif";
  write_float_tiff(path, image);

  TIFF* tif = TIFFOpen(path.c_str(), "r");
  REQUIRE(tif);
  std::uint16_t bits = 0, format = 0, samples = 0, compression = 0;
  std::uint32_t w = 0, h = 0;
  TIFFGetField(tif, TIFFTAG_BITSPERSAMPLE, &bits);
  TIFFGetField(tif, TIFFTAG_SAMPLEFORMAT, &format);
  TIFFGetFieldDefaulted(tif, TIFFTAG_SAMPLESPERPIXEL, &samples);
  TIFFGetField(tif, TIFFTAG_COMPRESSION, &compression);
  TIFFGetField(tif, TIFFTAG_IMAGEWIDTH, &w);
  TIFFGetField(tif, TIFFTAG_IMAGELENGTH, &h);
  CHECK(bits == 32);
  CHECK(format == SAMPLEFORMAT_IEEEFP);
  CHECK(samples == 1);
  CHECK(compression == COMPRESSION_NONE);
  CHECK(w == 21);
  CHECK(h == 300);
  CHECK_FALSE(TIFFIsBigTIFF(tif));
  CHECK(TIFFLastDirectory(tif));
  TIFFClose(tif);

  const FloatImage back = read_float_tiff(path);
  CHECK(back.width == image.width);
  CHECK(back.height == image.height);
  REQUIRE(back.pixels.size() == image.pixels.size());
  std::size_t mismatches = 0;
  for (std::size_t i = 0; i < back.pixels.size(); ++i) {
    if (std::isnan(image.pixels[i]) ? !std::isnan(back.pixels[i])
                                    : std::memcmp(&back.pixels[i], &image.pixels[i], sizeof(float)) != 0)
      ++mismatches;
  }
  CHECK(mismatches == 0);
}

TEST_CASE("read_float_tiff reads any supported page") {
  TempDir dir;
  const fs::path path = dir / "stack.tif";
  write_tiff(path, {TiffPage{6, 4, 8, SAMPLEFORMAT_UINT, pattern(6, 4, 255, 0)},
                    TiffPage{6, 4, 16, SAMPLEFORMAT_UINT, pattern(6, 4, 65535, 1)}});
  const FloatImage page1 = read_float_tiff(path, 1);
  CHECK(page1.width == 6);
  CHECK(page1.height == 4);
  const auto expected = pattern(6, 4, 65535, 1);
  for (std::size_t i = 0; i < expected.size(); ++i) CHECK(page1.pixels[i] == static_cast<float>(expected[i]));
  CHECK_THROWS_WITH_AS(read_float_tiff(path, 2), doctest::Contains("stack.tif#2: no page 2"), DataError);
}

TEST_CASE("write_float_tiff failures name the file") {
  TempDir dir;
  FloatImage image{2, 2, {1, 2, 3, 4}};
  const fs::path missing_dir = dir / "no" / "such" / "out.tif";
  CHECK_THROWS_WITH_AS(write_float_tiff(missing_dir, image), doctest::Contains(missing_dir.string().c_str()), DataError);
  FloatImage wrong{3, 2, {1, 2}};
  CHECK_THROWS_WITH_AS(write_float_tiff(dir / "w.tif", wrong), doctest::Contains("w.tif"), DataError);
  CHECK_FALSE(fs::exists(dir / "w.tif"));
  CHECK_THROWS_AS(write_float_tiff(dir / "e.tif", FloatImage{}), DataError);
}
