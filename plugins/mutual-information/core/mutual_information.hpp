#pragma once
/// @file mutual_information.hpp
/// Normalised mutual information between sections: NMI = 2·I(A;B) / (H(A) + H(B)), 1 for
/// identical sections and about 0 for independent ones. Unlike a correlation it only asks how
/// well one section's binned intensities predict the other's, so it is unaffected by a
/// monotone contrast change that keeps bins apart. (scikit-image's normalized_mutual_information
/// is (H(A) + H(B)) / H(A,B), which runs from 1 to 2; the two are not interchangeable.)

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "core/mi_binning.hpp"
#include "core/mi_options.hpp"
#include "zspace/metric.hpp"

namespace zspace::mi {

/// One section as bin indices: one byte per pixel up to 255 bins, two above. Invalid (NaN)
/// pixels hold the index `bins`, which the joint histogram sets aside.
class PreparedMi final : public PreparedSection {
 public:
  int bins = 0;
  std::size_t pixels = 0;                 ///< width * height
  std::vector<std::uint8_t> indices8;     ///< filled when bins <= 255
  std::vector<std::uint16_t> indices16;   ///< filled when bins > 255
  bool informative = false;               ///< valid pixels fall into at least two bins
  bool usable() const override { return informative; }
};

class MutualInformationMetric final : public SimilarityMetric {
 public:
  /// Throws std::invalid_argument with the message of validate() for unusable options.
  explicit MutualInformationMetric(const Options& options);

  /// Needs set_stack_statistics() first; throws std::runtime_error otherwise, and for a
  /// section with more than 2^32 - 1 pixels (the histogram counters are 32-bit).
  std::unique_ptr<PreparedSection> prepare(const Section& section) const override;
  /// NMI over the pixels valid in both (JointHistogram::normalized_mutual_information).
  /// Throws std::invalid_argument for sections of different sizes.
  double compare(const PreparedSection& a, const PreparedSection& b) const override;
  bool accepts_integer_pixels() const override { return true; }
  bool wants_stack_statistics() const override { return true; }
  /// Fixes the bin edges (Binning::from_statistics); throws std::runtime_error for a stack
  /// without an intensity range.
  void set_stack_statistics(const StackStatistics& statistics) override;

  /// The binning in use; empty before set_stack_statistics().
  const std::optional<Binning>& binning() const { return binning_; }

 private:
  Options options_;
  std::optional<Binning> binning_;
};

}  // namespace zspace::mi
