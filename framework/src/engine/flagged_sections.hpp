#pragma once
// Sections without usable signal (constant, entirely invalid): the solver's z for them means
// nothing, so it is replaced by a linear interpolation between the nearest usable sections.

#include <cstddef>
#include <vector>

namespace zspace {

/// Number of usable sections.
std::size_t count_usable(const std::vector<bool>& usable);

/// Replaces z[i] of every section with usable[i] == false by linear interpolation (by section
/// index) between the nearest usable sections before and after it; before the first or after the
/// last usable section, extrapolates with the spacing of the two nearest usable sections.
/// quality[i] of those sections becomes NaN (quality is resized to z's size, NaN-filled).
/// Requires at least two usable sections (the caller reports the error otherwise).
void interpolate_flagged(const std::vector<bool>& usable, std::vector<double>& z, std::vector<double>& quality);

}  // namespace zspace
