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
};

/// What compute_band() produces.
struct BandResult {
  BandMatrix band;  ///< N x (R+1) similarities, NaN = missing
  /// False for sections without usable signal (constant, all invalid): their pairs are missing.
  std::vector<bool> usable;
};

/// Streams the stack through a window of prepared sections (R plus one block), so memory stays
/// bounded whatever the stack size. Every pair is computed by one call on one thread and
/// written to its own slot, so the band is bit-identical for any thread count.
/// Throws DataError (reader or metric failure, naming the section) or Interrupted.
BandResult compute_band(const StackReader& reader, const SimilarityMetric& metric,
                        const BandOptions& options, Progress* progress);

}  // namespace zspace
