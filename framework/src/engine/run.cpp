#include "zspace/engine/run.hpp"

#include <algorithm>
#include <chrono>
#include <fmt/core.h>
#include <numeric>
#include <thread>

#include "engine/flagged_sections.hpp"
#include "engine/output_files.hpp"
#include "engine/result_writers.hpp"
#include "zspace/engine/band_engine.hpp"
#include "zspace/engine/errors.hpp"
#include "zspace/engine/progress.hpp"
#include "zspace/engine/stack_reader.hpp"

namespace zspace {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// Relays solver iterations to the progress display and turns a signal into a stop request.
class ProgressObserver final : public SolverObserver {
 public:
  explicit ProgressObserver(Progress& progress) : progress_(progress) {}
  void started(int planned) override { progress_.begin("solver", static_cast<std::size_t>(planned), "iterations"); }
  bool iteration(int, const std::vector<double>&) override {
    progress_.advance();
    return !interrupt_requested();
  }

 private:
  Progress& progress_;
};

const PluginInfo& require_plugin(const Registry& registry, PluginKind kind, const std::string& name) {
  const PluginInfo* info = registry.find(kind, name);
  if (!info) throw ConfigError(fmt::format("unknown {} '{}'", to_string(kind), name));
  return *info;
}

}  // namespace

RunSummary run_pipeline(const Pipeline& pipeline, const Registry& registry, const RunOptions& options) {
  const auto start = Clock::now();
  Progress progress(options.quiet);
  RunRecord record;
  record.pipeline = &pipeline;
  record.metric = &require_plugin(registry, PluginKind::metric, pipeline.metric);
  record.solver = &require_plugin(registry, PluginKind::solver, pipeline.solver);
  record.threads = options.threads > 0 ? options.threads
                                       : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));

  auto t = Clock::now();
  const auto reader = open_stack(pipeline.input_path);
  const std::size_t n = reader->size();
  if (n < 2)
    throw DataError(fmt::format("{}: {} section; at least 2 are needed", pipeline.input_path.string(), n));
  record.range = std::min(pipeline.neighborhood_range, n - 1);
  if (record.range < pipeline.neighborhood_range) {
    record.warnings.push_back(fmt::format(
        "neighborhood_range {} is larger than the stack allows ({} sections); using {}",
        pipeline.neighborhood_range, n, record.range));
    progress.message("warning: " + record.warnings.back());
  }
  for (std::size_t i = 0; i < n; ++i) record.section_names.push_back(reader->name(i));
  record.timings.emplace_back("open", seconds_since(t));

  // Parameters were validated against the schema; a factory that still refuses them reports a
  // configuration problem, not bad data.
  std::unique_ptr<SimilarityMetric> metric;
  std::unique_ptr<Solver> solver;
  try {
    metric = registry.create_metric(pipeline.metric, pipeline.metric_params);
    solver = registry.create_solver(pipeline.solver, pipeline.solver_params);
  } catch (const ConfigError&) {
    throw;
  } catch (const std::exception& e) {
    throw ConfigError(fmt::format("{}: plugin refused its parameters: {}",
                                  metric ? "solver '" + pipeline.solver + "'" : "metric '" + pipeline.metric + "'",
                                  e.what()));
  }
  OutputFiles outputs(pipeline.output_dir);

  t = Clock::now();
  BandResult band = compute_band(*reader, *metric, BandOptions{record.range, options.threads}, &progress);
  record.timings.emplace_back("band", seconds_since(t));
  record.band = &band.band;
  record.usable = band.usable;
  for (std::size_t i = 0; i < n; ++i) {
    if (band.usable[i]) continue;
    record.warnings.push_back(fmt::format(
        "section {} ({}) has no usable signal (constant or invalid); flagged, z interpolated", i,
        record.section_names[i]));
    progress.message("warning: " + record.warnings.back());
  }
  // Flagged sections get their z from their usable neighbours, so two of those are needed.
  if (const std::size_t usable = count_usable(band.usable); usable < 2) {
    throw DataError(usable == 0
                        ? fmt::format("{}: no section has usable signal (all {} are constant or invalid)",
                                      pipeline.input_path.string(), n)
                        : fmt::format("{}: only 1 section has usable signal; at least 2 are needed",
                                      pipeline.input_path.string()));
  }

  t = Clock::now();
  SolverInput input;
  input.band = &band.band;
  input.start_z.resize(n);
  std::iota(input.start_z.begin(), input.start_z.end(), 0.0);
  ProgressObserver observer(progress);
  try {
    record.solution = solver->solve(input, observer);
  } catch (const std::exception& e) {
    if (interrupt_requested()) throw Interrupted("interrupted during the solver");
    throw DataError(fmt::format("solver '{}' failed: {}", pipeline.solver, e.what()));
  }
  progress.end();
  if (interrupt_requested()) throw Interrupted("interrupted during the solver");
  if (record.solution.z.size() != n)
    throw DataError(fmt::format("solver '{}' returned {} positions for {} sections", pipeline.solver,
                                record.solution.z.size(), n));
  // The solver's z for a section without signal is arbitrary: interpolate it from the usable
  // neighbours, and leave its quality undefined (NaN: empty in z.csv, null in result.json).
  interpolate_flagged(band.usable, record.solution.z, record.solution.quality);
  record.timings.emplace_back("solve", seconds_since(t));

  t = Clock::now();
  outputs.stage_text("z.csv", z_table_csv(record));
  write_similarity_strip(outputs.stage("similarity.tif"), band.band);
  outputs.stage_text("pipeline.resolved.yaml", to_yaml(pipeline));
  record.timings.emplace_back("write", seconds_since(t));
  record.timings.emplace_back("total", seconds_since(start));
  outputs.stage_text("result.json", result_json(record));
  if (interrupt_requested()) throw Interrupted("interrupted while writing results");
  outputs.commit();

  RunSummary summary;
  summary.sections = n;
  const auto thickness = thickness_of(record.solution.z);
  if (!thickness.empty()) {
    summary.mean_thickness = std::accumulate(thickness.begin(), thickness.end(), 0.0) / static_cast<double>(thickness.size());
    summary.min_thickness = *std::min_element(thickness.begin(), thickness.end());
    summary.max_thickness = *std::max_element(thickness.begin(), thickness.end());
  }
  for (std::size_t i = 0; i < n; ++i)
    if (!band.usable[i]) summary.flagged.push_back(i);
  summary.seconds = seconds_since(start);
  summary.output_dir = pipeline.output_dir;
  return summary;
}

}  // namespace zspace
