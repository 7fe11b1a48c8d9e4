#include "zspace/engine/run.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fmt/core.h>
#include <map>
#include <numeric>
#include <thread>

#include "common/number_text.hpp"
#include "engine/band_stage.hpp"
#include "engine/flagged_sections.hpp"
#include "engine/output_files.hpp"
#include "engine/result_writers.hpp"
#include "zspace/engine/errors.hpp"
#include "zspace/engine/progress.hpp"

namespace zspace {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

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

int resolve_threads(int requested) {
  return requested > 0 ? requested : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

const PluginInfo& require_plugin(const Registry& registry, PluginKind kind, const std::string& name) {
  const PluginInfo* info = registry.find(kind, name);
  if (!info) throw ConfigError(fmt::format("unknown {} '{}'", to_string(kind), name));
  return *info;
}

BandStage band_for(const Pipeline& p, const Registry& registry, const RunOptions& options, Progress& progress) {
  if (!p.input_matrix.empty()) return load_band_stage(p.input_matrix, progress);
  const auto reader = open_input(p);
  return compute_band_stage(*reader, p, {p.metric, p.metric_params, p.neighborhood_range}, registry,
                            options.threads, progress);
}

void require_usable(const BandStage& band) {
  // Flagged sections get their z from their usable neighbours, so two of those are needed.
  const std::size_t n = band.result.usable.size();
  if (const std::size_t usable = count_usable(band.result.usable); usable < 2) {
    throw DataError(usable == 0
                        ? fmt::format("{}: no section has usable signal (all {} are constant or invalid)",
                                      band.source.string(), n)
                        : fmt::format("{}: only 1 section has usable signal; at least 2 are needed",
                                      band.source.string()));
  }
}

Solution solve_band(const BandStage& band, const std::string& solver_name, const Params& params,
                    const Registry& registry, Progress& progress) {
  std::unique_ptr<Solver> solver;
  try {
    solver = registry.create_solver(solver_name, params);
  } catch (const ConfigError&) {
    throw;
  } catch (const std::exception& e) {
    throw ConfigError(fmt::format("solver '{}': plugin refused its parameters: {}", solver_name, e.what()));
  }
  const std::size_t n = band.result.band.size();
  SolverInput input;
  input.band = &band.result.band;
  input.start_z.resize(n);
  std::iota(input.start_z.begin(), input.start_z.end(), 0.0);
  ProgressObserver observer(progress);
  Solution solution;
  try {
    solution = solver->solve(input, observer);
  } catch (const std::exception& e) {
    if (interrupt_requested()) throw Interrupted("interrupted during the solver");
    throw DataError(fmt::format("solver '{}' failed: {}", solver_name, e.what()));
  }
  progress.end();
  if (interrupt_requested()) throw Interrupted("interrupted during the solver");
  if (solution.z.size() != n)
    throw DataError(fmt::format("solver '{}' returned {} positions for {} sections", solver_name, solution.z.size(), n));
  // The solver's z for a section without signal is arbitrary: interpolate it from the usable
  // neighbours, and leave its quality undefined (NaN: empty in z.csv, null in result.json).
  interpolate_flagged(band.result.usable, solution.z, solution.quality);
  return solution;
}

RunSummary summarize(const Solution& solution, const std::vector<bool>& usable) {
  RunSummary summary;
  summary.sections = solution.z.size();
  const auto thickness = thickness_of(solution.z);
  if (!thickness.empty()) {
    summary.mean_thickness =
        std::accumulate(thickness.begin(), thickness.end(), 0.0) / static_cast<double>(thickness.size());
    summary.min_thickness = *std::min_element(thickness.begin(), thickness.end());
    summary.max_thickness = *std::max_element(thickness.begin(), thickness.end());
  }
  for (std::size_t i = 0; i < usable.size(); ++i)
    if (!usable[i]) summary.flagged.push_back(i);
  return summary;
}

// One solved band's files, staged under `prefix` ("" or "<variant>/").
struct SolvedRun {
  Solution solution;
  double solve_seconds = 0;
};

SolvedRun solve_and_stage(const Pipeline& pipeline, const BandStage& band, const Registry& registry,
                          const RunOptions& options, Progress& progress, OutputFiles& outputs,
                          const std::string& prefix, double band_seconds_charged) {
  RunRecord record;
  record.pipeline = &pipeline;
  record.metric = band.metric;
  record.solver = &require_plugin(registry, PluginKind::solver, pipeline.solver);
  record.threads = resolve_threads(options.threads);
  record.range = band.range;
  record.section_names = band.names;
  record.band = &band.result.band;
  record.usable = band.result.usable;
  record.warnings = band.warnings;
  record.timings.emplace_back("band", band_seconds_charged);

  const auto t = Clock::now();
  SolvedRun solved;
  solved.solution = solve_band(band, pipeline.solver, pipeline.solver_params, registry, progress);
  solved.solve_seconds = seconds_since(t);
  record.solution = solved.solution;
  record.timings.emplace_back("solve", solved.solve_seconds);

  const auto w = Clock::now();
  outputs.stage_text(prefix + "z.csv", z_table_csv(record));
  write_similarity_strip(outputs.stage(prefix + "similarity.tif"), band.result.band);
  outputs.stage_text(prefix + "similarity.json", band_json(band, pipeline));
  outputs.stage_text(prefix + "pipeline.resolved.yaml", to_yaml(pipeline));
  record.timings.emplace_back("write", seconds_since(w));
  outputs.stage_text(prefix + "result.json", result_json(record));
  return solved;
}

const std::vector<std::string> kRunFiles{"z.csv", "result.json", "similarity.tif", "similarity.json",
                                         "pipeline.resolved.yaml"};

// The pipeline a variant amounts to: re-runnable on its own from its folder.
Pipeline variant_pipeline(const Pipeline& base, const Variant& v) {
  Pipeline p = base;
  p.metric = v.metric;
  p.neighborhood_range = v.neighborhood_range;
  p.metric_params = v.metric_params;
  p.solver = v.solver;
  p.solver_params = v.solver_params;
  p.variants.clear();
  p.output_dir = base.output_dir / v.name;
  return p;
}

std::string band_key(const Variant& v) {
  std::string key = v.metric + "\n" + std::to_string(v.neighborhood_range);
  for (const auto& [name, value] : v.metric_params.values()) key += "\n" + name + "=" + param_value_text(value);
  return key;
}

std::string csv_number(double v) { return std::isfinite(v) ? format_double(v) : ""; }

}  // namespace

RunSummary run_pipeline(const Pipeline& pipeline, const Registry& registry, const RunOptions& options) {
  const auto start = Clock::now();
  Progress progress(options.quiet);
  OutputFiles outputs(pipeline.output_dir);

  if (pipeline.variants.empty()) {
    const BandStage band = band_for(pipeline, registry, options, progress);
    require_usable(band);
    const SolvedRun solved = solve_and_stage(pipeline, band, registry, options, progress, outputs, "", band.seconds);
    if (interrupt_requested()) throw Interrupted("interrupted while writing results");
    outputs.commit();
    RunSummary summary = summarize(solved.solution, band.result.usable);
    summary.seconds = seconds_since(start);
    summary.output_dir = pipeline.output_dir;
    summary.files = kRunFiles;
    summary.bands_computed = pipeline.input_matrix.empty() ? 1 : 0;
    return summary;
  }

  // A compare run: one reader, each distinct band once, each variant solved on its band.
  const auto reader = open_input(pipeline);
  std::map<std::string, BandStage> bands;
  RunSummary summary;
  std::string csv =
      "variant,metric,neighborhood_range,solver,band_seconds,band_shared,solve_seconds,sections,flagged,"
      "thickness_mean,thickness_min,thickness_max,iterations,termination\n";
  for (const Variant& v : pipeline.variants) {
    const std::string key = band_key(v);
    auto it = bands.find(key);
    const bool shared = it != bands.end();
    if (!shared) {
      progress.message(fmt::format("variant {}: computing the {} band (R = {})", v.name, v.metric, v.neighborhood_range));
      it = bands.emplace(key, compute_band_stage(*reader, pipeline, {v.metric, v.metric_params, v.neighborhood_range},
                                                 registry, options.threads, progress))
               .first;
    }
    const BandStage& band = it->second;
    require_usable(band);
    const Pipeline vp = variant_pipeline(pipeline, v);
    const SolvedRun solved =
        solve_and_stage(vp, band, registry, options, progress, outputs, v.name + "/", shared ? 0.0 : band.seconds);
    RunSummary s = summarize(solved.solution, band.result.usable);
    s.name = v.name;
    s.output_dir = vp.output_dir;
    s.files = kRunFiles;
    csv += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},\"{}\"\n", v.name, v.metric, band.range, v.solver,
                       csv_number(band.seconds), shared ? "yes" : "no", csv_number(solved.solve_seconds), s.sections,
                       s.flagged.size(), csv_number(s.mean_thickness), csv_number(s.min_thickness),
                       csv_number(s.max_thickness), solved.solution.iterations, solved.solution.termination);
    summary.variants.push_back(std::move(s));
  }
  outputs.stage_text("compare.csv", csv);
  outputs.stage_text("pipeline.resolved.yaml", to_yaml(pipeline));
  if (interrupt_requested()) throw Interrupted("interrupted while writing results");
  outputs.commit();
  summary.sections = reader->size();
  summary.seconds = seconds_since(start);
  summary.output_dir = pipeline.output_dir;
  summary.files = {"compare.csv", "pipeline.resolved.yaml"};
  summary.bands_computed = bands.size();
  return summary;
}

RunSummary compute_similarity(const Pipeline& pipeline, const Registry& registry, const RunOptions& options) {
  const auto start = Clock::now();
  if (!pipeline.input_matrix.empty())
    throw ConfigError("input.matrix: the band is already computed; `zspace similarity` needs input.path (a stack)");
  Progress progress(options.quiet);
  OutputFiles outputs(pipeline.output_dir);
  const BandStage band = band_for(pipeline, registry, options, progress);
  write_similarity_strip(outputs.stage("similarity.tif"), band.result.band);
  outputs.stage_text("similarity.json", band_json(band, pipeline));
  if (interrupt_requested()) throw Interrupted("interrupted while writing results");
  outputs.commit();
  RunSummary summary;
  summary.sections = band.result.band.size();
  for (std::size_t i = 0; i < band.result.usable.size(); ++i)
    if (!band.result.usable[i]) summary.flagged.push_back(i);
  summary.seconds = seconds_since(start);
  summary.output_dir = pipeline.output_dir;
  summary.files = {"similarity.tif", "similarity.json"};
  summary.bands_computed = 1;
  return summary;
}

}  // namespace zspace
