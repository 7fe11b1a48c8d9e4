// The ncc plugin as the engine drives it: compare_many against compare pair by pair, and the
// band of an integer stack with 1 and 2 threads.

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "integer_sections.hpp"
#include "memory_reader.hpp"
#include "synthetic_stack.hpp"
#include "zspace/engine/band_engine.hpp"
#include "zspace/engine/registry.hpp"

namespace {

using zspace::PixelDepth;
using zspace::test::MemoryReader;

std::unique_ptr<zspace::SimilarityMetric> ncc_plugin() {
  // The plugin library must stay loaded while the metric lives: one registry for the binary.
  static zspace::Registry registry([](const std::string&) {});
  registry.scan({ZSPACE_PLUGIN_DIR});
  return registry.create_metric("ncc", zspace::Params{});
}

// Texture slices quantised to integers: 193 x 181 pixels span two chunks and leave a tail.
std::vector<zspace::Section> integer_stack(std::size_t n, PixelDepth depth, double scale) {
  const zspace::test::WaveTexture texture({193, 181, 40, 0.02, 0.2, 1.0, 5});
  std::vector<double> z;
  for (std::size_t i = 0; i < n; ++i) z.push_back(0.7 * static_cast<double>(i));
  auto slices = texture.slices(z);
  const auto k = static_cast<float>(scale);
  for (auto& s : slices) {
    for (auto& v : s.pixels) v = std::round(std::clamp(v * k, 0.0f, 255.0f * k));
    s = zspace::test::with_depth(s, depth);
  }
  return slices;
}

void check_same_band(const zspace::BandResult& a, const zspace::BandResult& b) {
  const auto& va = a.band.values();
  const auto& vb = b.band.values();
  REQUIRE(va.size() == vb.size());
  std::size_t differing = 0;
  for (std::size_t k = 0; k < va.size(); ++k)
    if (!zspace::test::same_bits(va[k], vb[k])) ++differing;
  CHECK(differing == 0);
}

}  // namespace

TEST_CASE("ncc plugin takes integer pixels and its compare_many equals compare bit for bit") {
  const auto metric = ncc_plugin();
  REQUIRE(metric);
  CHECK(metric->accepts_integer_pixels());
  std::mt19937 rng(31);
  const auto base = zspace::test::random_integer_section(rng, PixelDepth::uint8, 131, 67, 0, 255);
  std::vector<zspace::Section> sections;
  for (double mix : {0.9, 0.5, 0.1, 0.95, 0.7, 0.2, 0.8})
    sections.push_back(zspace::test::random_integer_section(rng, PixelDepth::uint8, 131, 67, 0, 255, &base, mix));
  sections.push_back(zspace::test::random_integer_section(rng, PixelDepth::uint8, 131, 67, 9, 9));  // constant
  sections.push_back(zspace::test::with_depth(sections[1], PixelDepth::uint16));
  sections.push_back(zspace::test::with_depth(sections[2], PixelDepth::float32));
  sections.push_back(zspace::test::random_integer_section(rng, PixelDepth::uint16, 131, 67, 60000, 65535, &base, 0.5));
  std::vector<std::unique_ptr<zspace::PreparedSection>> prepared;
  for (const auto& s : sections) prepared.push_back(metric->prepare(s));
  std::vector<const zspace::PreparedSection*> partners;
  for (const auto& p : prepared) partners.push_back(p.get());

  const zspace::Section bs[] = {base, zspace::test::with_depth(base, PixelDepth::uint16),
                                zspace::test::with_depth(base, PixelDepth::float32)};
  for (const auto& b : bs) {
    CAPTURE(static_cast<int>(b.depth));
    const auto pb = metric->prepare(b);
    std::vector<zspace::Comparison> many(partners.size());
    metric->compare_many(*pb, partners.data(), partners.size(), many.data());
    for (std::size_t k = 0; k < partners.size(); ++k) {
      CAPTURE(k);
      CHECK(zspace::test::same_bits(many[k].value, metric->compare(*partners[k], *pb)));
      CHECK(many[k].shift_x == 0);
    }
    CHECK(std::isnan(many[7].value));  // the constant section
    CHECK(many[0].value > 0.8);
  }
}

TEST_CASE("ncc band of an 8-bit stack is bit-identical for 1 and 2 threads and matches the float path") {
  const auto metric = ncc_plugin();
  const auto sections = integer_stack(36, PixelDepth::uint8, 1.0);
  const MemoryReader reader(sections);
  const auto one = zspace::compute_band(reader, *metric, {10, 1, 0, 0}, nullptr);
  const auto two = zspace::compute_band(reader, *metric, {10, 2, 0, 0}, nullptr);
  check_same_band(one, two);

  std::vector<zspace::Section> floats;
  for (const auto& s : sections) floats.push_back(zspace::to_float(s));
  const auto as_float = zspace::compute_band(MemoryReader(floats), *metric, {10, 2, 0, 0}, nullptr);
  double worst = 0;
  for (std::size_t i = 0; i < sections.size(); ++i)
    for (std::size_t j = i + 1; j <= std::min(i + 10, sections.size() - 1); ++j)
      worst = std::max(worst, std::abs(one.band(i, j) - as_float.band(i, j)));
  CHECK(worst < 1e-9);
  CHECK(one.band(0, 1) > one.band(0, 10));  // the texture decorrelates with distance
}

TEST_CASE("ncc band of a 16-bit stack is bit-identical for 1 and 2 threads") {
  const auto metric = ncc_plugin();
  const MemoryReader reader(integer_stack(24, PixelDepth::uint16, 257.0));
  check_same_band(zspace::compute_band(reader, *metric, {6, 1, 0, 0}, nullptr),
                  zspace::compute_band(reader, *metric, {6, 2, 0, 0}, nullptr));
}
