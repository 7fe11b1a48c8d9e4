#pragma once
// Normalised cross-correlation (Pearson) between two sections over the pixels valid in both.

#include <cstddef>
#include <memory>
#include <vector>

#include "zspace/metric.hpp"

namespace zspace::ncc {

/// Per-section data: pixel values shifted by the section's own mean (so the pair sums do not
/// cancel catastrophically), and the statistics that make the all-valid case a single pass.
class PreparedNcc final : public PreparedSection {
 public:
  std::vector<float> values;     // raw values (NaN = invalid)
  double mean = 0;               // mean of the valid values
  double centered_ss = 0;        // sum of squared deviations over the valid values
  std::size_t valid = 0;         // number of valid pixels
  bool all_valid = false;
  bool usable() const override { return valid >= 2 && centered_ss > 0; }
};

/// Statistics of one section (mean and centred sum of squares in double).
std::unique_ptr<PreparedNcc> prepare(const Section& section);

/// Pearson correlation of two prepared sections of equal size; NaN when fewer than two pixels
/// are valid in both or either has zero variance over the common pixels.
double correlate(const PreparedNcc& a, const PreparedNcc& b);

}  // namespace zspace::ncc
