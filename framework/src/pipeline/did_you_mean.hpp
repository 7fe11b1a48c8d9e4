#pragma once
/// @file did_you_mean.hpp
/// Near-miss suggestions for unknown keys and plugin names.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace zspace::pipeline_detail {

/// Optimal-string-alignment distance (insert, delete, substitute, swap neighbours = 1 each),
/// so the common typo "outer_iteratons" or "ouetr" costs 1, not 2.
std::size_t edit_distance(const std::string& a, const std::string& b);

/// The candidate closest to `typed` (case-insensitive) if it is within 2 edits, or else the
/// first candidate that `typed` is a prefix of ("fixed" -> "fixed-point"). Ties go to the
/// earlier candidate, so callers pass a sorted list for a stable answer.
std::optional<std::string> did_you_mean(const std::string& typed,
                                        const std::vector<std::string>& candidates);

/// " (did you mean 'x'?)" or "" when nothing is close.
std::string did_you_mean_suffix(const std::string& typed,
                                const std::vector<std::string>& candidates);

}  // namespace zspace::pipeline_detail
