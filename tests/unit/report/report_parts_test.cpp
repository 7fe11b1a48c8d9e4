// The report's building blocks: PNG and base64 encoding, heat-map grids, series reductions,
// curve interpolation and axis ticks.
#include <doctest/doctest.h>

#include <png.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

#include "report/colormap.hpp"
#include "report/heat_map.hpp"
#include "report/png.hpp"
#include "report/series.hpp"
#include "report/svg_plot.hpp"
#include "report_fixture.hpp"

using namespace zspace;
using namespace zspace::report;

namespace {

constexpr double nan_value = std::numeric_limits<double>::quiet_NaN();

/// Decodes a PNG file with libpng into RGB bytes; empty on failure.
std::vector<std::uint8_t> decode_rgb(const std::string& file, int& width, int& height) {
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_memory(&image, file.data(), file.size())) return {};
  image.format = PNG_FORMAT_RGB;
  std::vector<std::uint8_t> rgb(PNG_IMAGE_SIZE(image));
  if (!png_image_finish_read(&image, nullptr, rgb.data(), 0, nullptr)) return {};
  width = static_cast<int>(image.width);
  height = static_cast<int>(image.height);
  return rgb;
}

}  // namespace

TEST_CASE("base64 matches the RFC 4648 test vectors") {
  CHECK(base64("") == "");
  CHECK(base64("f") == "Zg==");
  CHECK(base64("fo") == "Zm8=");
  CHECK(base64("foo") == "Zm9v");
  CHECK(base64("foob") == "Zm9vYg==");
  CHECK(base64("fooba") == "Zm9vYmE=");
  CHECK(base64("foobar") == "Zm9vYmFy");
  CHECK(base64(std::string("\xff\xfe\x00", 3)) == "//4A");
}

TEST_CASE("indexed PNG decodes with libpng to the palette colours, pixel by pixel") {
  const int w = 7, h = 3;
  std::vector<std::uint8_t> pixels(w * h);
  for (int k = 0; k < w * h; ++k) pixels[static_cast<std::size_t>(k)] = static_cast<std::uint8_t>(k * 12 % 256);
  pixels.back() = missing_index;
  const std::vector<Rgb>& palette = heat_palette();
  REQUIRE(palette.size() == 256);
  int dw = 0, dh = 0;
  const std::vector<std::uint8_t> rgb = decode_rgb(indexed_png(w, h, pixels, palette), dw, dh);
  REQUIRE(rgb.size() == static_cast<std::size_t>(w * h * 3));
  CHECK(dw == w);
  CHECK(dh == h);
  for (std::size_t k = 0; k < pixels.size(); ++k)
    for (std::size_t ch = 0; ch < 3; ++ch) CHECK(rgb[3 * k + ch] == palette[pixels[k]][ch]);
  CHECK_THROWS_AS(indexed_png(2, 2, {0, 1, 2}, palette), std::invalid_argument);
  CHECK_THROWS_AS(indexed_png(1, 1, {5}, {{1, 2, 3}}), std::invalid_argument);
}

TEST_CASE("the colour scale runs low to high over 255 colours and keeps one for missing values") {
  CHECK(heat_index(0.2, 0.2, 1.0) == 0);
  CHECK(heat_index(1.0, 0.2, 1.0) == 254);
  CHECK(heat_index(-5, 0.2, 1.0) == 0);
  CHECK(heat_index(0.6, 0.2, 1.0) == 127);
  CHECK(heat_index(nan_value, 0.2, 1.0) == missing_index);
  const auto& p = heat_palette();
  CHECK(css_colour(p[0]) == "#440154");
  CHECK(css_colour(p[254]) == "#fde725");
  std::set<Rgb> distinct(p.begin(), p.end() - 1);
  CHECK(distinct.size() > 200);
}

