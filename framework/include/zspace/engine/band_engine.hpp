#pragma once
/// @file band_engine.hpp
/// The streaming band computation: every pair |i-j| <= R, in parallel, deterministic.

#include <cstddef>
#include <vector>

#include "zspace/band_matrix.hpp"
#include "zspace/engine/stack_reader.hpp"
#include "zspace/metric.hpp"

namespace zspace {

class Progress;

/// How compute_band() runs.
struct BandOptions {
  std::size_t range = 10;  ///< neighbourhood range R
  int threads = 0;         ///< worker threads; 0 = all cores
  /// Rows [first, last) of the band to compute (pairs (i, j) with first <= j < last, i >= j-R);
  /// last = 0 means up to the end. Sections first-R .. last-1 are read.
  std::size_t first = 0;
  std::size_t last = 0;
};

/// In-plane shifts per band entry, stored like BandMatrix values (row i: offsets 0..R).
struct BandShifts {
  std::vector<float> x;  ///< shift of section i+d relative to section i, pixels
  std::vector<float> y;  ///< see x
};

/// What compute_band() produces.
struct BandResult {
  BandMatrix band;  ///< N x (R+1) similarities, NaN = missing
  /// False for sections without usable signal (constant, all invalid): their pairs are missing.
  /// Sections outside the computed rows (and their R predecessors) are left true.
  std::vector<bool> usable;
  /// Filled only for metrics that report shifts (SimilarityMetric::reports_shifts).
  BandShifts shifts;
};

/// Samples the stack for SimilarityMetric::set_stack_statistics: up to 16 evenly spaced
/// sections, about 2^20 valid pixel values in all, sorted. Deterministic.
StackStatistics sample_stack_statistics(const StackReader& reader);

/// Streams the stack through a window of prepared sections (R plus one block), so memory stays
/// bounded whatever the stack size. Each band row is computed by one compare_many call on one
/// thread and written to its own slots, so the band is bit-identical for any thread count.
/// Calls set_stack_statistics first when the metric wants it (hence the non-const metric).
/// Throws DataError (reader or metric failure, naming the section) or Interrupted.
BandResult compute_band(const StackReader& reader, SimilarityMetric& metric, const BandOptions& options,
                        Progress* progress);

}  // namespace zspace
