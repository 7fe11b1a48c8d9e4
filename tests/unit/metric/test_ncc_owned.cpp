// prepare_owned: the band engine's way into the ncc metric. It must keep the section's pixel
// vector (no copy) and give exactly what prepare() of a borrowed section gives.

#include <doctest/doctest.h>

#include <cstdint>
#include <memory>
#include <random>
#include <stdexcept>
#include <utility>
#include <vector>

#include "core/ncc.hpp"
#include "integer_sections.hpp"

namespace {

using zspace::PixelDepth;
using zspace::Section;

// Sections of every depth, 8/16-bit with a tail after the last full vector (131 x 67 pixels).
std::vector<Section> sections_of(PixelDepth depth) {
  std::mt19937 rng(7);
  const int hi = depth == PixelDepth::uint8 ? 255 : 65535;
  const auto integer_depth = depth == PixelDepth::float32 ? PixelDepth::uint16 : depth;
  const auto base = zspace::test::random_integer_section(rng, integer_depth, 131, 67, 0, hi);
  std::vector<Section> out;
  for (double mix : {1.0, 0.8, 0.3})
    out.push_back(zspace::test::random_integer_section(rng, integer_depth, 131, 67, 0, hi, &base, mix));
  if (depth == PixelDepth::float32)
    for (auto& s : out) s = zspace::test::with_depth(s, PixelDepth::float32);
  return out;
}

const void* pixel_data(const Section& s) {
  switch (s.depth) {
    case PixelDepth::uint8: return s.pixels8.data();
    case PixelDepth::uint16: return s.pixels16.data();
    default: return s.pixels.data();
  }
}

const void* prepared_data(const zspace::ncc::PreparedNcc& p) {
  switch (p.depth) {
    case PixelDepth::uint8: return p.pixels8.data();
    case PixelDepth::uint16: return p.shifted16.data();
    default: return p.values.data();
  }
}

}  // namespace

TEST_CASE("ncc prepare_owned keeps the section's pixels and equals prepare bit for bit") {
  for (PixelDepth depth : {PixelDepth::uint8, PixelDepth::uint16, PixelDepth::float32}) {
    CAPTURE(static_cast<int>(depth));
    const auto sections = sections_of(depth);
    std::vector<std::unique_ptr<zspace::ncc::PreparedNcc>> copied, owned;
    for (const auto& s : sections) {
      copied.push_back(zspace::ncc::prepare(s));
      Section moved = s;
      const void* pixels = pixel_data(moved);
      owned.push_back(zspace::ncc::prepare_owned(std::move(moved)));
      CHECK(prepared_data(*owned.back()) == pixels);
    }
    for (std::size_t i = 0; i < sections.size(); ++i) {
      CHECK(owned[i]->sums.sum == copied[i]->sums.sum);
      CHECK(owned[i]->sums.sum_squares == copied[i]->sums.sum_squares);
      CHECK(zspace::test::same_bits(owned[i]->mean, copied[i]->mean));
      CHECK(zspace::test::same_bits(owned[i]->centered_ss, copied[i]->centered_ss));
      for (std::size_t j = 0; j < sections.size(); ++j) {
        CAPTURE(i);
        CAPTURE(j);
        const double expected = zspace::ncc::correlate(*copied[i], *copied[j]);
        CHECK(zspace::test::same_bits(zspace::ncc::correlate(*owned[i], *owned[j]), expected));
        CHECK(zspace::test::same_bits(zspace::ncc::correlate(*owned[i], *copied[j]), expected));
      }
    }
    CHECK(zspace::ncc::correlate(*owned[0], *owned[1]) > 0.5);
  }
}

TEST_CASE("ncc prepare_owned refuses a section whose pixel count does not match its size") {
  Section s;
  s.width = 4;
  s.height = 3;
  s.depth = PixelDepth::uint8;
  s.pixels8.assign(11, 7);
  CHECK_THROWS_WITH_AS(zspace::ncc::prepare_owned(std::move(s)), "ncc: a 4x3 section holds 11 pixels",
                       std::invalid_argument);
}
