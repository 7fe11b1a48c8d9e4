#pragma once
/// @file yaml_text.hpp
/// Writing YAML scalars by hand (the resolved pipeline controls its number format, which
/// YAML::Emitter does not).

#include <string>

namespace zspace::pipeline_detail {

/// `text` as a YAML scalar that reads back as the same string: plain when that is
/// unambiguous (names, most paths), double-quoted otherwise ("true", "10", "a b", "").
std::string yaml_string(const std::string& text);

}  // namespace zspace::pipeline_detail
