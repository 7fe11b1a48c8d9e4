#include <sstream>
#include <variant>

#include "pipeline/scalars.hpp"
#include "pipeline/yaml_text.hpp"
#include "zspace/engine/pipeline.hpp"

namespace zspace {

namespace {

using pipeline_detail::format_real;
using pipeline_detail::yaml_string;

std::string param_text(const ParamValue& v) {
  if (const auto* b = std::get_if<bool>(&v)) return *b ? "true" : "false";
  if (const auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&v)) return format_real(*d);
  return yaml_string(std::get<std::string>(v));
}

void write_params(std::ostream& out, const Params& params, const std::string& indent = "  ") {
  if (params.values().empty()) {
    out << indent << "params: {}\n";
    return;
  }
  out << indent << "params:\n";
  for (const auto& [name, value] : params.values()) {
    out << indent << "  " << yaml_string(name) << ": " << param_text(value) << "\n";
  }
}

std::string bool_text(bool b) { return b ? "true" : "false"; }

}  // namespace

std::string to_yaml(const Pipeline& p) {
  std::ostringstream out;
  out << "# zspace pipeline, resolved: every default filled in, every path absolute.\n";
  out << "version: " << p.version << "\n";
  if (p.plugin_path.empty()) {
    out << "plugin_path: []\n";
  } else {
    out << "plugin_path:\n";
    for (const auto& dir : p.plugin_path) out << "  - " << yaml_string(dir.string()) << "\n";
  }
  out << "input:\n";
  if (!p.input_matrix.empty())
    out << "  matrix: " << yaml_string(p.input_matrix.string()) << "\n";
  else
    out << "  path: " << yaml_string(p.input_path.string()) << "\n";
  const Preprocess& pre = p.preprocess;
  if (pre.sections) out << "  sections: [" << (*pre.sections)[0] << ", " << (*pre.sections)[1] << "]\n";
  if (pre.roi) out << "  roi: [" << (*pre.roi)[0] << ", " << (*pre.roi)[1] << ", " << (*pre.roi)[2] << ", " << (*pre.roi)[3] << "]\n";
  if (p.voxel_size)
    out << "  voxel_size: [" << format_real((*p.voxel_size)[0]) << ", " << format_real((*p.voxel_size)[1]) << ", "
        << format_real((*p.voxel_size)[2]) << "]\n";
  out << "preprocess:\n  downsample: " << pre.downsample << "\n";
  if (pre.mask_below || pre.mask_above) {
    out << "  mask:\n";
    if (pre.mask_below) out << "    below: " << format_real(*pre.mask_below) << "\n";
    if (pre.mask_above) out << "    above: " << format_real(*pre.mask_above) << "\n";
  }
  if (!p.truth.empty()) out << "truth: " << yaml_string(p.truth.string()) << "\n";
  out << "similarity:\n";
  out << "  metric: " << yaml_string(p.metric) << "\n";
  out << "  neighborhood_range: " << p.neighborhood_range << "\n";
  write_params(out, p.metric_params);
  out << "solver:\n";
  out << "  name: " << yaml_string(p.solver) << "\n";
  write_params(out, p.solver_params);
  out << "output:\n  dir: " << yaml_string(p.output_dir.string()) << "\n";
  out << "  report: " << bool_text(p.report) << "\n";
  out << "  corrected_stack: " << bool_text(p.corrected_stack) << "\n";
  out << "  upsample: " << p.upsample << "\n";
  out << "  corrected_format: " << yaml_string(p.corrected_format) << "\n";
  if (!p.variants.empty()) {
    out << "variants:\n";
    for (const auto& v : p.variants) {
      out << "  - name: " << yaml_string(v.name) << "\n";
      out << "    similarity:\n      metric: " << yaml_string(v.metric) << "\n";
      out << "      neighborhood_range: " << v.neighborhood_range << "\n";
      write_params(out, v.metric_params, "      ");
      out << "    solver:\n      name: " << yaml_string(v.solver) << "\n";
      write_params(out, v.solver_params, "      ");
    }
  }
  return out.str();
}

}  // namespace zspace
