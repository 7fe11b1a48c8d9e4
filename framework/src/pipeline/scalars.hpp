#pragma once
/// @file scalars.hpp
/// Strict reading of YAML scalars as typed values, and the text form of reals.
/// yaml-cpp's own `as<T>()` is too lenient for a strict schema (it reads "yes" as true and the
/// quoted string "3" as 3), so these follow the YAML 1.2 core schema and look at the tag: a
/// quoted scalar is always a string.

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <string>

namespace zspace::pipeline_detail {

/// Outcome of reading a scalar as a number or bool.
enum class ScalarStatus { ok, wrong_type, out_of_range, not_finite };

/// true/True/TRUE/false/False/FALSE, unquoted.
ScalarStatus read_bool(const YAML::Node& node, bool& out);

/// An unquoted decimal integer that fits in 64 bits ("1.5", "1e3" and "0x10" are not).
ScalarStatus read_int(const YAML::Node& node, std::int64_t& out);

/// An unquoted finite YAML number, integer or real; .inf/.nan are not_finite.
ScalarStatus read_real(const YAML::Node& node, double& out);

/// True for a non-null scalar (quoted or not) that can stand for a string value.
bool is_text(const YAML::Node& node);

/// Shortest text that reads back to exactly `value`, always recognisable as a real
/// ("0.4", "100.0", "1e-05").
std::string format_real(double value);

/// Bounds and limits in messages: integers without ".0" ("1000", "0.5").
std::string format_bound(double value);

}  // namespace zspace::pipeline_detail
