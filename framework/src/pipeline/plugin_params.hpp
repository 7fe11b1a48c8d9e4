#pragma once
/// @file plugin_params.hpp
/// `params:` of a metric or solver, validated against the plugin's declared schema.

#include <yaml-cpp/yaml.h>

#include <string>

#include "pipeline/diagnostics.hpp"
#include "zspace/params.hpp"
#include "zspace/plugin.hpp"

namespace zspace::pipeline_detail {

/// Every declared parameter, from the file where given and from the schema's default
/// otherwise. `params` may be undefined or empty (all defaults); `anchor` is shown for
/// problems with an empty params map.
Params resolve_params(const Reporter& reporter, const YAML::Node& params, const YAML::Node& anchor,
                      const std::string& path, const PluginDescriptor& plugin);

}  // namespace zspace::pipeline_detail
