#include "zspace/engine/run.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fmt/core.h>
#include <limits>
#include <map>
#include <numeric>
#include <optional>
#include <thread>

#include "common/number_text.hpp"
#include "engine/band_stage.hpp"
#include "engine/distributed_band.hpp"
#include "engine/flagged_sections.hpp"
#include "engine/output_files.hpp"
#include "engine/result_writers.hpp"
#include "zspace/engine/corrected_stack.hpp"
#include "zspace/engine/distributed.hpp"
#include "zspace/engine/errors.hpp"
#include "zspace/engine/evaluate.hpp"
#include "zspace/engine/fiji_files.hpp"
#include "zspace/engine/progress.hpp"
#include "zspace/engine/report.hpp"

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

// Creates the solver from validated params; a factory that still refuses them reports a
// configuration problem, not bad data.
std::unique_ptr<Solver> make_solver(const Registry& registry, const std::string& name, const Params& params) {
  try {
    return registry.create_solver(name, params);
  } catch (const ConfigError&) {
    throw;
  } catch (const std::exception& e) {
    throw ConfigError(fmt::format("solver '{}': plugin refused its parameters: {}", name, e.what()));
  }
}

// The band `solver` needs: the pipeline's metric and range, with the in-plane calibration the
// solver asks for.
BandRequest band_request(const std::string& metric, const Params& metric_params, std::size_t range,
                         const std::string& solver_name, const Solver& solver) {
  BandRequest request;
  request.metric = metric;
  request.metric_params = metric_params;
  request.range = range;
  request.calibration = solver.calibration_request();
  request.solver = solver_name;
  return request;
}

// The band of a plain run; `reader` is left open for the corrected stack (null for a saved band).
BandStage band_for(const Pipeline& p, const Registry& registry, const RunOptions& options, Progress& progress,
                   const Solver& solver, std::unique_ptr<StackReader>& reader) {
  if (!p.input_matrix.empty()) return load_band_stage(p.input_matrix, progress);
  const BandRequest request = band_request(p.metric, p.metric_params, p.neighborhood_range, p.solver, solver);
  reader = open_input(p);
  if (distributed_size() > 1) return compute_distributed_band(*reader, p, request, registry, options.threads, progress);
  return compute_band_stage(*reader, p, request, registry, options.threads, progress);
}

// The truth rows of the sections this run used (input.sections selects a part of the stack
// that truth.csv describes whole).
std::vector<double> truth_for(const Pipeline& p, std::size_t n) {
  std::vector<double> truth = read_truth_table(p.truth);
  if (p.preprocess.sections) {
    const auto [first, last] = *p.preprocess.sections;
    if (last >= truth.size())
      throw DataError(fmt::format("{}: {} rows, but input.sections reaches section {}", p.truth.string(),
                                  truth.size(), last));
    truth = std::vector<double>(truth.begin() + static_cast<std::ptrdiff_t>(first),
                                truth.begin() + static_cast<std::ptrdiff_t>(last) + 1);
  }
  if (truth.size() != n)
    throw DataError(fmt::format("{}: {} rows for {} sections", p.truth.string(), truth.size(), n));
  return truth;
}

std::vector<std::pair<std::string, std::string>> score_texts(const Evaluation& e) {
  const auto text = [](double v) { return std::isfinite(v) ? fmt::format("{:.4g}", v) : std::string("-"); };
  return {{"RMS error (mean spacings)", text(e.estimate.rms) + " (uniform " + text(e.uniform.rms) + ")"},
          {"max error", text(e.estimate.max) + " (uniform " + text(e.uniform.max) + ")"},
          {"Spearman", text(e.estimate.spearman) + " (uniform " + text(e.uniform.spearman) + ")"},
          {"local thickness error", text(e.estimate.local_thickness_error) + " (uniform " +
                                        text(e.uniform.local_thickness_error) + ")"},
          {"gap recovery", text(e.estimate.gap_recovery) + " (uniform " + text(e.uniform.gap_recovery) + ")"}};
}

// Mean thickness in pixels and nm of a solver that gives absolute positions; NaN where the
// solution has none, or (nm) the pipeline no voxel size.
struct AbsoluteThickness {
  double px = std::numeric_limits<double>::quiet_NaN();
  double nm = std::numeric_limits<double>::quiet_NaN();
};

