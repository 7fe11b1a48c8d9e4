#pragma once
/// @file calibration.hpp
/// The band together with the in-plane calibration a solver asked for
/// (Solver::calibration_request): per tile of every section, a similarity-vs-shift curve
/// measured on the section itself, and the band of each tile alone.

#include "zspace/engine/band_engine.hpp"
#include "zspace/solver.hpp"

namespace zspace {

class Progress;

/// What compute_calibrated_band() produces.
struct CalibratedBand {
  BandResult result;        ///< the band of the whole sections, exactly as compute_band gives it
  Calibration calibration;  ///< curves and tile bands; pixel_scale 1 (the caller knows better)
};

/// Tile k of a grid of `tiles` over `extent` pixels spans [bounds(k), bounds(k+1)).
inline int calibration_tile_bound(int k, int tiles, int extent) { return k * extent / tiles; }

/// Computes the band as compute_band() does and, in the same pass over the stack, the
/// calibration. Tile bounds along x are x_k = k * width / tiles_x (integer division), likewise
/// along y. The curve of a tile at shift d is the mean of the metric's unaligned similarity
/// (SimilarityMetric::compare_unaligned) between the tile and the same-size crop shifted by d
/// along x and along y, towards the section's interior (+d if that fits, else -d; the tile's
/// overlap with itself shifted when neither fits); NaN when neither value is finite. A tile
/// without signal gives NaN for its curve and its pairs. Bit-identical for any thread count.
/// Throws ConfigError for a request the sections are too small for (naming the solver
/// parameter), and DataError or Interrupted as compute_band().
CalibratedBand compute_calibrated_band(const StackReader& reader, SimilarityMetric& metric, const BandOptions& options,
                                       const CalibrationRequest& request, Progress* progress);

}  // namespace zspace
