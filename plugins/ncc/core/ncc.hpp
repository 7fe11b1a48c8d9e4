#pragma once
// Normalised cross-correlation (Pearson) between two sections over the pixels valid in both.
//
// 8- and 16-bit sections are kept at their own depth and correlated from exact integer sums
// (kernels.hpp): r = (n Sab - Sa Sb) / sqrt((n Saa - Sa^2)(n Sbb - Sb^2)) with every sum exact,
// so the result does not depend on threads, chunking or the kernel path, and only the final
// division rounds. float32 sections (masked, preprocessed or 32-bit input) use sums in double,
// in one fixed order (kernels.hpp), blocked over partners where no pixel is invalid.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "core/kernels.hpp"
#include "core/pixel_buffer.hpp"
#include "zspace/metric.hpp"

namespace zspace::ncc {

/// Per-section data: the pixels at their own depth and the statistics Pearson's r needs.
class PreparedNcc final : public PreparedSection {
 public:
  PixelDepth depth = PixelDepth::float32;  ///< which pixel vector below is filled
  std::size_t size = 0;                    ///< number of pixels (valid or not)

  std::vector<float> values;            ///< float32 sections: raw values (NaN = invalid)
  PixelBuffer<std::uint8_t> pixels8;    ///< 8-bit sections: pixels as they are
  PixelBuffer<std::int16_t> shifted16;  ///< 16-bit sections: pixel - 32768 (kernels.hpp)
  kernels::Sums sums;                   ///< integer sections: exact sums of the stored values
  /// Integer sections: n * sum(s^2) - sum(s)^2 of the stored values s, exact then rounded once
  /// (n^2 times the variance; the same for raw and shifted pixels).
  double scaled_variance = 0;

  double mean = 0;          ///< mean of the valid values (raw pixel values)
  double centered_ss = 0;   ///< sum of squared deviations from the mean over the valid values
  std::size_t valid = 0;    ///< number of valid pixels
  bool all_valid = false;   ///< no NaN (always true for integer sections)
  bool usable() const override { return valid >= 2 && centered_ss > 0; }
  bool is_integer() const { return depth != PixelDepth::float32; }
};

/// Keeps the section's pixels and computes its statistics (exact sums for 8/16-bit pixels).
/// Throws std::runtime_error for an integer section of more than 2^32 pixels (beyond what the
/// exact 64-bit sums hold).
std::unique_ptr<PreparedNcc> prepare(const Section& section);

/// prepare() without copying: takes over the section's pixel vector (16-bit pixels are shifted
/// in place). Same results and errors.
std::unique_ptr<PreparedNcc> prepare_owned(Section&& section);

/// Pearson correlation of two prepared sections of equal size; NaN when fewer than two pixels
/// are valid in both or either has zero variance over the common pixels. Throws
/// std::invalid_argument for sections of different size.
double correlate(const PreparedNcc& a, const PreparedNcc& b);

/// out[k] = correlate(*partners[k], b) for k < count, bit for bit, with b's pixels read once
/// for all partners of its depth without invalid pixels (one blocked kernel call).
void correlate_many(const PreparedNcc& b, const PreparedNcc* const* partners, std::size_t count, double* out);

}  // namespace zspace::ncc
