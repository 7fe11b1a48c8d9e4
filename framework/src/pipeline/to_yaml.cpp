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

void write_params(std::ostream& out, const Params& params) {
  if (params.values().empty()) {
    out << "  params: {}\n";
    return;
  }
  out << "  params:\n";
  for (const auto& [name, value] : params.values()) {
    out << "    " << yaml_string(name) << ": " << param_text(value) << "\n";
  }
}

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
  out << "input:\n  path: " << yaml_string(p.input_path.string()) << "\n";
  out << "similarity:\n";
  out << "  metric: " << yaml_string(p.metric) << "\n";
  out << "  neighborhood_range: " << p.neighborhood_range << "\n";
  write_params(out, p.metric_params);
  out << "solver:\n";
  out << "  name: " << yaml_string(p.solver) << "\n";
  write_params(out, p.solver_params);
  out << "output:\n  dir: " << yaml_string(p.output_dir.string()) << "\n";
  return out.str();
}

}  // namespace zspace