TEST_CASE("the band strip puts S(i, i+d) at column i, row R-d, and averages columns for long stacks") {
  const std::vector<double> z = test::irregular_z(20);
  BandMatrix band = test::model_band(z, 3);
  band.set(5, 7, nan_value);
  const Grid g = band_strip(band, 600);
  REQUIRE(g.width == 20);
  REQUIRE(g.height == 7);
  CHECK(g.x_lo == -0.5);
  CHECK(g.x_hi == 19.5);
  CHECK(g.y_hi == 3.5);
  for (std::size_t i = 0; i < 20; ++i)
    for (int d = -3; d <= 3; ++d) {
      const float v = g.values[static_cast<std::size_t>(3 - d) * 20 + i];
      const long long j = static_cast<long long>(i) + d;
      if (j < 0 || j >= 20 || (i == 5 && j == 7) || (i == 7 && j == 5)) CHECK(std::isnan(v));
      else CHECK(v == doctest::Approx(band(i, static_cast<std::size_t>(j))).epsilon(1e-6));
    }
  const Grid half = band_strip(band, 10);  // two sections per column
  REQUIRE(half.width == 10);
  CHECK(half.values[3 * 10 + 4] == 1.0f);  // the diagonal stays 1
  CHECK(half.values[2 * 10 + 0] == doctest::Approx((band(0, 1) + band(1, 2)) / 2).epsilon(1e-6));
  CHECK(half.values[1 * 10 + 2] == doctest::Approx(band(4, 6)).epsilon(1e-6));  // (5, 7) is missing
}

TEST_CASE("warped to the true z, the model band decays alike in every column") {
  const std::vector<double> z = test::irregular_z(120);
  const BandMatrix band = test::model_band(z, 8);
  const Grid before = band_strip(band, 600);
  const Grid after = warped_strip(band, z, 600, 33);
  REQUIRE(after.height == 33);
  // Spread of each row across the interior columns (away from the stack's ends).
  auto worst_row_spread = [](const Grid& g) {
    double worst = 0;
    for (int row = 0; row < g.height; ++row) {
      double lo = INFINITY, hi = -INFINITY;
      for (int c = g.width / 8; c < g.width - g.width / 8; ++c) {
        const float v = g.values[static_cast<std::size_t>(row * g.width + c)];
        if (std::isnan(v)) continue;
        lo = std::min<double>(lo, v);
        hi = std::max<double>(hi, v);
      }
      if (hi >= lo) worst = std::max(worst, hi - lo);
    }
    return worst;
  };
  const double spread_before = worst_row_spread(before), spread_after = worst_row_spread(after);
  MESSAGE("largest spread along a row: before " << spread_before << ", after " << spread_after);
  CHECK(spread_before > 0.25);
  CHECK(spread_after < 0.08);
  CHECK(spread_after < spread_before / 4);
  // The middle row is distance 0: similarity 1.
  for (int c = 0; c < after.width; ++c) CHECK(after.values[static_cast<std::size_t>(16 * after.width + c)] == doctest::Approx(1.0));
}

TEST_CASE("warping to integer z reproduces the strip, and sections with non-finite z are left out") {
  const std::vector<double> z = test::irregular_z(15);
  const BandMatrix band = test::model_band(z, 2);
  std::vector<double> index(15);
  for (std::size_t i = 0; i < 15; ++i) index[i] = static_cast<double>(i);
  const Grid strip = band_strip(band, 600), warped = warped_strip(band, index, 600, 5);
  REQUIRE(warped.width == strip.width);
  REQUIRE(warped.height == strip.height);
  for (std::size_t k = 0; k < strip.values.size(); ++k) {
    if (std::isnan(strip.values[k])) CHECK(std::isnan(warped.values[k]));
    else CHECK(warped.values[k] == doctest::Approx(strip.values[k]).epsilon(1e-6));
  }
  index[3] = nan_value;
  CHECK(warped_strip(band, index, 600, 5).width == 14);
  CHECK(warped_strip(band, {0.0, nan_value}, 600, 5).width == 0);
}

TEST_CASE("decimation keeps each pixel column's extremes and the line breaks") {
  std::vector<Point> series;
  for (int i = 0; i < 1000; ++i) series.push_back({static_cast<double>(i), i == 503 ? 50.0 : std::sin(i * 0.01)});
  for (int i = 700; i < 720; ++i) series[static_cast<std::size_t>(i)].y = nan_value;
  const std::vector<Point> small = decimate(series, 0, 999, 100);
  CHECK(small.size() <= 200);
  CHECK(std::any_of(small.begin(), small.end(), [](const Point& p) { return p.y == 50.0; }));
  CHECK(std::any_of(small.begin(), small.end(), [](const Point& p) { return std::isnan(p.y); }));
  CHECK(std::is_sorted(small.begin(), small.end(), [](const Point& a, const Point& b) { return a.x < b.x; }));
  CHECK(decimate(series, 0, 999, 600).size() == series.size());  // already small enough
}

