#pragma once
// The fft-correlation metric: Pearson correlation of two sections over their overlap,
// maximised over in-plane translations of up to max_shift pixels.
//
// Shift convention: at shift (dx, dy) pixel (x, y) of the first section is compared with pixel
// (x + dx, y + dy) of the second. So when the second section is the first moved by (dx, dy),
// b(x, y) = a(x - dx, y - dy), the reported shift is (dx, dy).
//
// The value at a shift is the true Pearson correlation over the pixels valid in both sections
// there (their own means and norms), not a circular correlation: at max_shift 0 without a window
// it equals the ncc metric. The FFT finds the maximum; the value reported is computed exactly in
// double precision at the shift found (see fft_search.hpp).

#include <cstddef>
#include <memory>

#include "fft_geometry.hpp"
#include "fft_options.hpp"
#include "fft_prepared.hpp"
#include "fft_search.hpp"
#include "zspace/metric.hpp"

namespace zspace::fft_correlation {

class Correlator {
 public:
  /// Throws std::invalid_argument naming the parameter for out-of-range options.
  explicit Correlator(const Options& options);

  const Options& options() const { return options_; }

  /// Statistics, spectra and border sums of one section; thread-safe.
  std::unique_ptr<PreparedFft> prepare(const Section& section) const;

  /// The best shift of `b` relative to `a` and the correlation there; thread-safe. Throws
  /// std::invalid_argument when the sections differ in size.
  Comparison compare(const PreparedFft& a, const PreparedFft& b) const;
  /// Same, with the caller's scratch arrays (one Workspace per thread).
  Comparison compare(const PreparedFft& a, const PreparedFft& b, Workspace& ws) const;

 private:
  Options options_;
  GeometryCache geometries_;
};

}  // namespace zspace::fft_correlation
