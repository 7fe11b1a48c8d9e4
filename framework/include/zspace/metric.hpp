#pragma once
/// @file metric.hpp
/// The similarity-metric interface: the hot path of the band computation.

#include <algorithm>
#include <cstddef>
#include <limits>
#include <memory>
#include <vector>

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

/// One band entry as a metric measured it.
struct Comparison {
  /// 1 for identical sections, about 0 for unrelated ones; NaN when there is no valid overlap.
  double value = std::numeric_limits<double>::quiet_NaN();
  /// In-plane translation (pixels) of the second section relative to the first at which
  /// `value` was measured; 0 for metrics that do not align (SimilarityMetric::reports_shifts).
  double shift_x = 0;
  double shift_y = 0;  ///< see shift_x
};

/// Pixel statistics of the whole stack (after preprocessing), for metrics whose per-section
/// work needs a stack-wide scale (e.g. histogram bin edges).
struct StackStatistics {
  /// Valid pixel values sampled evenly from evenly spaced sections, sorted ascending.
  std::vector<float> sample;
  std::size_t sections_sampled = 0;  ///< how many sections the sample came from
  /// The q-quantile (0..1) of the sample by linear interpolation; NaN for an empty sample.
  double quantile(double q) const {
    if (sample.empty()) return std::numeric_limits<double>::quiet_NaN();
    const double pos = std::clamp(q, 0.0, 1.0) * static_cast<double>(sample.size() - 1);
    const auto lo = static_cast<std::size_t>(pos);
    const std::size_t hi = std::min(lo + 1, sample.size() - 1);
    const double t = pos - static_cast<double>(lo);
    return static_cast<double>(sample[lo]) * (1 - t) + static_cast<double>(sample[hi]) * t;
  }
};

/// Similarity between two sections. Threading contract: the engine calls prepare() and the
/// compare functions concurrently from several threads on one metric object, so they must be
/// safe to call concurrently (const, no shared mutable state). Comparisons must be
/// deterministic: the same inputs give the same bits, whatever the thread.
class ZSPACE_VISIBLE SimilarityMetric {
 public:
  virtual ~SimilarityMetric() = default;

  /// Runs once per section. Throw std::runtime_error with a message naming the problem for
  /// data the metric cannot handle.
  virtual std::unique_ptr<PreparedSection> prepare(const Section& section) const = 0;

  /// prepare() for a section the engine no longer needs: an override may take over its pixel
  /// buffers instead of copying them (the band engine passes every section this way).
  /// Default: prepare(section).
  virtual std::unique_ptr<PreparedSection> prepare_owned(Section&& section) const {
    return prepare(static_cast<const Section&>(section));
  }

  /// Runs once per pair inside the band (unless compare_many is overridden). 1 for identical
  /// sections, about 0 for unrelated ones; NaN when there is no valid overlap (a missing entry).
  virtual double compare(const PreparedSection& a, const PreparedSection& b) const = 0;

  /// True when prepare() accepts uint8/uint16 sections. Otherwise the engine converts every
  /// section to float32 first.
  virtual bool accepts_integer_pixels() const { return false; }

  /// True when the metric aligns sections in-plane and reports the shift it found
  /// (compare_aligned); the engine then stores shifts per band entry.
  virtual bool reports_shifts() const { return false; }

  /// compare() together with the in-plane shift it was measured at. Default: compare(), shift 0.
  virtual Comparison compare_aligned(const PreparedSection& a, const PreparedSection& b) const {
    Comparison c;
    c.value = compare(a, b);
    return c;
  }

  /// The similarity of the two sections exactly as they lie, without any in-plane alignment.
  /// In-plane calibration compares a section with a shifted copy of itself and needs the value
  /// at the shift it made, not the best over shifts. Default: compare(); metrics that align
  /// (reports_shifts) override it with their zero-shift value.
  virtual double compare_unaligned(const PreparedSection& a, const PreparedSection& b) const {
    return compare(a, b);
  }

  /// The band engine's unit of work: section `b` against `count` earlier sections
  /// (`partners[k]` for k = 0..count-1, results to `out[k]`, each pair as (partner, b)).
  /// Override to share work across partners (cache blocking); results must equal
  /// compare_aligned() pair by pair, bit for bit. Partners may include unusable sections;
  /// the engine discards those results.
  virtual void compare_many(const PreparedSection& b, const PreparedSection* const* partners,
                            std::size_t count, Comparison* out) const {
    for (std::size_t k = 0; k < count; ++k) out[k] = compare_aligned(*partners[k], b);
  }

  /// True when the metric needs set_stack_statistics() before the first prepare().
  virtual bool wants_stack_statistics() const { return false; }

  /// Called once, before any prepare(), when wants_stack_statistics() is true. Throw
  /// std::runtime_error if the statistics make the metric unusable (message says why).
  virtual void set_stack_statistics(const StackStatistics& /*statistics*/) {}
};

}  // namespace zspace
