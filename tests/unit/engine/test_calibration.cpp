// In-plane calibration computed in the band pass: per-tile self-similarity curves and per-tile
// bands, deterministic, and the z table's absolute columns.

#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/ncc.hpp"
#include "engine/result_writers.hpp"
#include "memory_reader.hpp"
#include "synthetic_stack.hpp"
#include "zspace/engine/calibration.hpp"
#include "zspace/engine/errors.hpp"

namespace {

using zspace::Section;
using zspace::test::MemoryReader;

// The ncc plugin's metric, counting the float sections it is given.
class Ncc final : public zspace::SimilarityMetric {
 public:
  bool accepts_integer_pixels() const override { return true; }
  std::unique_ptr<zspace::PreparedSection> prepare(const Section& s) const override {
    if (!s.is_integer()) ++float_sections;
    return zspace::ncc::prepare(s);
  }
  double compare(const zspace::PreparedSection& a, const zspace::PreparedSection& b) const override {
    return zspace::ncc::correlate(static_cast<const zspace::ncc::PreparedNcc&>(a),
                                  static_cast<const zspace::ncc::PreparedNcc&>(b));
  }
  mutable std::atomic<int> float_sections{0};
};

struct Box {
  int x, y, width, height;
};

Section crop(const Section& s, const Box& b) {
  Section out;
  out.width = b.width;
  out.height = b.height;
  for (int y = b.y; y < b.y + b.height; ++y)
    for (int x = b.x; x < b.x + b.width; ++x) out.pixels.push_back(s.at(x, y));
  return out;
}

Box tile_box(int tx, int ty, int tiles_x, int tiles_y, int width, int height) {
  const int x0 = tx * width / tiles_x, x1 = (tx + 1) * width / tiles_x;
  const int y0 = ty * height / tiles_y, y1 = (ty + 1) * height / tiles_y;
  return {x0, y0, x1 - x0, y1 - y0};
}

double ncc_of(const Section& a, const Section& b) {
  return zspace::ncc::correlate(*zspace::ncc::prepare(a), *zspace::ncc::prepare(b));
}

// The tile compared with the same-size crop shifted by d towards the interior; the tile's
// overlap with itself when the section is no larger than the tile along that axis.
double shifted_ncc(const Section& s, const Box& tile, int d, bool along_x) {
  const int pos = along_x ? tile.x : tile.y, length = along_x ? tile.width : tile.height;
  const int extent = along_x ? s.width : s.height;
  const auto moved = [&](int at, int size) {
    return along_x ? Box{at, tile.y, size, tile.height} : Box{tile.x, at, tile.width, size};
  };
  if (pos + length + d <= extent) return ncc_of(crop(s, tile), crop(s, moved(pos + d, length)));
  if (pos - d >= 0) return ncc_of(crop(s, tile), crop(s, moved(pos - d, length)));
  return ncc_of(crop(s, moved(pos, length - d)), crop(s, moved(pos + d, length - d)));
}

std::vector<Section> texture_stack(std::size_t n, int width, int height) {
  // Isotropic (z_scale 1) and smooth enough that similarity falls over the whole shift range.
  const zspace::test::WaveTexture texture({width, height, 60, 0.02, 0.1, 1.0, 3});
  std::vector<double> z;
  for (std::size_t i = 0; i < n; ++i) z.push_back(1.5 * static_cast<double>(i));
  return texture.slices(z);
}

bool same_bits(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

bool same_values(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), same_bits);
}

zspace::CalibratedBand calibrate(const std::vector<Section>& sections, zspace::SimilarityMetric& metric,
                                 std::size_t range, zspace::CalibrationRequest request, int threads = 2) {
  MemoryReader reader(sections);
  return zspace::compute_calibrated_band(reader, metric, {range, threads}, request, nullptr);
}

}  // namespace

TEST_CASE("calibration curves of an isotropic texture fall with the shift, as the mean of x and y") {
  const auto sections = texture_stack(4, 48, 40);
  Ncc ncc;
  for (const zspace::CalibrationRequest request : {zspace::CalibrationRequest{2, 2, 4}, zspace::CalibrationRequest{1, 1, 4}}) {
    CAPTURE(request.tiles_x);
    const auto out = calibrate(sections, ncc, 2, request);
    const zspace::Calibration& c = out.calibration;
    REQUIRE(c.tiles() == static_cast<std::size_t>(request.tiles_x * request.tiles_y));
    REQUIRE(c.shifts == std::vector<double>{1, 2, 3, 4});
    REQUIRE(c.curves.size() == sections.size() * c.tiles() * 4);
    for (std::size_t i = 0; i < sections.size(); ++i) {
      for (int ty = 0; ty < request.tiles_y; ++ty) {
        for (int tx = 0; tx < request.tiles_x; ++tx) {
          const std::size_t t = static_cast<std::size_t>(ty * request.tiles_x + tx);
          const Box box = tile_box(tx, ty, request.tiles_x, request.tiles_y, 48, 40);
          for (std::size_t k = 0; k < 4; ++k) {
            const int d = static_cast<int>(k) + 1;
            const double expected = (shifted_ncc(sections[i], box, d, true) + shifted_ncc(sections[i], box, d, false)) / 2;
            CHECK(c.curve(i, t, k) == doctest::Approx(expected).epsilon(1e-12));
            if (k > 0) CHECK(c.curve(i, t, k) < c.curve(i, t, k - 1));
          }
          CHECK(c.curve(i, t, 0) < 1.0);
          CHECK(c.curve(i, t, 3) > 0.0);
        }
      }
    }
  }
}

