#pragma once
/// @file values.hpp
/// Typed values of the pipeline: framework keys (names, paths, counts) and plugin parameters
/// checked against their ParamSpec. Each failure is one Reporter message naming the constraint.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/diagnostics.hpp"
#include "pipeline/map_reader.hpp"
#include "zspace/params.hpp"

namespace zspace::pipeline_detail {

/// A non-empty scalar ("ncc", "data/stack"); `what` names it in messages ("a plugin name").
std::string read_text(const Reporter& reporter, const Field& field, const std::string& what);

/// An integer inside [minimum, maximum] (either bound optional).
std::int64_t read_integer(const Reporter& reporter, const Field& field,
                          std::optional<double> minimum, std::optional<double> maximum);

/// A finite number inside [minimum, maximum] (either bound optional).
double read_number(const Reporter& reporter, const Field& field, std::optional<double> minimum,
                   std::optional<double> maximum);
/// true or false.
bool read_boolean(const Reporter& reporter, const Field& field);
/// A list of exactly `count` items (`what` describes it: "[x, y, width, height]"); each item
/// comes back as a Field whose path is "key[i]".
std::vector<Field> read_list(const Reporter& reporter, const Field& field, std::size_t count,
                             const std::string& what);
/// A plugin parameter value of the spec's type and inside its bounds or choices. Reals are
/// always stored as double (an integer in the file is widened), so the resolved pipeline
/// compares equal after a round trip.
ParamValue read_param(const Reporter& reporter, const Field& field, const ParamSpec& spec);

/// "integer in [1, 1000]", "number >= 0", "true, false", "a, b, c": what a spec allows.
std::string allowed_values(const ParamSpec& spec);

}  // namespace zspace::pipeline_detail
