// The streaming band engine: every pair inside the band, each section read once, a bounded
// window of prepared sections, and bit-identical results for any thread count.

#include <doctest/doctest.h>

#include <atomic>
#include <cmath>
#include <memory>

#include "core/ncc.hpp"
#include "memory_reader.hpp"
#include "synthetic_stack.hpp"
#include "zspace/engine/band_engine.hpp"
#include "zspace/engine/errors.hpp"

namespace {

using zspace::test::MemoryReader;

// ncc that counts how many prepared sections are alive at once.
class CountingNcc final : public zspace::SimilarityMetric {
 public:
  struct Prepared final : zspace::PreparedSection {
    explicit Prepared(const CountingNcc& m, const zspace::Section& s) : owner(m), inner(zspace::ncc::prepare(s)) {
      const int now = ++owner.alive;
      int seen = owner.max_alive.load();
      while (now > seen && !owner.max_alive.compare_exchange_weak(seen, now)) {}
    }
    ~Prepared() override { --owner.alive; }
    bool usable() const override { return inner->usable(); }
    const CountingNcc& owner;
    std::unique_ptr<zspace::ncc::PreparedNcc> inner;
  };
  std::unique_ptr<zspace::PreparedSection> prepare(const zspace::Section& s) const override {
    return std::make_unique<Prepared>(*this, s);
  }
  double compare(const zspace::PreparedSection& a, const zspace::PreparedSection& b) const override {
    return zspace::ncc::correlate(*static_cast<const Prepared&>(a).inner, *static_cast<const Prepared&>(b).inner);
  }
  mutable std::atomic<int> alive{0};
  mutable std::atomic<int> max_alive{0};
};

std::vector<zspace::Section> texture_stack(std::size_t n) {
  const zspace::test::WaveTexture texture({24, 20, 40, 0.02, 0.2, 1.0, 5});
  std::vector<double> z;
  for (std::size_t i = 0; i < n; ++i) z.push_back(0.8 * static_cast<double>(i));
  return texture.slices(z);
}

}  // namespace

TEST_CASE("band holds exactly the pairs |i-j| <= R, each equal to a direct comparison") {
  const auto sections = texture_stack(60);
  MemoryReader reader(sections);
  CountingNcc metric;
  const std::size_t r = 7;
  const auto result = zspace::compute_band(reader, metric, {r, 2}, nullptr);
  CHECK(reader.reads == 60);  // every section read exactly once
  REQUIRE(result.band.size() == 60);
  REQUIRE(result.band.range() == r);
  for (std::size_t i = 0; i < 60; ++i) {
    CHECK(result.band(i, i) == 1.0);
    for (std::size_t j = i + 1; j < 60; ++j) {
      const double v = result.band(i, j);
      if (j - i > r) {
        CHECK(std::isnan(v));
        continue;
      }
      const double direct = zspace::ncc::correlate(*zspace::ncc::prepare(sections[i]), *zspace::ncc::prepare(sections[j]));
      CHECK(v == direct);
      CHECK(result.band(j, i) == v);
    }
  }
  // The stack streams through a window: never all 60 sections prepared at once.
  CHECK(metric.max_alive.load() <= static_cast<int>(r) + 8 + 2);
  CHECK(metric.alive.load() == 0);
}

TEST_CASE("band is bit-identical for 1, 2 and 5 threads") {
  const auto sections = texture_stack(45);
  CountingNcc metric;
  MemoryReader r1(sections), r2(sections), r5(sections);
  const auto a = zspace::compute_band(r1, metric, {10, 1}, nullptr);
  const auto b = zspace::compute_band(r2, metric, {10, 2}, nullptr);
  const auto c = zspace::compute_band(r5, metric, {10, 5}, nullptr);
  const auto& va = a.band.values();
  const auto& vb = b.band.values();
  const auto& vc = c.band.values();
  REQUIRE(va.size() == vb.size());
  bool identical = true;
  for (std::size_t k = 0; k < va.size(); ++k) {
    const bool same_ab = (std::isnan(va[k]) && std::isnan(vb[k])) || va[k] == vb[k];
    const bool same_ac = (std::isnan(va[k]) && std::isnan(vc[k])) || va[k] == vc[k];
    identical = identical && same_ab && same_ac;
  }
  CHECK(identical);
}

TEST_CASE("a constant section is flagged and its pairs are missing, not an error") {
  auto sections = texture_stack(12);
  std::fill(sections[4].pixels.begin(), sections[4].pixels.end(), 7.0f);
  MemoryReader reader(sections);
  CountingNcc metric;
  const auto result = zspace::compute_band(reader, metric, {3, 2}, nullptr);
  CHECK_FALSE(result.usable[4]);
  CHECK(result.usable[3]);
  CHECK(std::isnan(result.band(3, 4)));
  CHECK(std::isnan(result.band(4, 7)));
  CHECK(std::isfinite(result.band(3, 5)));
}

TEST_CASE("a reader failure surfaces as DataError naming the section") {
  MemoryReader reader(texture_stack(20));
  reader.fail_at = 13;
  CountingNcc metric;
  CHECK_THROWS_WITH_AS(zspace::compute_band(reader, metric, {4, 2}, nullptr), "s13: cannot read", zspace::DataError);
}
