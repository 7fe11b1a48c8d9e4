#include "pipeline/plugin_params.hpp"

#include <algorithm>

#include "pipeline/map_reader.hpp"
#include "pipeline/values.hpp"

namespace zspace::pipeline_detail {

namespace {

// A real default written as an integer in a descriptor would read back as a double after a
// round trip through the resolved YAML; store it as the double it means.
ParamValue normalized_default(const ParamSpec& spec) {
  if (spec.type == ParamType::real) {
    if (const auto* i = std::get_if<std::int64_t>(&spec.default_value)) {
      return static_cast<double>(*i);
    }
  }
  return spec.default_value;
}

}  // namespace

Params resolve_params(const Reporter& reporter, const YAML::Node& params, const YAML::Node& anchor,
                      const std::string& path, const PluginDescriptor& plugin) {
  std::vector<std::string> names;
  for (const auto& spec : plugin.parameters) names.push_back(spec.name);
  std::sort(names.begin(), names.end());  // stable "allowed" lists and suggestions

  MapReader map(reporter, params, anchor, path, names);
  map.reject_unknown_keys("none; " + std::string(to_string(plugin.kind)) + " '" + plugin.name +
                          "' takes no parameters");

  Params out;
  for (const auto& spec : plugin.parameters) {
    const Field* f = map.find(spec.name);
    out.set(spec.name, f ? read_param(reporter, *f, spec) : normalized_default(spec));
  }
  return out;
}

}  // namespace zspace::pipeline_detail
