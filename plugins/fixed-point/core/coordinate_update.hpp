#pragma once
/// @file coordinate_update.hpp
/// Steps 5-9 of one outer iteration (ALGORITHM.md §3.3): apply the mediated shifts, repair NaN,
/// keep the order if reordering is off, apply the global regulariser. All in sorted order.

#include <cstddef>
#include <vector>

#include "core/shift_votes.hpp"

namespace zspace::fixed_point {

struct ShiftSummary {
  double mean_abs_shift = 0.0;   ///< mean |α Δ_q| over the sections that moved
  std::size_t without_votes = 0; ///< sections with no (finite) vote; they keep their position
};

/// Steps 5-6: Δ_q = sum/weight; if finite, ĉ_q <- (1-μ)(ĉ_q + α Δ_q) + μ c⁰_{π(q)}.
/// start_sorted[q] = c⁰_{π(q)}. A section without votes keeps its position.
ShiftSummary apply_shifts(const ShiftVotes& votes, double alpha, double mu,
                          const std::vector<double>& start_sorted, std::vector<double>& chat);

/// Step 7 (ReplaceNaNs): interior NaN runs are interpolated linearly, leading and trailing runs
/// extrapolated with unit slope. Inert unless something upstream produced NaN; kept as a guard.
/// If nothing is finite, the entries become their index.
void repair_nans(std::vector<double>& c);

/// Step 8: forward pass, ĉ_q < ĉ_{q-1} -> ĉ_q = ĉ_{q-1} + δ (strict comparison, cascades).
void enforce_order(std::vector<double>& chat, double min_thickness);

/// Step 9, BORDER: the affine map sending ĉ_0 -> 0 and ĉ_{N-1} -> N-1 (sorted positions of this
/// iteration). Skipped when ĉ_{N-1} == ĉ_0, where the map does not exist.
void pin_ends(std::vector<double>& chat);

}  // namespace zspace::fixed_point
