// fft-correlation on the shipped FIB-SEM stack: known shifts recovered, through the plugin and
// through the command line.

#include <doctest/doctest.h>

#include <cmath>

#include "config_run.hpp"
#include "core/fft_correlation.hpp"
#include "fft_reference.hpp"
#include "test_support.hpp"
#include "zspace/engine/image_io.hpp"
#include "zspace/engine/registry.hpp"

using namespace zspace::test;
using namespace zspace::test::fft;
using zspace::fft_correlation::Correlator;

TEST_CASE("a crop and a shifted crop of the same section: value 1 at the applied shift") {
  const auto section = sample_section(100);
  for (Window window : {Window::none, Window::hann}) {
    const Correlator c(Options{8, window, 0.5});
    const auto a = c.prepare(crop(section, 20, 20, 200, 200));
    for (auto [sx, sy] : {std::pair{3, -2}, std::pair{-7, 5}, std::pair{8, 8}, std::pair{0, -1}}) {
      CAPTURE(sx);
      CAPTURE(sy);
      const auto b = c.prepare(crop(section, 20 - sx, 20 - sy, 200, 200));
      const auto r = c.compare(*a, *b);
      CHECK(r.shift_x == sx);
      CHECK(r.shift_y == sy);
      // The window stays put in each section's frame, so windowed copies differ slightly.
      if (window == Window::none) CHECK(r.value == doctest::Approx(1.0).epsilon(1e-12));
      else CHECK(r.value > 0.95);
    }
  }
}

TEST_CASE("neighbouring sections moved in-plane: the applied shift is found") {
  const Correlator c(Options{8, Window::none, 0.5});
  const auto a = sample_section(150), b = sample_section(151);
  const auto aligned = c.compare(*c.prepare(crop(a, 20, 20, 200, 200)), *c.prepare(crop(b, 20, 20, 200, 200)));
  const auto moved = c.compare(*c.prepare(crop(a, 20, 20, 200, 200)), *c.prepare(crop(b, 16, 25, 200, 200)));
  CHECK(moved.shift_x == aligned.shift_x + 4);
  CHECK(moved.shift_y == aligned.shift_y - 5);
  CHECK(moved.value > 0.8);
}

TEST_CASE("the plugin declares its parameters, reports shifts, and compare_many matches pair by pair") {
  zspace::Registry registry([](const std::string&) {});
  registry.scan({ZSPACE_PLUGIN_DIR});
  const auto* info = registry.find(zspace::PluginKind::metric, "fft-correlation");
  REQUIRE(info != nullptr);
  std::vector<std::string> names;
  for (const auto& p : info->descriptor.parameters) names.push_back(p.name);
  CHECK(names == std::vector<std::string>{"max_shift", "window", "min_overlap"});

  zspace::Params params;
  params.set("max_shift", std::int64_t{5});
  params.set("window", std::string("hann"));
  const auto metric = registry.create_metric("fft-correlation", params);
  REQUIRE(metric->reports_shifts());
  std::vector<std::unique_ptr<zspace::PreparedSection>> prepared;
  for (std::size_t i = 30; i < 36; ++i) prepared.push_back(metric->prepare(crop(sample_section(i), 0, 0, 120, 100)));
  std::vector<const zspace::PreparedSection*> partners;
  for (std::size_t i = 0; i + 1 < prepared.size(); ++i) partners.push_back(prepared[i].get());
  std::vector<zspace::Comparison> many(partners.size());
  metric->compare_many(*prepared.back(), partners.data(), partners.size(), many.data());
  for (std::size_t k = 0; k < partners.size(); ++k) {
    const auto one = metric->compare_aligned(*partners[k], *prepared.back());
    CHECK(many[k].value == one.value);
    CHECK(many[k].shift_x == one.shift_x);
    CHECK(many[k].shift_y == one.shift_y);
    CHECK(metric->compare(*partners[k], *prepared.back()) == one.value);
    CHECK(one.value > 0.2);
  }
}

TEST_CASE("configs/fft-correlation.yaml runs on the FIB-SEM stack") {
  TempDir out;
  const StripSums strip = run_shipped_config("fft-correlation.yaml", out);
  CHECK(strip.near > strip.far);  // similarity falls with distance
  CHECK(read_text(out / "pipeline.resolved.yaml").find("max_shift: 8") != std::string::npos);
}

TEST_CASE("compare_unaligned gives the zero-shift value, which equals ncc, not the searched maximum") {
  zspace::Registry registry([](const std::string&) {});
  registry.scan({ZSPACE_PLUGIN_DIR});
  zspace::Params params;
  params.set("max_shift", std::int64_t{8});
  const auto fft = registry.create_metric("fft-correlation", params);
  const auto ncc = registry.create_metric("ncc", zspace::Params{});
  const auto section = zspace::to_float(sample_section(120));
  const auto a = crop(section, 20, 20, 150, 150);
  const auto b = crop(section, 24, 17, 150, 150);  // the same tissue moved by (-4, +3)
  const auto fa = fft->prepare(a), fb = fft->prepare(b);
  const double unaligned = fft->compare_unaligned(*fa, *fb);
  CHECK(unaligned == doctest::Approx(ncc->compare(*ncc->prepare(a), *ncc->prepare(b))).epsilon(1e-9));
  CHECK(fft->compare(*fa, *fb) == doctest::Approx(1.0).epsilon(1e-12));
  CHECK(unaligned < 0.9);
}
