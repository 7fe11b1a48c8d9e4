#pragma once
/// @file overrides.hpp
/// `--set key.path=value` items, applied to the parsed file before validation so that they are
/// checked by exactly the same rules as the file.

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "pipeline/diagnostics.hpp"

namespace zspace::pipeline_detail {

/// Applies each item in order (a later item wins). The value is parsed as YAML, so "50",
/// "0.3", "true" and "[1, 2]" keep their types; missing maps on the way are created. Records
/// each item in `reporter` so problems inside it are shown as "--set <item>".
/// Throws ConfigError for an item without '=', an empty key segment, or a value that is not YAML.
void apply_sets(YAML::Node& root, const std::vector<std::string>& items, Reporter& reporter);

}  // namespace zspace::pipeline_detail
