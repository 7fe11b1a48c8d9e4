#pragma once
// Sections in order of their estimated z, shared by the corrected stack and the Fiji/render
// tables so that all of them agree on the order.

#include <cstddef>
#include <string>
#include <vector>

namespace zspace::corrected {

/// Input indices sorted by z, ties kept in input order (a stable argsort: the Fiji plugin's
/// sorted map collapses exactly equal z, which we do not copy). Throws DataError
/// "<what>: z of section i is not finite (v)" for NaN or infinite z.
std::vector<std::size_t> order_by_z(const std::vector<double>& z, const std::string& what);

}  // namespace zspace::corrected
