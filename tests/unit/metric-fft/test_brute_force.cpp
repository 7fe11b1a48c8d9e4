// fft-correlation against the brute-force evaluation of its definition (fft_reference.hpp), and
// the FFT error against the bound its shift search relies on.

#include <doctest/doctest.h>

#include <cmath>
#include <random>

#include "core/fft_correlation.hpp"
#include "fft_reference.hpp"
#include "synthetic_stack.hpp"

using namespace zspace::test::fft;
using zspace::fft_correlation::Correlator;

namespace {

// `base` seen through a w x h window, and the same window moved by (-sx, -sy): the second is
// the first moved by (sx, sy), b(x, y) = a(x - sx, y - sy).
std::pair<zspace::Section, zspace::Section> shifted_pair(const zspace::Section& base, int w, int h, int sx, int sy) {
  const int x0 = (base.width - w) / 2, y0 = (base.height - h) / 2;
  return {crop(base, x0, y0, w, h), crop(base, x0 - sx, y0 - sy, w, h)};
}

void add_noise_and_mask(zspace::Section& s, std::mt19937& rng, double noise, double nan_fraction) {
  std::normal_distribution<float> n(0.0f, static_cast<float>(noise));
  std::uniform_real_distribution<double> coin(0.0, 1.0);
  for (auto& v : s.pixels) v = coin(rng) < nan_fraction ? kNaN : v + n(rng);
}

void check_against_reference(const Correlator& c, const zspace::Section& a, const zspace::Section& b) {
  const auto expected = brute_force(a, b, c.options());
  const auto got = c.compare(*c.prepare(a), *c.prepare(b));
  if (std::isnan(expected.value)) {
    CHECK(std::isnan(got.value));
    return;
  }
  CHECK(std::abs(got.value - expected.value) < 1e-9);
  CHECK(got.shift_x == expected.shift_x);
  CHECK(got.shift_y == expected.shift_y);
}

}  // namespace

TEST_CASE("random images with masks and shifts: value and shift equal the brute-force definition") {
  std::mt19937 rng(2024);
  std::uniform_int_distribution<int> shift(-6, 6);
  for (Window window : {Window::none, Window::hann}) {
    for (int max_shift : {0, 3, 8}) {
      Correlator c(Options{max_shift, window, 0.5});
      for (double nan_a : {0.0, 0.1, 0.4}) {
        for (double nan_b : {0.0, 0.3}) {
          CAPTURE(static_cast<int>(window));
          CAPTURE(max_shift);
          CAPTURE(nan_a);
          CAPTURE(nan_b);
          const auto base = random_section(rng, 60, 50, 0.0, 1000.0f);
          const int sx = shift(rng), sy = shift(rng);
          CAPTURE(sx);
          CAPTURE(sy);
          auto [a, b] = shifted_pair(base, 40, 30, sx, sy);
          add_noise_and_mask(a, rng, 0.0, nan_a);
          add_noise_and_mask(b, rng, 40.0, nan_b);
          check_against_reference(c, a, b);
          // Unrelated images: the maximum is a near-tie among many small values.
          check_against_reference(c, random_section(rng, 40, 30, nan_a), random_section(rng, 40, 30, nan_b));
        }
      }
    }
  }
}

TEST_CASE("smooth texture with sub-pixel offsets: broad peaks still give the exact maximum") {
  zspace::test::WaveTextureOptions wo;
  wo.width = 44;
  wo.height = 36;
  wo.waves = 40;
  wo.fmin = 0.02;
  wo.fmax = 0.1;
  const auto slices = zspace::test::WaveTexture(wo).slices({0.0, 0.4, 1.5});
  std::mt19937 rng(5);
  for (Window window : {Window::none, Window::hann}) {
    Correlator c(Options{5, window, 0.5});
    for (std::size_t j = 1; j < slices.size(); ++j) {
      auto a = slices[0], b = slices[j];
      check_against_reference(c, a, b);
      add_noise_and_mask(a, rng, 0.5, 0.2);
      add_noise_and_mask(b, rng, 0.5, 0.0);
      check_against_reference(c, a, b);
      check_against_reference(c, b, a);
    }
  }
}

