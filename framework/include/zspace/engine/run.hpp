#pragma once
/// @file run.hpp
/// Running a pipeline end to end (read, band, solve, write), or only its band.

#include <array>
#include <cstddef>
#include <optional>
#include <filesystem>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "zspace/engine/pipeline.hpp"
#include "zspace/engine/registry.hpp"

namespace zspace {

/// How run_pipeline() runs (not part of the pipeline: does not change results).
struct RunOptions {
  int threads = 0;       ///< worker threads; 0 = all cores
  bool quiet = false;    ///< no progress output
  bool verbose = false;  ///< also report each stage's timing and every warning in full
};

/// What one solved band reports to the command line.
struct RunSummary {
  std::string name;                  ///< the variant's name ("" for a plain run)
  std::size_t sections = 0;          ///< number of sections solved
  double mean_thickness = 0, min_thickness = 0, max_thickness = 0;  ///< nominal spacings
  /// Mean thickness in input pixels, for solvers that give absolute positions (NaN otherwise).
  double mean_thickness_px = std::numeric_limits<double>::quiet_NaN();
  /// mean_thickness_px in nm with input.voxel_size (its x pixel size); NaN otherwise.
  double mean_thickness_nm = std::numeric_limits<double>::quiet_NaN();
  std::vector<std::size_t> flagged;  ///< sections without usable signal
  double seconds = 0;                ///< wall time of the whole run
  std::filesystem::path output_dir;  ///< where the results were written
  std::vector<std::string> files;    ///< result files written there
  /// A compare run: one summary per variant (this summary then covers the whole run).
  std::vector<RunSummary> variants;
  std::size_t bands_computed = 0;    ///< distinct similarity bands computed
  std::vector<std::pair<std::string, double>> timings;  ///< stage -> seconds (--verbose prints them)
};

/// Runs the pipeline and writes z.csv, result.json, similarity.tif, similarity.json and
/// pipeline.resolved.yaml (and the optional outputs the pipeline asks for) into
/// pipeline.output_dir. A compare pipeline (variants) writes each variant's files into
/// output_dir/<name>/ and compare.csv into output_dir, computing each distinct band once.
/// Everything is written to temporary names first and renamed at the end, so a failed or
/// interrupted run leaves the previous results untouched and no partial files.
/// Throws DataError, ConfigError or Interrupted.
RunSummary run_pipeline(const Pipeline& pipeline, const Registry& registry, const RunOptions& options);

/// `zspace similarity`: computes only the band of the pipeline's input (with its
/// preprocessing) and writes similarity.tif and similarity.json into pipeline.output_dir.
/// With `rows` = {A, B}: a shard, band rows A..B (inclusive) only, i.e. the pairs (i, j) with
/// A <= j <= B (sections A-R .. B are read); `zspace merge` joins shards into the whole band.
RunSummary compute_similarity(const Pipeline& pipeline, const Registry& registry, const RunOptions& options,
                              const std::optional<std::array<std::size_t, 2>>& rows = std::nullopt);

}  // namespace zspace
