#pragma once
// One corrected slice from the two sections around it.

#include "zspace/section.hpp"

namespace zspace::corrected {

/// out = (1 - w) * lower + w * upper, pixel by pixel, at the sections' common depth (the
/// caller checks that both have the same depth and size): integer depths rounded to nearest
/// and clamped to the type's range, float computed in double and stored as float (NaN on
/// either side gives NaN). `out` is reused from slice to slice, so its buffer is allocated
/// once. Slices that coincide with a section are that section, never a blend.
void blend(const Section& lower, const Section& upper, double w, Section& out);

}  // namespace zspace::corrected
