#pragma once
// Everything that depends only on the section size: the searched shift window, the zero-padded
// FFT size, the apodisation weights and the FFTW plans. Made once per size and shared by every
// section of that size.

#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "fft_options.hpp"

struct fftwf_plan_s;

namespace zspace::fft_correlation {

/// Smallest n' >= n whose only prime factors are 2, 3 and 5 (sizes FFTW transforms fastest).
int fft_friendly_size(int n);

class Geometry {
 public:
  /// Plans the transforms (under a process-wide lock: the FFTW planner is not thread-safe).
  /// Shifts are searched up to max_shift but never beyond the section (|dx| < width).
  Geometry(int width, int height, int max_shift, Window window);
  ~Geometry();
  Geometry(const Geometry&) = delete;
  Geometry& operator=(const Geometry&) = delete;

  int width = 0;
  int height = 0;
  int reach_x = 0;  ///< largest |dx| searched
  int reach_y = 0;  ///< largest |dy| searched
  /// Padded FFT size: at least width + reach_x by height + reach_y, so correlating two padded
  /// sections never wraps a pixel onto another within the searched shifts.
  int padded_width = 0;
  int padded_height = 0;
  std::vector<double> window_x;  ///< weight per column; empty without a window
  std::vector<double> window_y;  ///< weight per row; empty without a window

  /// True when shifts other than (0, 0) are searched, i.e. the FFT stage runs.
  bool searches() const { return reach_x > 0 || reach_y > 0; }
  bool windowed() const { return !window_x.empty(); }
  /// Number of shifts in the window, (2 reach_x + 1)(2 reach_y + 1).
  std::size_t shift_count() const {
    return static_cast<std::size_t>(2 * reach_x + 1) * static_cast<std::size_t>(2 * reach_y + 1);
  }
  /// Row-major index of shift (dx, dy); the index of (-dx, -dy) is shift_count() - 1 - index.
  std::size_t shift_index(int dx, int dy) const {
    return static_cast<std::size_t>(dy + reach_y) * static_cast<std::size_t>(2 * reach_x + 1) +
           static_cast<std::size_t>(dx + reach_x);
  }
  int shift_x(std::size_t index) const { return static_cast<int>(index % static_cast<std::size_t>(2 * reach_x + 1)) - reach_x; }
  int shift_y(std::size_t index) const { return static_cast<int>(index / static_cast<std::size_t>(2 * reach_x + 1)) - reach_y; }

  /// Floats in a padded real array (padded_height rows of padded_width).
  std::size_t real_size() const {
    return static_cast<std::size_t>(padded_width) * static_cast<std::size_t>(padded_height);
  }
  /// Complex values per row of a half spectrum, padded_width / 2 + 1.
  std::size_t spectrum_row() const { return static_cast<std::size_t>(padded_width / 2 + 1); }
  /// Floats in a half spectrum: spectrum_row() frequency columns of padded_height complex
  /// values each, stored column after column.
  std::size_t spectrum_size() const { return 2 * spectrum_row() * static_cast<std::size_t>(padded_height); }
  /// Rows of the inverse transform holding searched shifts, 2 reach_y + 1.
  std::size_t window_rows() const { return static_cast<std::size_t>(2 * reach_y + 1); }

  /// Real-to-complex transform of a padded array into a half spectrum (arrays from
  /// allocate_floats).
  void forward(float* real, float* spectrum) const;
  /// The inverse transform (unnormalised) on the rows of the searched shifts only: the column
  /// transforms run over the whole `spectrum` (destroyed), the row transforms only over the
  /// window_rows() rows needed, gathered into `staging` (window_rows() rows of spectrum_row()
  /// complex values).
  /// `rows` receives window_rows() rows of padded_width values; row dy + reach_y is shift dy.
  void inverse_window(float* spectrum, float* staging, float* rows) const;

 private:
  fftwf_plan_s* forward_ = nullptr;
  fftwf_plan_s* columns_ = nullptr;
  fftwf_plan_s* rows_ = nullptr;
};

/// One Geometry per section size, created on first use; safe to call from several threads.
class GeometryCache {
 public:
  GeometryCache(int max_shift, Window window) : max_shift_(max_shift), window_(window) {}
  std::shared_ptr<const Geometry> get(int width, int height) const;

 private:
  int max_shift_;
  Window window_;
  mutable std::mutex mutex_;
  mutable std::map<std::pair<int, int>, std::shared_ptr<const Geometry>> cache_;
};

}  // namespace zspace::fft_correlation