TEST_CASE("sections smaller than max_shift search every shift that leaves an overlap") {
  // min_overlap keeps a few pixels in every overlap: two-pixel overlaps all correlate +-1.
  std::mt19937 rng(9);
  Correlator c(Options{100, Window::none, 0.3});
  check_against_reference(c, random_section(rng, 6, 5, 0.0), random_section(rng, 6, 5, 0.0));
  check_against_reference(c, random_section(rng, 9, 2, 0.0), random_section(rng, 9, 2, 0.2));
}

TEST_CASE("single-precision FFT sums stay far inside the error bound of the shift search") {
  // Ratio of the actual error of every approximate overlap sum to the bound the search uses;
  // the search is exact as long as it stays below 1.
  double worst = 0;
  auto measure = [&](const Correlator& c, const zspace::Section& sa, const zspace::Section& sb) {
    const auto a = c.prepare(sa), b = c.prepare(sb);
    const auto& g = *a->geometry;
    zspace::fft_correlation::Workspace ws;
    zspace::fft_correlation::approximate_sums(*a, *b, ws);
    const double e = zspace::fft_correlation::fft_error_scale(g);
    const double na = static_cast<double>(a->valid), nb = static_cast<double>(b->valid);
    const double na2 = std::sqrt(a->sum_squares), nb2 = std::sqrt(b->sum_squares);
    const double bounds[6] = {e * na2 * nb2, e * std::sqrt(na * nb), e * na2 * std::sqrt(nb),
                              e * std::sqrt(a->sum_fourth * nb), e * nb2 * std::sqrt(na),
                              e * std::sqrt(b->sum_fourth * na)};
    auto weighted = [&](const zspace::fft_correlation::PreparedFft& p, int x, int y) {
      const float v = p.values[static_cast<std::size_t>(y * g.width + x)];
      if (std::isnan(v)) return 0.0;
      double d = v - p.mean;
      if (g.windowed()) d = d * g.window_x[static_cast<std::size_t>(x)] * g.window_y[static_cast<std::size_t>(y)];
      return d;
    };
    auto valid = [&](const zspace::fft_correlation::PreparedFft& p, int x, int y) {
      return std::isnan(p.values[static_cast<std::size_t>(y * g.width + x)]) ? 0.0 : 1.0;
    };
    for (std::size_t k = 0; k < g.shift_count(); ++k) {
      const int dx = g.shift_x(k), dy = g.shift_y(k);
      double s[6] = {};
      for (int y = std::max(0, -dy); y < std::min(g.height, g.height - dy); ++y)
        for (int x = std::max(0, -dx); x < std::min(g.width, g.width - dx); ++x) {
          const double fa = weighted(*a, x, y), fb = weighted(*b, x + dx, y + dy);
          const double ma = valid(*a, x, y), mb = valid(*b, x + dx, y + dy);
          const double terms[6] = {fa * fb, ma * mb, fa * mb, fa * fa * mb, ma * fb, ma * fb * fb};
          for (int i = 0; i < 6; ++i) s[i] += terms[i];
        }
      const std::vector<double>* approx[6] = {&ws.ab, &ws.count, &ws.a, &ws.aa, &ws.b, &ws.bb};
      for (int i = 0; i < 6; ++i) worst = std::max(worst, std::abs((*approx[i])[k] - s[i]) / bounds[i]);
    }
  };
  std::mt19937 rng(77);
  for (Window window : {Window::none, Window::hann}) {
    const Correlator wide(Options{8, window, 0.5});
    for (double nan_a : {0.0, 0.3})
      for (double nan_b : {0.0, 0.2})
        measure(wide, random_section(rng, 48, 40, nan_a, 5000.0f), random_section(rng, 48, 40, nan_b, 5000.0f));
    // Real sections, then one of them with a large invalid band.
    const Correlator narrow(Options{3, window, 0.5});
    const auto a = crop(sample_section(40), 30, 40, 150, 120);
    auto b = crop(sample_section(43), 30, 40, 150, 120);
    measure(narrow, a, b);
    for (int y = 0; y < b.height; ++y)
      for (int x = 0; x < 50; ++x) b.pixels[static_cast<std::size_t>(y * b.width + x)] = kNaN;
    measure(narrow, a, b);
  }
  MESSAGE("worst FFT error / bound: " << worst);
  CHECK(worst < 0.25);
}
