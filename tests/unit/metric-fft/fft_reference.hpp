#pragma once
// Test helpers for the fft-correlation metric: crops of real sections, and a brute-force
// reference that evaluates the metric's definition literally (every shift, every overlap pixel,
// two-pass Pearson in double precision).

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <numbers>
#include <random>
#include <vector>

#include "core/fft_options.hpp"
#include "float_sections.hpp"
#include "zspace/engine/stack_reader.hpp"
#include "zspace/metric.hpp"

namespace zspace::test::fft {

using zspace::fft_correlation::Options;
using zspace::fft_correlation::Window;
using ::zspace::test::float_section;
using ::zspace::test::random_section;

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

/// Section i of the shipped FIB-SEM stack as float.
inline Section sample_section(std::size_t i) {
  static const auto stack = open_stack(std::string(ZSPACE_TEST_DATA_DIR) + "/fibsem_medulla_iso10nm_s1");
  return to_float(stack->read(i));
}

/// The metric's definition, literally: at shift (dx, dy) pixel (x, y) of `a` meets pixel
/// (x + dx, y + dy) of `b`; Pearson correlation of the windowed, mean-removed values over the
/// pixels valid in both; maximum over |dx|, |dy| <= max_shift (within the section) among shifts
/// with enough overlap (shift 0 always qualifies); ties to the smaller |shift|, then row-major.
inline Comparison brute_force(const Section& a, const Section& b, const Options& o) {
  const int w = a.width, h = a.height;
  auto mean_and_count = [](const Section& s) {
    double sum = 0;
    std::size_t n = 0;
    for (float v : s.pixels)
      if (!std::isnan(v)) {
        sum += v;
        ++n;
      }
    return std::pair<double, std::size_t>{n ? sum / static_cast<double>(n) : 0.0, n};
  };
  auto hann = [](int i, int n) {
    const double s = std::sin(std::numbers::pi * (i + 0.5) / n);
    return s * s;
  };
  auto weight = [&](int x, int y) { return o.window == Window::hann ? hann(x, w) * hann(y, h) : 1.0; };
  const auto [ma, na] = mean_and_count(a);
  const auto [mb, nb] = mean_and_count(b);
  const auto need = std::max<std::size_t>(
      2, static_cast<std::size_t>(std::ceil(o.min_overlap * static_cast<double>(std::min(na, nb)))));
  const int rx = std::min(o.max_shift, w - 1), ry = std::min(o.max_shift, h - 1);
  Comparison best;
  bool found = false;
  for (int dy = -ry; dy <= ry; ++dy) {
    for (int dx = -rx; dx <= rx; ++dx) {
      std::vector<double> va, vb;
      for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
          const int u = x + dx, v = y + dy;
          if (u < 0 || v < 0 || u >= w || v >= h) continue;
          const float pa = a.at(x, y), pb = b.at(u, v);
          if (std::isnan(pa) || std::isnan(pb)) continue;
          va.push_back((pa - ma) * weight(x, y));
          vb.push_back((pb - mb) * weight(u, v));
        }
      const std::size_t n = va.size();
      if (n < 2 || ((dx != 0 || dy != 0) && n < need)) continue;
      double sa = 0, sb = 0;
      for (std::size_t k = 0; k < n; ++k) {
        sa += va[k];
        sb += vb[k];
      }
      const double ca = sa / static_cast<double>(n), cb = sb / static_cast<double>(n);
      double sab = 0, saa = 0, sbb = 0;
      for (std::size_t k = 0; k < n; ++k) {
        sab += (va[k] - ca) * (vb[k] - cb);
        saa += (va[k] - ca) * (va[k] - ca);
        sbb += (vb[k] - cb) * (vb[k] - cb);
      }
      if (!(saa > 0) || !(sbb > 0)) continue;
      const double r = sab / std::sqrt(saa * sbb);
      const double r2 = dx * dx + dy * dy, best_r2 = best.shift_x * best.shift_x + best.shift_y * best.shift_y;
      // Row-major visiting order: an equal value at an equal |shift| keeps the earlier shift.
      if (!found || r > best.value || (r == best.value && r2 < best_r2)) {
        best = Comparison{r, static_cast<double>(dx), static_cast<double>(dy)};
        found = true;
      }
    }
  }
  return best;
}

}  // namespace zspace::test::fft
