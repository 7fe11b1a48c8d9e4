#pragma once
// What prepare() keeps of a section: its pixels and statistics for the exact overlap
// correlation, and its spectra and border sums for the FFT search over shifts.

#include <cstddef>
#include <memory>
#include <vector>

#include "fft_buffer.hpp"
#include "fft_geometry.hpp"
#include "zspace/metric.hpp"

namespace zspace::fft_correlation {

/// The "weighted values" of a section are w(x, y) (v - mean) at valid pixels and 0 elsewhere,
/// with w the apodisation window (1 without one) and mean that of the valid pixels.
class PreparedFft final : public PreparedSection {
 public:
  std::shared_ptr<const Geometry> geometry;
  std::size_t index = 0;       ///< the section's index in the stack, for messages
  std::vector<float> values;   ///< raw pixels, NaN = invalid
  double mean = 0;             ///< mean of the valid pixels
  std::size_t valid = 0;       ///< number of valid pixels
  bool all_valid = false;
  double sum_squares = 0;      ///< sum of the squared weighted values
  double sum_fourth = 0;       ///< sum of their fourth powers (bounds FFT error on squares)

  // Filled only when the geometry searches shifts and the section is usable. The spectra are
  // those of the zero-padded weighted values, of their squares and of the validity mask (the
  // last two only for sections with invalid pixels: without them the border sums suffice).
  FloatBuffer spectrum;
  FloatBuffer spectrum_squares;
  FloatBuffer spectrum_mask;
  // Per shift index d: sums over the pixels x with x + d inside the section, of the weighted
  // values, of their squares, and of the validity mask. These are the pair's overlap sums
  // whenever the partner section has no invalid pixel.
  std::vector<double> border_sum;
  std::vector<double> border_squares;
  std::vector<double> border_count;

  bool usable() const override { return valid >= 2 && sum_squares > 0; }
};

/// Row y of the weighted values (width values). The exact overlap correlation forms the same
/// values inline, with the same operations in the same order.
void weighted_row(const PreparedFft& p, int y, double* out);

/// Statistics, spectra and border sums of one section (any pixel depth).
std::unique_ptr<PreparedFft> prepare_section(const Section& section, std::shared_ptr<const Geometry> geometry);

}  // namespace zspace::fft_correlation
