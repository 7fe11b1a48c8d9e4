#pragma once
/// @file document.hpp
/// Reading the pipeline file into one YAML document.

#include <yaml-cpp/yaml.h>

#include <filesystem>

#include "pipeline/diagnostics.hpp"

namespace zspace::pipeline_detail {

/// The file's single YAML document (a null node for an empty file). Throws ConfigError
/// "<file>: cannot read pipeline file", "<file>:<line>:<column>: YAML syntax error: <msg>",
/// or a message about a second document.
YAML::Node read_document(const std::filesystem::path& file, const Reporter& reporter);

}  // namespace zspace::pipeline_detail
