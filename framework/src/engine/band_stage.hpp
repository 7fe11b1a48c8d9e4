#pragma once
// The band part of a run: computed from a stack (with preprocessing), or read from a saved
// band image, with what the result files need to know about it.

#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "zspace/engine/band_engine.hpp"
#include "zspace/engine/pipeline.hpp"
#include "zspace/engine/registry.hpp"
#include "zspace/solver.hpp"

namespace zspace {

class Progress;

/// Which band to compute: two runs with equal requests share one band.
struct BandRequest {
  std::string metric;
  Params metric_params;
  std::size_t range = 0;  ///< as asked; the band may use less for a short stack
  /// A shard: band rows first..last (inclusive) only, i.e. the pairs (i, j) with j in that
  /// range; unset = the whole band.
  std::optional<std::array<std::size_t, 2>> rows;
  /// The in-plane calibration the solver asked for, computed in the same pass; unset = none.
  std::optional<CalibrationRequest> calibration;
  std::string solver;  ///< who asked for the calibration, for messages
};

/// A band and its provenance.
struct BandStage {
  BandResult result;
  std::vector<std::string> names;     ///< per section, for the tables ("" when unknown)
  std::size_t range = 0;              ///< R actually used
  const PluginInfo* metric = nullptr; ///< nullptr for a saved band
  Params metric_params;
  std::filesystem::path source;       ///< the stack, or the saved band image
  std::vector<std::string> warnings;
  double seconds = 0;
  std::optional<std::array<std::size_t, 2>> rows;  ///< a shard's rows (see BandRequest)
  std::string fingerprint;  ///< of the input: section names, file sizes, dimensions
  /// Present when the request asked for it; pixel_scale is the preprocessing's downsample.
  std::optional<Calibration> calibration;
};

/// Opens the pipeline's input with its preprocessing (DataError/ConfigError naming the file).
std::unique_ptr<StackReader> open_input(const Pipeline& pipeline);

/// Computes the band of `reader` for `request`, with the calibration it asks for. Warnings
/// (range clipped, sections without signal) are also shown through `progress`.
BandStage compute_band_stage(const StackReader& reader, const Pipeline& pipeline, const BandRequest& request,
                             const Registry& registry, int threads, Progress& progress);

/// Reads a saved band (input.matrix). Section names and usable flags come from a
/// similarity.json beside it when there is one with the same number of sections; a section
/// with no finite similarity to any other is flagged.
BandStage load_band_stage(const std::filesystem::path& matrix, Progress& progress);

/// similarity.json: what the band is (metric, version, params, R, preprocessing, input),
/// per-section names and usable flags, and the per-pair in-plane shifts when the metric
/// reports them.
std::string band_json(const BandStage& band, const Pipeline& pipeline);

/// The metric's descriptor name, or "saved band".
std::string band_label(const BandStage& band);

}  // namespace zspace
