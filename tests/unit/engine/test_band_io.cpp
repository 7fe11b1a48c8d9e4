// Saved bands read back: zspace's own strip, Fiji's square matrix, and refusals.

#include <doctest/doctest.h>

#include <cmath>

#include "engine/result_writers.hpp"
#include "test_support.hpp"
#include "zspace/engine/band_io.hpp"
#include "zspace/engine/errors.hpp"
#include "zspace/engine/image_io.hpp"

using namespace zspace::test;

TEST_CASE("similarity.tif strip reads back as the band that was written (float32 precision)") {
  zspace::BandMatrix band(7, 3);
  for (std::size_t i = 0; i < 7; ++i)
    for (std::size_t j = i + 1; j < 7 && j <= i + 3; ++j) band.set(i, j, 1.0 - 0.1 * double(j - i) - 0.01 * double(i));
  band.set(2, 4, std::nan(""));  // a missing pair stays missing
  TempDir tmp;
  zspace::write_similarity_strip(tmp / "s.tif", band);
  const auto back = zspace::read_band(tmp / "s.tif");
  REQUIRE(back.size() == 7);
  REQUIRE(back.range() == 3);
  for (std::size_t i = 0; i < 7; ++i)
    for (std::size_t j = 0; j < 7; ++j) {
      const double a = band(i, j), b = back(i, j);
      if (std::isnan(a)) CHECK(std::isnan(b));
      else CHECK(b == doctest::Approx(a).epsilon(1e-7));
    }
}

TEST_CASE("a square matrix is a band with R = N-1, scaled to a maximum of 1 as Fiji does") {
  zspace::FloatImage m{4, 4, {}};
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 4; ++j) m.pixels.push_back(static_cast<float>(2.0 * (1.0 - 0.2 * std::abs(i - j))));
  TempDir tmp;
  zspace::write_float_tiff(tmp / "m.tif", m);
  const auto band = zspace::read_band(tmp / "m.tif");
  CHECK(band.size() == 4);
  CHECK(band.range() == 3);
  CHECK(band(0, 3) == doctest::Approx(0.4));
  CHECK(band(2, 1) == doctest::Approx(0.8));
}

TEST_CASE("a matrix image of another shape is a DataError naming the file") {
  TempDir tmp;
  zspace::write_float_tiff(tmp / "even.tif", zspace::FloatImage{4, 9, std::vector<float>(36, 0.5f)});
  CHECK_THROWS_WITH_AS(zspace::read_band(tmp / "even.tif"),
                       doctest::Contains("even.tif: similarity matrix of 4 x 9"), zspace::DataError);
  CHECK_THROWS_AS(zspace::read_band(tmp / "missing.tif"), zspace::DataError);
}