AbsoluteThickness absolute_thickness(const Solution& s, const Pipeline& p) {
  AbsoluteThickness t;
  const auto& px = s.z_pixels;
  if (px.size() < 2) return t;
  t.px = (px.back() - px.front()) / static_cast<double>(px.size() - 1);
  if (p.voxel_size) t.nm = t.px * (*p.voxel_size)[0];
  return t;
}

// The absolute thickness of solvers that measure it, for the report's summary table.
std::vector<std::pair<std::string, std::string>> absolute_texts(const Solution& s, const Pipeline& p,
                                                                const std::optional<Evaluation>& e) {
  std::vector<std::pair<std::string, std::string>> out;
  const AbsoluteThickness t = absolute_thickness(s, p);
  if (!std::isfinite(t.px)) return out;
  std::string text = fmt::format("{:.4g} px", t.px);
  if (std::isfinite(t.nm)) text += fmt::format(" = {:.4g} nm", t.nm);
  out.emplace_back("absolute mean thickness", text);
  if (e && std::isfinite(e->estimate.span_ratio))
    out.emplace_back("absolute span / true span", fmt::format("{:.4g}", e->estimate.span_ratio));
  return out;
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

void check_absolute_positions(const std::string& solver_name, const Solution& solution, std::size_t n) {
  if (!solution.z_pixels.empty() && solution.z_pixels.size() != n)
    throw DataError(fmt::format("solver '{}' returned {} pixel positions for {} sections", solver_name,
                                solution.z_pixels.size(), n));
  if (!solution.thickness_pixels_sd.empty() && solution.thickness_pixels_sd.size() != n)
    throw DataError(fmt::format("solver '{}' returned {} thickness uncertainties for {} sections", solver_name,
                                solution.thickness_pixels_sd.size(), n));
}

Solution solve_band(const BandStage& band, const Solver& solver, const std::string& solver_name,
                    Progress& progress) {
  const std::size_t n = band.result.band.size();
  SolverInput input;
  input.band = &band.result.band;
  if (band.calibration) input.calibration = &*band.calibration;
  input.start_z.resize(n);
  std::iota(input.start_z.begin(), input.start_z.end(), 0.0);
  ProgressObserver observer(progress);
  Solution solution;
  try {
    solution = solver.solve(input, observer);
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
  check_absolute_positions(solver_name, solution, n);
  if (!solution.z_pixels.empty()) {
    std::vector<double> unused;
    interpolate_flagged(band.result.usable, solution.z_pixels, unused);
    const double origin = solution.z_pixels[0];  // moves only when section 0 was flagged
    for (double& z : solution.z_pixels) z -= origin;
  }
  return solution;
}

RunSummary summarize(const Solution& solution, const std::vector<bool>& usable, const Pipeline& pipeline) {
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
  const AbsoluteThickness absolute = absolute_thickness(solution, pipeline);
  summary.mean_thickness_px = absolute.px;
  summary.mean_thickness_nm = absolute.nm;
  return summary;
}

// One solved band's files, staged under `prefix` ("" or "<variant>/").
struct SolvedRun {
  Solution solution;
  double solve_seconds = 0;
  std::optional<Evaluation> evaluation;
  std::vector<std::pair<std::string, double>> timings;
  std::vector<std::string> warnings;
};

SolvedRun solve_and_stage(const Pipeline& pipeline, const BandStage& band, const Solver& solver,
                          const Registry& registry, const RunOptions& options, Progress& progress,
                          OutputFiles& outputs, const std::string& prefix, double band_seconds_charged) {
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
  if (const auto& c = band.calibration)
    record.calibration = CalibrationRequest{c->tiles_x, c->tiles_y, static_cast<int>(c->shifts.size())};
  record.timings.emplace_back("band", band_seconds_charged);

  const auto t = Clock::now();
  SolvedRun solved;
  solved.solution = solve_band(band, solver, pipeline.solver, progress);
  solved.solve_seconds = seconds_since(t);
  record.solution = solved.solution;
  record.timings.emplace_back("solve", solved.solve_seconds);
  if (!pipeline.truth.empty()) {
    const std::vector<double> truth = truth_for(pipeline, solved.solution.z.size());
    solved.evaluation = solved.solution.z_pixels.empty()
                            ? evaluate(truth, solved.solution.z)
                            : evaluate(truth, solved.solution.z, solved.solution.z_pixels);
    record.evaluation = evaluation_json(*solved.evaluation);
  }

  const auto w = Clock::now();
  outputs.stage_text(prefix + "z.csv", z_table_csv(record));
  outputs.stage_text(prefix + "z_fiji.csv", fiji_csv(solved.solution.z));
  try {
    outputs.stage_text(prefix + "Zcoords.txt", zcoords_txt(solved.solution.z));
  } catch (const DataError& e) {
    // render needs strictly increasing z; a table it would refuse is not written.
    record.warnings.push_back(std::string("Zcoords.txt not written: ") + e.what());
    progress.message("warning: " + record.warnings.back());
  }
  write_similarity_strip(outputs.stage(prefix + "similarity.tif"), band.result.band);
  outputs.stage_text(prefix + "similarity.json", band_json(band, pipeline));
  outputs.stage_text(prefix + "pipeline.resolved.yaml", to_yaml(pipeline));
  record.timings.emplace_back("write", seconds_since(w));
  outputs.stage_text(prefix + "result.json", result_json(record));
  solved.timings = record.timings;
  solved.warnings = record.warnings;
  return solved;
}

// The solver's thickness uncertainty (input pixels) in the nominal spacings of z, by the ratio of
// the two spans; empty when the solver reports none.
std::vector<double> thickness_sd_in_spacings(const Solution& s) {
  const auto& px = s.z_pixels;
  if (s.thickness_pixels_sd.empty() || px.size() < 2 || s.z.size() != px.size()) return {};
  const double scale = (s.z.back() - s.z.front()) / (px.back() - px.front());
  if (!(std::isfinite(scale) && scale > 0)) return {};
  std::vector<double> sd(s.thickness_pixels_sd);
  for (double& v : sd) v *= scale;
  return sd;
}

ReportRun report_run(const std::string& name, const BandStage& band, const SolvedRun& solved, const Pipeline& pipeline) {
  ReportRun run;
  run.name = name;
  run.band = &band.result.band;
  run.z = solved.solution.z;
  run.thickness_sd = thickness_sd_in_spacings(solved.solution);
  run.quality = solved.solution.quality;
  run.curve = solved.solution.curve;
  if (run.curve.size() > band.range + 1) run.curve.resize(band.range + 1);
  run.usable = band.result.usable;
  run.timings = solved.timings;
  if (solved.evaluation) run.scores = score_texts(*solved.evaluation);
  for (auto& entry : absolute_texts(solved.solution, pipeline, solved.evaluation)) run.scores.push_back(std::move(entry));
  return run;
}

void stage_report(OutputFiles& outputs, const std::string& name, const Pipeline& pipeline, const BandStage& band,
                  std::vector<ReportRun> runs, const std::vector<std::string>& warnings) {
  ReportData data;
  data.title = pipeline.input_matrix.empty() ? pipeline.input_path.filename().string() : pipeline.input_matrix.filename().string();
  if (data.title.empty()) data.title = pipeline.input_path.parent_path().filename().string();
  data.section_names = band.names;
  data.pipeline_yaml = to_yaml(pipeline);
  data.runs = std::move(runs);
  data.warnings = warnings;
  outputs.stage_text(name, report_html(data));
}

void stage_corrected(OutputFiles& outputs, const Pipeline& pipeline, const StackReader& reader,
                     const std::vector<double>& z, Progress& progress) {
  CorrectedStackOptions options;
  options.upsample = pipeline.upsample;
  options.voxel_size = pipeline.voxel_size;
  options.format = pipeline.corrected_format == "hdf5" ? CorrectedFormat::hdf5 : CorrectedFormat::tiff;
  const std::string name = options.format == CorrectedFormat::hdf5 ? "corrected.h5" : "corrected.tif";
  write_corrected_stack(reader, z, options, outputs.stage(name), &progress);
}

const std::vector<std::string> kRunFiles{"z.csv", "z_fiji.csv", "Zcoords.txt", "result.json", "similarity.tif",
                                         "similarity.json", "pipeline.resolved.yaml"};

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

// Variants whose requests have equal keys share one band; a calibrated band carries more than
// the band, so it is not shared with variants that did not ask for the same calibration.
std::string band_key(const BandRequest& request) {
  std::string key = request.metric + "\n" + std::to_string(request.range);
  for (const auto& [name, value] : request.metric_params.values()) key += "\n" + name + "=" + param_value_text(value);
  if (const auto& c = request.calibration)
    key += fmt::format("\ncalibration={}x{},{}", c->tiles_x, c->tiles_y, c->max_shift);
  return key;
}

std::string csv_number(double v) { return std::isfinite(v) ? format_double(v) : ""; }

}  // namespace

RunSummary run_pipeline(const Pipeline& pipeline, const Registry& registry, const RunOptions& options) {
  const auto start = Clock::now();
  const bool root = distributed_rank() == 0;
  if (distributed_size() > 1 && (!pipeline.variants.empty() || !pipeline.input_matrix.empty()))
    throw ConfigError(!pipeline.variants.empty()
                          ? "variants: compare runs run in one process, not under mpirun"
                          : "input.matrix: a saved band is solved in one process, not under mpirun");
  // Under MPI only rank 0 reports progress and writes; the others compute their share of the band.
  Progress progress(options.quiet || !root);
  std::optional<OutputFiles> staged;
  if (root) staged.emplace(pipeline.output_dir);

  if (pipeline.variants.empty()) {
    const std::unique_ptr<Solver> solver = make_solver(registry, pipeline.solver, pipeline.solver_params);
    std::unique_ptr<StackReader> reader;
    const BandStage band = band_for(pipeline, registry, options, progress, *solver, reader);
    if (!root) {
      RunSummary helper;
      helper.sections = band.result.band.size();
      helper.seconds = seconds_since(start);
      return helper;
    }
    OutputFiles& outputs = *staged;
    require_usable(band);
    const SolvedRun solved = solve_and_stage(pipeline, band, *solver, registry, options, progress, outputs, "", band.seconds);
    std::vector<std::string> files = kRunFiles;
    std::vector<std::pair<std::string, double>> timings = solved.timings;
    if (pipeline.corrected_stack) {
      const auto t = Clock::now();
      stage_corrected(outputs, pipeline, *reader, solved.solution.z, progress);
      timings.emplace_back("corrected stack", seconds_since(t));
      files.push_back(pipeline.corrected_format == "hdf5" ? "corrected.h5" : "corrected.tif");
    }
    if (pipeline.report) {
      const auto t = Clock::now();
      stage_report(outputs, "report.html", pipeline, band, {report_run("", band, solved, pipeline)}, solved.warnings);
      files.push_back("report.html");
      timings.emplace_back("report", seconds_since(t));
    }
    if (interrupt_requested()) throw Interrupted("interrupted while writing results");
    outputs.commit();
    RunSummary summary = summarize(solved.solution, band.result.usable, pipeline);
    summary.seconds = seconds_since(start);
    summary.output_dir = pipeline.output_dir;
    summary.files = files;
    summary.timings = timings;
    summary.bands_computed = pipeline.input_matrix.empty() ? 1 : 0;
    return summary;
  }

  // A compare run: one reader, each distinct band once, each variant solved on its band.
  OutputFiles& outputs = *staged;
  const auto reader = open_input(pipeline);
  std::map<std::string, BandStage> bands;
  RunSummary summary;
  const bool scored = !pipeline.truth.empty();
  std::string csv =
      "variant,metric,neighborhood_range,solver,band_seconds,band_shared,solve_seconds,sections,flagged,"
      "thickness_mean,thickness_min,thickness_max,iterations,termination";
  if (scored)
    csv += ",rms,max,spearman,local_thickness_error,gap_recovery,uniform_rms,uniform_max,uniform_spearman,"
           "uniform_local_thickness_error,uniform_gap_recovery";
  // Rows without their line ends: a span_ratio column follows the scores when some variant
  // gives absolute positions, so that tables without one stay as they were.
  std::vector<std::string> rows;
  std::vector<double> span_ratios;
  bool any_absolute = false;
  std::vector<ReportRun> report_runs;
  std::vector<std::string> warnings;
  for (const Variant& v : pipeline.variants) {
    const std::unique_ptr<Solver> solver = make_solver(registry, v.solver, v.solver_params);
    const BandRequest request = band_request(v.metric, v.metric_params, v.neighborhood_range, v.solver, *solver);
    const std::string key = band_key(request);
    auto it = bands.find(key);
    const bool shared = it != bands.end();
    if (!shared) {
      progress.message(fmt::format("variant {}: computing the {} band (R = {}{})", v.name, v.metric,
                                   v.neighborhood_range, request.calibration ? ", with in-plane calibration" : ""));
      it = bands.emplace(key, compute_band_stage(*reader, pipeline, request, registry, options.threads, progress)).first;
    }
    const BandStage& band = it->second;
    require_usable(band);
    const Pipeline vp = variant_pipeline(pipeline, v);
    const SolvedRun solved =
        solve_and_stage(vp, band, *solver, registry, options, progress, outputs, v.name + "/", shared ? 0.0 : band.seconds);
    RunSummary s = summarize(solved.solution, band.result.usable, vp);
    s.name = v.name;
    s.output_dir = vp.output_dir;
    s.files = kRunFiles;
    s.timings = solved.timings;
    std::string row = fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},\"{}\"", v.name, v.metric, band.range,
                                  v.solver, csv_number(band.seconds), shared ? "yes" : "no",
                                  csv_number(solved.solve_seconds), s.sections, s.flagged.size(),
                                  csv_number(s.mean_thickness), csv_number(s.min_thickness),
                                  csv_number(s.max_thickness), solved.solution.iterations, solved.solution.termination);
    if (scored) {
      for (const Scores* sc : {&solved.evaluation->estimate, &solved.evaluation->uniform})
        row += fmt::format(",{},{},{},{},{}", csv_number(sc->rms), csv_number(sc->max), csv_number(sc->spearman),
                           csv_number(sc->local_thickness_error), csv_number(sc->gap_recovery));
      span_ratios.push_back(solved.evaluation->estimate.span_ratio);  // NaN without absolute positions
      any_absolute = any_absolute || !solved.solution.z_pixels.empty();
    }
    rows.push_back(std::move(row));
    report_runs.push_back(report_run(v.name, band, solved, vp));
    for (const auto& m : solved.warnings)
      if (std::find(warnings.begin(), warnings.end(), m) == warnings.end()) warnings.push_back(m);
    summary.variants.push_back(std::move(s));
  }
  if (any_absolute) csv += ",span_ratio";
  csv += "\n";
  for (std::size_t k = 0; k < rows.size(); ++k) {
    csv += rows[k];
    if (any_absolute) csv += fmt::format(",{}", csv_number(span_ratios[k]));
    csv += "\n";
  }
  outputs.stage_text("compare.csv", csv);
  outputs.stage_text("pipeline.resolved.yaml", to_yaml(pipeline));
  if (pipeline.report) stage_report(outputs, "report.html", pipeline, bands.begin()->second, std::move(report_runs), warnings);
  if (interrupt_requested()) throw Interrupted("interrupted while writing results");
  outputs.commit();
  summary.sections = reader->size();
  summary.seconds = seconds_since(start);
  summary.output_dir = pipeline.output_dir;
  summary.files = {"compare.csv", "pipeline.resolved.yaml"};
  if (pipeline.report) summary.files.push_back("report.html");
  summary.bands_computed = bands.size();
  return summary;
}

RunSummary compute_similarity(const Pipeline& pipeline, const Registry& registry, const RunOptions& options,
                              const std::optional<std::array<std::size_t, 2>>& rows) {
  const auto start = Clock::now();
  if (!pipeline.input_matrix.empty())
    throw ConfigError("input.matrix: the band is already computed; `zspace similarity` needs input.path (a stack)");
  if (distributed_size() > 1)
    throw ConfigError("zspace similarity runs in one process; under mpirun use zspace run, or shards (--sections)");
  Progress progress(options.quiet);
  OutputFiles outputs(pipeline.output_dir);
  const auto reader = open_input(pipeline);
  BandRequest request;
  request.metric = pipeline.metric;
  request.metric_params = pipeline.metric_params;
  request.range = pipeline.neighborhood_range;
  request.rows = rows;
  const BandStage band = compute_band_stage(*reader, pipeline, request, registry, options.threads, progress);
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