TEST_CASE("tile bands equal the bands of the cropped stacks; a tile without signal is missing") {
  const int width = 48, height = 40;
  auto sections = texture_stack(9, width, height);
  // Tile 1 (top right) of section 4 is constant: no signal there, the rest of it is fine.
  const Box blank = tile_box(1, 0, 2, 2, width, height);
  for (int y = blank.y; y < blank.y + blank.height; ++y)
    for (int x = blank.x; x < blank.x + blank.width; ++x)
      sections[4].pixels[static_cast<std::size_t>(y * width + x)] = 100.0f;
  const std::size_t range = 3;
  Ncc ncc;
  const auto out = calibrate(sections, ncc, range, {2, 2, 5});

  MemoryReader whole(sections);
  const auto plain = zspace::compute_band(whole, ncc, {range, 2}, nullptr);
  CHECK(same_values(out.result.band.values(), plain.band.values()));
  CHECK(out.result.usable == plain.usable);

  REQUIRE(out.calibration.tile_bands.size() == 4);
  for (int t = 0; t < 4; ++t) {
    CAPTURE(t);
    std::vector<Section> cropped;
    for (const auto& s : sections) cropped.push_back(crop(s, tile_box(t % 2, t / 2, 2, 2, width, height)));
    MemoryReader reader(cropped);
    const auto expected = zspace::compute_band(reader, ncc, {range, 2}, nullptr);
    const auto& band = out.calibration.tile_bands[static_cast<std::size_t>(t)];
    CHECK(band.size() == sections.size());
    CHECK(band.range() == range);
    CHECK(same_values(band.values(), expected.band.values()));
  }
  const auto& blank_band = out.calibration.tile_bands[1];
  for (std::size_t j = 5; j <= 7; ++j) CHECK(std::isnan(blank_band(4, j)));
  CHECK(std::isfinite(out.calibration.tile_bands[0](4, 5)));
  for (std::size_t k = 0; k < 5; ++k) {
    CHECK(std::isnan(out.calibration.curve(4, 1, k)));
    CHECK(std::isfinite(out.calibration.curve(4, 0, k)));
  }
}

TEST_CASE("the calibrated band is bit-identical for 1 and 2 threads") {
  const auto sections = texture_stack(20, 40, 40);
  Ncc ncc;
  const auto one = calibrate(sections, ncc, 4, {2, 2, 6}, 1);
  const auto two = calibrate(sections, ncc, 4, {2, 2, 6}, 2);
  CHECK(same_values(one.result.band.values(), two.result.band.values()));
  CHECK(same_values(one.calibration.curves, two.calibration.curves));
  for (std::size_t t = 0; t < 4; ++t)
    CHECK(same_values(one.calibration.tile_bands[t].values(), two.calibration.tile_bands[t].values()));
}

TEST_CASE("8-bit sections stay 8-bit in the tiles and give the curves of their float copies") {
  const auto texture = texture_stack(6, 40, 40);
  std::vector<Section> bytes, floats;
  for (const auto& s : texture) {
    Section b;
    b.width = s.width;
    b.height = s.height;
    b.depth = zspace::PixelDepth::uint8;
    for (float v : s.pixels) b.pixels8.push_back(static_cast<std::uint8_t>(std::clamp(std::lround(v), 0L, 255L)));
    floats.push_back(zspace::to_float(b));
    bytes.push_back(std::move(b));
  }
  Ncc on_bytes, on_floats;
  const auto a = calibrate(bytes, on_bytes, 3, {2, 2, 5});
  const auto b = calibrate(floats, on_floats, 3, {2, 2, 5});
  CHECK(on_bytes.float_sections == 0);
  CHECK(on_floats.float_sections > 0);
  REQUIRE(a.calibration.curves.size() == b.calibration.curves.size());
  for (std::size_t k = 0; k < a.calibration.curves.size(); ++k)
    CHECK(a.calibration.curves[k] == doctest::Approx(b.calibration.curves[k]).epsilon(1e-12));
  for (std::size_t t = 0; t < 4; ++t)
    for (std::size_t i = 0; i + 1 < bytes.size(); ++i)
      CHECK(a.calibration.tile_bands[t](i, i + 1) == doctest::Approx(b.calibration.tile_bands[t](i, i + 1)).epsilon(1e-12));
}