TEST_CASE("the envelope of a long band keeps each column's widest extent and its breaks") {
  std::vector<Span> spans;
  for (int i = 0; i < 1000; ++i) {
    const double mid = std::sin(i * 0.01);
    spans.push_back({static_cast<double>(i), mid - 0.1, i == 503 ? 5.0 : mid + 0.1});
  }
  for (int i = 700; i < 720; ++i) spans[static_cast<std::size_t>(i)].lo = nan_value;
  const std::vector<Span> small = envelope(spans, 0, 999, 100);
  CHECK(small.size() <= 100);
  CHECK(std::any_of(small.begin(), small.end(), [](const Span& s) { return s.hi == 5.0; }));
  CHECK(std::any_of(small.begin(), small.end(), [](const Span& s) { return std::isnan(s.lo); }));
  CHECK(std::is_sorted(small.begin(), small.end(), [](const Span& a, const Span& b) { return a.x < b.x; }));
  // Every input span lies inside the reduced span of its column.
  for (const Span& s : spans) {
    if (std::isnan(s.lo)) continue;
    const auto& column = small[static_cast<std::size_t>(std::min(99.0, std::floor(s.x / 9.99)))];
    CHECK(column.lo <= s.lo);
    CHECK(column.hi >= s.hi);
  }
  CHECK(envelope(spans, 0, 999, 600).size() == spans.size());  // already small enough
}

TEST_CASE("curve_at interpolates between finite entries and holds the last one beyond R") {
  const std::vector<double> f{1.0, 0.8, nan_value, 0.4};
  CHECK(curve_at(f, 0.5) == doctest::Approx(0.9));
  CHECK(curve_at(f, 2.0) == doctest::Approx(0.6));
  CHECK(curve_at(f, 1.5) == doctest::Approx(0.7));
  CHECK(curve_at(f, 7.0) == doctest::Approx(0.4));
  CHECK(std::isnan(curve_at({nan_value, nan_value}, 1.0)));
  CHECK(std::isnan(curve_at({}, 1.0)));
}

TEST_CASE("pair samples are capped, deterministic, and cover every offset") {
  const std::vector<double> z = test::irregular_z(3000);
  const BandMatrix band = test::model_band(z, 10);
  const std::vector<Point> a = similarity_samples(band, z, {}, 2000), b = similarity_samples(band, z, {}, 2000);
  CHECK(a.size() > 1500);
  CHECK(a.size() < 2500);
  REQUIRE(a.size() == b.size());
  CHECK(std::equal(a.begin(), a.end(), b.begin(), [](const Point& p, const Point& q) { return p.x == q.x && p.y == q.y; }));
  std::set<int> offsets;  // the model band's similarity tells the distance, hence roughly the offset
  for (const Point& p : a) offsets.insert(static_cast<int>(std::lround(p.x)));
  for (int d = 1; d <= 10; ++d) CHECK_MESSAGE(offsets.count(d) == 1, d);
  CHECK(similarity_samples(band, z, {}, 100000).size() == 3000 * 10 - 55);
  // Scaled by both quality factors where both are finite.
  std::vector<double> quality(3000, 1.0);
  quality[0] = 2.0;
  quality[1] = std::nan("");
  const std::vector<Point> scaled = similarity_samples(band, z, quality, 100000);
  CHECK(scaled[0].y == doctest::Approx(band(0, 1)));      // q[1] unknown: unscaled
  CHECK(scaled[1].y == doctest::Approx(2 * band(0, 2)));  // q[0] q[2] = 2
  CHECK(scaled[10].y == doctest::Approx(band(1, 2)));
}

TEST_CASE("axis ticks are round numbers inside the range") {
  const std::vector<double> unit = nice_ticks(0, 1);
  REQUIRE(unit.size() == 6);
  for (std::size_t k = 0; k < unit.size(); ++k) CHECK(unit[k] == doctest::Approx(0.2 * static_cast<double>(k)));
  CHECK(nice_ticks(0, 249).size() == 5);
  CHECK(nice_ticks(0, 249).back() == 200);
  CHECK(nice_ticks(-0.3, 0.3, 6).front() == doctest::Approx(-0.3));
  CHECK(nice_ticks(2, 2).size() == 1);
}
