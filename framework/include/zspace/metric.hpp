#pragma once
/// @file metric.hpp
/// The similarity-metric interface: the hot path of the band computation.

#include <memory>

#include "zspace/section.hpp"
#include "zspace/version.hpp"

namespace zspace {

/// Whatever a metric precomputes for one section (statistics, spectra, bin indices).
class ZSPACE_VISIBLE PreparedSection {
 public:
  virtual ~PreparedSection() = default;
  /// False when the section carries no usable signal (constant, all invalid); the engine then
  /// records every pair with it as missing and flags the section.
  virtual bool usable() const { return true; }
};

/// Similarity between two sections. Threading contract: the engine calls prepare() and
/// compare() concurrently from several threads on one metric object, so both must be safe to
/// call concurrently (const, no shared mutable state). compare() must be deterministic: the
/// same inputs give the same bits, whatever the thread.
class ZSPACE_VISIBLE SimilarityMetric {
 public:
  virtual ~SimilarityMetric() = default;
  /// Runs once per section. Throw std::runtime_error with a message naming the problem for
  /// data the metric cannot handle.
  virtual std::unique_ptr<PreparedSection> prepare(const Section& section) const = 0;
  /// Runs once per pair inside the band. 1 for identical sections, about 0 for unrelated
  /// ones; NaN when there is no valid overlap (a missing band entry).
  virtual double compare(const PreparedSection& a, const PreparedSection& b) const = 0;
};

}  // namespace zspace