TEST_CASE("a tile grid or shift the sections cannot hold is a ConfigError naming tiles or max_shift") {
  const auto sections = texture_stack(3, 48, 40);
  Ncc ncc;
  // 48 / 4 = 12 pixels per tile, fewer than the 16 a correlation needs.
  CHECK_THROWS_WITH_AS(calibrate(sections, ncc, 1, {4, 1, 4}),
                       doctest::Contains("tiles 4 cuts sections 48 pixels wide into tiles of 12; at least 16 are needed"),
                       zspace::ConfigError);
  // A whole-section tile 40 pixels high keeps 16 of them overlapping up to a shift of 24.
  CHECK_THROWS_WITH_AS(calibrate(sections, ncc, 1, {1, 1, 25}),
                       doctest::Contains("max_shift 25 leaves no room in sections 40 pixels high with tiles 1: at most 24"),
                       zspace::ConfigError);
  CHECK_NOTHROW(calibrate(sections, ncc, 1, {1, 1, 24}));
  // Two tiles 20 high: each needs the shift beside it, 40 - 20 = 20 at most.
  CHECK_THROWS_WITH_AS(calibrate(sections, ncc, 1, {1, 2, 21}), doctest::Contains("at most 20"), zspace::ConfigError);
  CHECK_THROWS_AS(calibrate(sections, ncc, 1, {1, 1, 0}), zspace::ConfigError);
  CHECK_NOTHROW(calibrate(sections, ncc, 1, {3, 2, 4}));
}

TEST_CASE("z.csv gets pixel columns, and nm columns with a voxel size, before the flag") {
  zspace::Pipeline pipeline;
  zspace::RunRecord run;
  run.pipeline = &pipeline;
  run.section_names = {"a.png", "b.png", "c.png"};
  run.usable = {true, true, true};
  run.solution.z = {0, 1, 2.5};
  run.solution.quality = {1, 1, 1};
  CHECK(zspace::z_table_csv(run) == "section,file,z,thickness,quality\n0,a.png,0,1,1\n1,b.png,1,1.5,1\n2,c.png,2.5,,1\n");

  run.solution.z_pixels = {0, 2, 5};
  run.solution.thickness_pixels_sd = {0.25, 0.5, 0.5};
  CHECK(zspace::z_table_csv(run) ==
        "section,file,z,thickness,quality,z_px,thickness_px,thickness_sd_px\n"
        "0,a.png,0,1,1,0,2,0.25\n1,b.png,1,1.5,1,2,3,0.5\n2,c.png,2.5,,1,5,,\n");

  pipeline.voxel_size = std::array<double, 3>{5, 5, 40};
  run.usable[1] = false;
  CHECK(zspace::z_table_csv(run) ==
        "section,file,z,thickness,quality,z_px,thickness_px,thickness_sd_px,z_nm,thickness_nm,thickness_sd_nm,flag\n"
        "0,a.png,0,1,1,0,2,0.25,0,10,1.25,\n1,b.png,1,1.5,1,2,3,0.5,10,15,2.5,no-signal\n"
        "2,c.png,2.5,,1,5,,,25,,,\n");
}

TEST_CASE("result.json carries the absolute positions and the calibration only when there are some") {
  zspace::Pipeline pipeline;
  zspace::PluginInfo solver;
  solver.descriptor.kind = zspace::PluginKind::solver;
  solver.descriptor.name = "test-solver";
  zspace::RunRecord run;
  run.pipeline = &pipeline;
  run.solver = &solver;
  run.section_names = {"a.png", "b.png"};
  run.usable = {true, true};
  run.solution.z = {0, 1};
  const std::string plain = zspace::result_json(run);
  CHECK(plain.find("z_pixels") == std::string::npos);
  CHECK(plain.find("calibration") == std::string::npos);

  run.solution.z_pixels = {0, 4.5};
  run.solution.thickness_pixels_sd = {0.25, 0.25};
  run.calibration = zspace::CalibrationRequest{4, 3, 24};
  const std::string json = zspace::result_json(run);
  CHECK(json.find("\"z_pixels\": [0, 4.5]") != std::string::npos);
  CHECK(json.find("\"thickness_pixels\": [4.5]") != std::string::npos);
  CHECK(json.find("\"thickness_pixels_sd\": [0.25, 0.25]") != std::string::npos);
  CHECK(json.find("\"calibration\": {") != std::string::npos);
  CHECK(json.find("\"tiles_x\": 4") != std::string::npos);
  CHECK(json.find("\"tiles_y\": 3") != std::string::npos);
  CHECK(json.find("\"max_shift\": 24") != std::string::npos);
}
