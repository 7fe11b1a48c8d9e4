#pragma once
/// @file run.hpp
/// Running a pipeline end to end: read, band, solve, write.

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "zspace/engine/pipeline.hpp"
#include "zspace/engine/registry.hpp"

namespace zspace {

/// How run_pipeline() runs (not part of the pipeline: does not change results).
struct RunOptions {
  int threads = 0;     ///< worker threads; 0 = all cores
  bool quiet = false;  ///< no progress output
};

/// What a finished run reports to the command line.
struct RunSummary {
  std::size_t sections = 0;          ///< number of sections solved
  double mean_thickness = 0, min_thickness = 0, max_thickness = 0;  ///< nominal spacings
  std::vector<std::size_t> flagged;  ///< sections without usable signal
  double seconds = 0;                ///< wall time of the whole run
  std::filesystem::path output_dir;  ///< where the results were written
};

/// Runs the pipeline and writes z.csv, result.json, similarity.tif and pipeline.resolved.yaml
/// into pipeline.output_dir. Everything is written to temporary names first and renamed at the
/// end, so a failed or interrupted run leaves the previous results untouched and no partial
/// files. Throws DataError, ConfigError or Interrupted.
RunSummary run_pipeline(const Pipeline& pipeline, const Registry& registry, const RunOptions& options);

}  // namespace zspace
