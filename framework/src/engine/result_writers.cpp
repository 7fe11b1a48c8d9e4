#include "engine/result_writers.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/core.h>
#include <limits>

#include "engine/json_writer.hpp"
#include "zspace/engine/image_io.hpp"
#include "zspace/version.hpp"

namespace zspace {

namespace {

// Shortest text that reads back to the same double: the table loses nothing against result.json.
std::string number(double v) { return std::isfinite(v) ? format_double(v) : ""; }


void write_plugin(JsonWriter& w, const PluginInfo& info) {
  w.begin_object();
  w.key("name").value(info.descriptor.name);
  w.key("version").value(info.descriptor.version);
  w.key("api").value(fmt::format("{}.{}", info.descriptor.api.major, info.descriptor.api.minor));
  w.key("file").value(info.file.string());
  w.end_object();
}

}  // namespace

void write_params(JsonWriter& w, const Params& params) {
  w.begin_object();
  for (const auto& [name, value] : params.values()) {
    w.key(name);
    std::visit([&](const auto& v) { w.value(v); }, value);  // JsonWriter overloads each type
  }
  w.end_object();
}

std::vector<double> thickness_of(const std::vector<double>& z) {
  std::vector<double> t;
  for (std::size_t i = 0; i + 1 < z.size(); ++i) t.push_back(z[i + 1] - z[i]);
  return t;
}

std::string z_table_csv(const RunRecord& run) {
  const auto& z = run.solution.z;
  const auto t = thickness_of(z);
  // The five agreed columns; the absolute ones only from solvers that measure in pixels; the
  // last, `flag` (empty or "no-signal"), only when some section is flagged, so that ordinary
  // tables keep exactly the documented header.
  const bool any_flagged = std::find(run.usable.begin(), run.usable.end(), false) != run.usable.end();
  const auto& z_px = run.solution.z_pixels;
  const bool absolute = !z_px.empty();
  const bool with_nm = absolute && run.pipeline && run.pipeline->voxel_size;
  const double nm_per_pixel = with_nm ? (*run.pipeline->voxel_size)[0] : 0.0;
  const auto t_px = thickness_of(z_px);
  const auto sd_px = [&](std::size_t i) {
    const auto& sd = run.solution.thickness_pixels_sd;
    return i < sd.size() && i < t_px.size() ? sd[i] : std::numeric_limits<double>::quiet_NaN();
  };
  std::string out = "section,file,z,thickness,quality";
  if (absolute) out += ",z_px,thickness_px,thickness_sd_px";
  if (with_nm) out += ",z_nm,thickness_nm,thickness_sd_nm";
  out += any_flagged ? ",flag\n" : "\n";
  for (std::size_t i = 0; i < z.size(); ++i) {
    std::string file = run.section_names[i];
    if (file.find_first_of(",\"\n") != std::string::npos) {
      std::string quoted = "\"";
      for (char c : file) quoted += (c == '"') ? std::string("\"\"") : std::string(1, c);
      file = quoted + "\"";
    }
    const double q = i < run.solution.quality.size() ? run.solution.quality[i]
                                                     : std::numeric_limits<double>::quiet_NaN();
    const bool flagged = i < run.usable.size() && !run.usable[i];
    out += fmt::format("{},{},{},{},{}", i, file, number(z[i]), i < t.size() ? number(t[i]) : "", number(q));
    if (absolute) {
      const double step = i < t_px.size() ? t_px[i] : std::numeric_limits<double>::quiet_NaN();
      out += fmt::format(",{},{},{}", number(z_px[i]), number(step), number(sd_px(i)));
      if (with_nm)
        out += fmt::format(",{},{},{}", number(z_px[i] * nm_per_pixel), number(step * nm_per_pixel),
                           number(sd_px(i) * nm_per_pixel));
    }
    out += any_flagged ? (flagged ? ",no-signal\n" : ",\n") : "\n";
  }
  return out;
}

std::string result_json(const RunRecord& run) {
  const Pipeline& p = *run.pipeline;
  JsonWriter w;
  w.begin_object();
  w.key("zspace_version").value(framework_version());
  w.key("pipeline").begin_object();
  w.key("file").value(p.file.string());
  w.key("version").value(p.version);
  w.key("input").begin_object();
  if (p.input_matrix.empty())
    w.key("path").value(p.input_path.string());
  else
    w.key("matrix").value(p.input_matrix.string());
  w.end_object();
  w.key("plugin_path").begin_array();
  for (const auto& d : p.plugin_path) w.value(d.string());
  w.end_array();
  w.key("similarity").begin_object();
  w.key("metric").value(p.metric);
  w.key("neighborhood_range").value(p.neighborhood_range);
  w.key("params");
  write_params(w, p.metric_params);
  w.end_object();
  w.key("solver").begin_object();
  w.key("name").value(p.solver);
  w.key("params");
  write_params(w, p.solver_params);
  w.end_object();
  w.key("output").begin_object().key("dir").value(p.output_dir.string()).end_object();
  w.end_object();

  w.key("plugins").begin_object();
  w.key("metric");
  if (run.metric)
    write_plugin(w, *run.metric);
  else
    w.null();  // a saved band: similarity.json beside it says what made it
  w.key("solver");
  write_plugin(w, *run.solver);
  w.end_object();

  w.key("sections").value(run.section_names.size());
  w.key("neighborhood_range_used").value(run.range);
  w.key("threads").value(run.threads);
  w.key("files").begin_array();
  for (const auto& name : run.section_names) w.value(name);
  w.end_array();
  w.key("z").array(run.solution.z);
  w.key("thickness").array(thickness_of(run.solution.z));
  w.key("quality").array(run.solution.quality);
  w.key("curve").array(run.solution.curve);
  if (!run.solution.z_pixels.empty()) {
    // Absolute positions and thicknesses in input pixels, from the in-plane calibration.
    w.key("z_pixels").array(run.solution.z_pixels);
    w.key("thickness_pixels").array(thickness_of(run.solution.z_pixels));
    if (!run.solution.thickness_pixels_sd.empty())
      w.key("thickness_pixels_sd").array(run.solution.thickness_pixels_sd);
  }
  if (run.calibration) {
    w.key("calibration").begin_object();
    w.key("tiles_x").value(run.calibration->tiles_x);
    w.key("tiles_y").value(run.calibration->tiles_y);
    w.key("max_shift").value(run.calibration->max_shift);
    w.end_object();
  }
  w.key("flagged").begin_array();
  for (std::size_t i = 0; i < run.usable.size(); ++i) {
    if (run.usable[i]) continue;
    w.begin_object().key("section").value(i).key("flag").value("no-signal");
    w.key("reason").value("no usable signal (constant or invalid); z interpolated from the nearest usable sections");
    w.end_object();
  }
  w.end_array();
  w.key("solver_report").begin_object();
  w.key("iterations").value(run.solution.iterations);
  w.key("termination").value(run.solution.termination);
  for (const auto& [name, value] : run.solution.diagnostics) w.key(name).value(value);
  w.end_object();
  if (!run.evaluation.empty()) w.key("evaluation").raw(run.evaluation);
  w.key("timings_s").begin_object();
  for (const auto& [stage, seconds] : run.timings) w.key(stage).value(seconds);
  w.end_object();
  w.key("warnings").begin_array();
  for (const auto& m : run.warnings) w.value(m);
  w.end_array();
  w.end_object();
  return w.str();
}

void write_similarity_strip(const std::filesystem::path& path, const BandMatrix& band) {
  const std::size_t n = band.size(), r = band.range();
  FloatImage strip;
  strip.width = static_cast<int>(2 * r + 1);
  strip.height = static_cast<int>(n);
  strip.pixels.assign(static_cast<std::size_t>(strip.width) * n, std::numeric_limits<float>::quiet_NaN());
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t x = 0; x < 2 * r + 1; ++x) {
      const long j = static_cast<long>(i) + static_cast<long>(x) - static_cast<long>(r);
      if (j < 0 || j >= static_cast<long>(n)) continue;
      strip.pixels[i * strip.width + x] = static_cast<float>(band(i, static_cast<std::size_t>(j)));
    }
  }
  write_float_tiff(path, strip);
}

}  // namespace zspace
