#include "engine/band_stage.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <fmt/core.h>
#include <yaml-cpp/yaml.h>

#include "common/number_text.hpp"
#include "engine/json_writer.hpp"
#include "engine/result_writers.hpp"
#include "zspace/engine/band_io.hpp"
#include "zspace/engine/calibration.hpp"
#include "zspace/engine/errors.hpp"
#include "zspace/engine/preprocess.hpp"
#include "zspace/engine/progress.hpp"
#include "zspace/version.hpp"

namespace zspace {

namespace {

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

// Names and flags from a similarity.json written beside the band, when it matches.
void read_sidecar(const std::filesystem::path& matrix, BandStage& band) {
  std::filesystem::path json = matrix;
  json.replace_extension(".json");
  std::error_code ec;
  if (!std::filesystem::is_regular_file(json, ec)) return;
  try {
    const YAML::Node doc = YAML::LoadFile(json.string());
    const YAML::Node files = doc["files"];
    const YAML::Node usable = doc["usable"];
    const std::size_t n = band.result.band.size();
    if (!files.IsSequence() || files.size() != n) {
      band.warnings.push_back(json.string() + ": section list does not match the band; names left empty");
      return;
    }
    for (std::size_t i = 0; i < n; ++i) band.names[i] = files[i].as<std::string>();
    if (usable.IsSequence() && usable.size() == n)
      for (std::size_t i = 0; i < n; ++i) band.result.usable[i] = band.result.usable[i] && usable[i].as<bool>();
  } catch (const YAML::Exception& e) {
    band.warnings.push_back(json.string() + ": unreadable (" + e.msg + "); names left empty");
  }
}

// FNV-1a over what identifies the input without reading pixels: section count and size, each
// section's name and its file's size. Two shards of one stack agree on it; a different or
// modified stack almost surely does not.
std::string input_fingerprint(const StackReader& reader, const std::filesystem::path& input) {
  std::uint64_t h = 1469598103934665603ull;
  const auto mix = [&h](const std::string& text) {
    for (unsigned char c : text) {
      h ^= c;
      h *= 1099511628211ull;
    }
    h ^= 0xff;  // separator, so "ab"+"c" differs from "a"+"bc"
    h *= 1099511628211ull;
  };
  mix(std::to_string(reader.size()));
  mix(std::to_string(reader.width()) + "x" + std::to_string(reader.height()));
  std::error_code ec;
  const bool folder = std::filesystem::is_directory(input, ec);
  const auto single = folder ? 0 : std::filesystem::file_size(input, ec);
  for (std::size_t i = 0; i < reader.size(); ++i) {
    const std::string name = reader.name(i);
    mix(name);
    std::uintmax_t size = single;
    if (folder) {
      size = std::filesystem::file_size(input / name, ec);
      if (ec) size = 0;
    }
    mix(std::to_string(size));
  }
  return fmt::format("{:016x}", h);
}

}  // namespace

std::unique_ptr<StackReader> open_input(const Pipeline& pipeline) {
  return preprocess_stack(open_stack(pipeline.input_path), pipeline.preprocess);
}

BandStage compute_band_stage(const StackReader& reader, const Pipeline& pipeline, const BandRequest& request,
                             const Registry& registry, int threads, Progress& progress) {
  const auto start = std::chrono::steady_clock::now();
  BandStage band;
  band.source = pipeline.input_path;
  band.metric = registry.find(PluginKind::metric, request.metric);
  if (!band.metric) throw ConfigError(fmt::format("unknown metric '{}'", request.metric));
  band.metric_params = request.metric_params;
  const std::size_t n = reader.size();
  if (n < 2) throw DataError(fmt::format("{}: {} section; at least 2 are needed", pipeline.input_path.string(), n));
  band.range = std::min(request.range, n - 1);
  if (band.range < request.range) {
    band.warnings.push_back(fmt::format("neighborhood_range {} is larger than the stack allows ({} sections); using {}",
                                        request.range, n, band.range));
    progress.message("warning: " + band.warnings.back());
  }
  for (std::size_t i = 0; i < n; ++i) band.names.push_back(reader.name(i));

  // Parameters were validated against the schema; a factory that still refuses them reports a
  // configuration problem, not bad data.
  std::unique_ptr<SimilarityMetric> metric;
  try {
    metric = registry.create_metric(request.metric, request.metric_params);
  } catch (const ConfigError&) {
    throw;
  } catch (const std::exception& e) {
    throw ConfigError(fmt::format("metric '{}': plugin refused its parameters: {}", request.metric, e.what()));
  }
  BandOptions options;
  options.range = band.range;
  options.threads = threads;
  if (request.rows) {
    const auto [first, last] = *request.rows;
    if (last >= n || first > last)
      throw ConfigError(fmt::format("--sections {}:{}: the stack has sections 0..{}", first, last, n - 1));
    options.first = first;
    options.last = last + 1;
    band.rows = request.rows;
  }
  band.fingerprint = input_fingerprint(reader, pipeline.input_path);
  if (request.calibration) {
    CalibratedBand calibrated;
    try {
      calibrated = compute_calibrated_band(reader, *metric, options, *request.calibration, &progress);
    } catch (const ConfigError& e) {
      throw ConfigError(fmt::format("solver '{}': {}", request.solver, e.what()));
    }
    band.result = std::move(calibrated.result);
    band.calibration = std::move(calibrated.calibration);
    band.calibration->pixel_scale = pipeline.preprocess.downsample;
  } else {
    band.result = compute_band(reader, *metric, options, &progress);
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (band.result.usable[i]) continue;
    band.warnings.push_back(fmt::format(
        "section {} ({}) has no usable signal (constant or invalid); flagged, z interpolated", i, band.names[i]));
    progress.message("warning: " + band.warnings.back());
  }
  band.seconds = seconds_since(start);
  return band;
}

BandStage load_band_stage(const std::filesystem::path& matrix, Progress& progress) {
  const auto start = std::chrono::steady_clock::now();
  BandStage band;
  band.source = matrix;
  BandMatrix m = read_band(matrix);
  const std::size_t n = m.size();
  if (n < 2) throw DataError(fmt::format("{}: a band of {} section; at least 2 are needed", matrix.string(), n));
  band.range = m.range();
  band.result.band = std::move(m);
  band.result.usable.assign(n, true);
  band.names.assign(n, "");
  read_sidecar(matrix, band);
  for (std::size_t i = 0; i < n; ++i) {
    bool any = false;
    for (std::size_t d = 1; d <= band.range && !any; ++d) {
      if (i >= d && std::isfinite(band.result.band(i - d, i))) any = true;
      if (i + d < n && std::isfinite(band.result.band(i, i + d))) any = true;
    }
    if (!any) band.result.usable[i] = false;
    if (!band.result.usable[i]) {
      band.warnings.push_back(fmt::format("section {} has no similarity to any other section; flagged, z interpolated", i));
      progress.message("warning: " + band.warnings.back());
    }
  }
  band.seconds = seconds_since(start);
  return band;
}

std::string band_label(const BandStage& band) { return band.metric ? band.metric->descriptor.name : "saved band"; }

std::string band_json(const BandStage& band, const Pipeline& pipeline) {
  JsonWriter w;
  w.begin_object();
  w.key("zspace_version").value(framework_version());
  w.key("sections").value(band.result.band.size());
  w.key("neighborhood_range").value(band.range);
  w.key("metric").begin_object();
  if (band.metric) {
    w.key("name").value(band.metric->descriptor.name);
    w.key("version").value(band.metric->descriptor.version);
    w.key("params");
    write_params(w, band.metric_params);
  } else {
    w.key("name").value("saved band");
    w.key("source").value(band.source.string());
  }
  w.end_object();
  w.key("input").value(band.source.string());
  if (!band.fingerprint.empty()) w.key("fingerprint").value(band.fingerprint);
  if (band.rows) {
    // The rows this shard computed: pairs (i, j) with j in [first, last]; sections
    // first-R .. last were read, so only their usable flags are known.
    const std::size_t first = (*band.rows)[0], last = (*band.rows)[1];
    w.key("shard").begin_object().key("first").value(first).key("last").value(last);
    w.key("read_first").value(first > band.range ? first - band.range : 0).key("read_last").value(last);
    w.end_object();
  }
  const Preprocess& pre = pipeline.preprocess;
  w.key("preprocess").begin_object();
  if (pre.sections) w.key("sections").begin_array().value((*pre.sections)[0]).value((*pre.sections)[1]).end_array();
  if (pre.roi) {
    w.key("roi").begin_array();
    for (int v : *pre.roi) w.value(v);
    w.end_array();
  }
  if (pre.mask_below) w.key("mask_below").value(*pre.mask_below);
  if (pre.mask_above) w.key("mask_above").value(*pre.mask_above);
  w.key("downsample").value(pre.downsample);
  w.end_object();
  w.key("files").begin_array();
  for (const auto& name : band.names) w.value(name);
  w.end_array();
  w.key("usable").begin_array();
  for (bool u : band.result.usable) w.value(u);
  w.end_array();
  const BandShifts& shifts = band.result.shifts;
  if (!shifts.x.empty()) {
    // One [i, j, dx, dy] per measured pair: the in-plane shift of j relative to i at which the
    // metric found its value.
    w.key("shifts").begin_array();
    const std::size_t n = band.result.band.size(), r = band.range;
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t d = 1; d <= r && i + d < n; ++d) {
        const std::size_t slot = i * (r + 1) + d;
        if (std::isnan(shifts.x[slot])) continue;
        w.raw(fmt::format("[{}, {}, {}, {}]", i, i + d, format_double(shifts.x[slot]), format_double(shifts.y[slot])));
      }
    w.end_array();
  }
  w.key("seconds").value(band.seconds);
  w.end_object();
  return w.str();
}

}  // namespace zspace
