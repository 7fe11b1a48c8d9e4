#pragma once
// Shared helpers of the calibrated solver tests: calibrations built from a known model, and
// from sections measured the way the engine measures them.

#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "affine_fit.hpp"
#include "zspace/band_matrix.hpp"
#include "zspace/section.hpp"
#include "zspace/solver.hpp"

namespace zspace::calibrated::testing {

/// Positions in pixels, spacing uniform in [lo, hi] (seeded; raw mt19937 draws are portable).
inline std::vector<double> random_positions(std::size_t n, double lo, double hi, std::uint32_t seed = 1) {
  std::mt19937 rng(seed);
  std::vector<double> z{0.0};
  for (std::size_t i = 1; i < n; ++i) z.push_back(z.back() + lo + (hi - lo) * (static_cast<double>(rng()) / 4294967296.0));
  return z;
}

/// A texture whose similarity falls linearly with distance, 1 - d / length[t] on tile t
/// (different per tile, as real tissue is not the same everywhere), seen through sections of
/// contrast q[i] (noise: a section's similarities are scaled by q_i q_j, its curve by q_i^2).
/// Linear curves make the inversion exact, so the solver must recover z exactly.
struct LinearModel {
  std::vector<double> z_px;        ///< true positions, pixels of the compared sections
  std::vector<double> length;      ///< per tile, pixels
  std::vector<double> q;           ///< per section (empty = all 1)
  int tiles_x = 2, tiles_y = 2;
  int max_shift = 24;
  std::size_t range = 3;
  double pixel_scale = 1;

  double contrast(std::size_t i) const { return q.empty() ? 1.0 : q[i]; }

  Calibration calibration() const {
    Calibration c;
    c.tiles_x = tiles_x;
    c.tiles_y = tiles_y;
    c.pixel_scale = pixel_scale;
    for (int d = 1; d <= max_shift; ++d) c.shifts.push_back(d);
    const std::size_t n = z_px.size(), tiles = c.tiles(), k = c.shifts.size();
    c.curves.resize(n * tiles * k);
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t t = 0; t < tiles; ++t)
        for (std::size_t s = 0; s < k; ++s)
          c.curves[(i * tiles + t) * k + s] = contrast(i) * contrast(i) * (1 - c.shifts[s] / length[t]);
    for (std::size_t t = 0; t < tiles; ++t) {
      BandMatrix b(n, range);
      for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = i + 1; j < n && j <= i + range; ++j)
          b.set(i, j, contrast(i) * contrast(j) * (1 - (z_px[j] - z_px[i]) / length[t]));
      c.tile_bands.push_back(std::move(b));
    }
    return c;
  }

  /// The whole-section band (the solver reads only its size and range).
  BandMatrix band() const { return BandMatrix(z_px.size(), range); }
};

/// Counts calls, remembers the last z, and can ask to stop after an iteration.
struct RecordingObserver : SolverObserver {
  int planned = -1;
  int calls = 0;
  int stop_after = -1;
  std::vector<double> last_z;
  void started(int n) override { planned = n; }
  bool iteration(int i, const std::vector<double>& z) override {
    ++calls;
    last_z = z;
    return stop_after < 0 || i < stop_after;
  }
};

/// Pearson correlation of two equally sized windows (top-left corners given).
inline double window_correlation(const Section& a, int ax, int ay, const Section& b, int bx, int by, int w, int h) {
  double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const double u = a.at(ax + x, ay + y), v = b.at(bx + x, by + y);
      sa += u;
      sb += v;
      saa += u * u;
      sbb += v * v;
      sab += u * v;
    }
  const double n = static_cast<double>(w) * h;
  const double cov = sab - sa * sb / n, va = saa - sa * sa / n, vb = sbb - sb * sb / n;
  return cov / std::sqrt(va * vb);
}

/// The in-plane calibration of a stack as the engine defines it: tile bounds k * W / tiles,
/// each tile compared with the window of its size shifted by d along x (towards the interior)
/// and along y, the curve value the mean of both; tile bands from the same windows across
/// sections.
inline Calibration measure_calibration(const std::vector<Section>& sections, int tiles, int max_shift,
                                       std::size_t range) {
  Calibration c;
  c.tiles_x = c.tiles_y = tiles;
  for (int d = 1; d <= max_shift; ++d) c.shifts.push_back(d);
  const int width = sections.front().width, height = sections.front().height;
  const auto shifted = [](int start, int size, int extent, int d) { return start + size + d <= extent ? start + d : start - d; };
  for (const Section& s : sections)
    for (int ty = 0; ty < tiles; ++ty)
      for (int tx = 0; tx < tiles; ++tx) {
        const int x0 = tx * width / tiles, x1 = (tx + 1) * width / tiles;
        const int y0 = ty * height / tiles, y1 = (ty + 1) * height / tiles;
        for (int d = 1; d <= max_shift; ++d) {
          const double along_x = window_correlation(s, x0, y0, s, shifted(x0, x1 - x0, width, d), y0, x1 - x0, y1 - y0);
          const double along_y = window_correlation(s, x0, y0, s, x0, shifted(y0, y1 - y0, height, d), x1 - x0, y1 - y0);
          c.curves.push_back(0.5 * (along_x + along_y));
        }
      }
  const std::size_t n = sections.size();
  for (int ty = 0; ty < tiles; ++ty)
    for (int tx = 0; tx < tiles; ++tx) {
      const int x0 = tx * width / tiles, x1 = (tx + 1) * width / tiles;
      const int y0 = ty * height / tiles, y1 = (ty + 1) * height / tiles;
      BandMatrix b(n, range);
      for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = i + 1; j < n && j <= i + range; ++j)
          b.set(i, j, window_correlation(sections[i], x0, y0, sections[j], x0, y0, x1 - x0, y1 - y0));
      c.tile_bands.push_back(std::move(b));
    }
  return c;
}

/// Total span of estimated positions over the true one.
inline double span_ratio(const std::vector<double>& z, const std::vector<double>& truth) {
  return (z.back() - z.front()) / (truth.back() - truth.front());
}

}  // namespace zspace::calibrated::testing
