#pragma once
// The text files written beside the simulated sections.

#include <string>

#include "simulate/resolved_spec.hpp"

namespace zspace::sim {

/// truth.csv: section,file,z,defect,shift_x,shift_y, one row per section.
std::string truth_csv(const SimulationResult& result);

/// simulation.yaml: the resolved specification, the equivalent command line, and what the
/// source was (volume size, crop), so a stack can be made again and its origin traced.
std::string simulation_yaml(const ResolvedSpec& spec, const SimulationResult& result, const Crop& crop,
                            std::size_t volume_depth);

}  // namespace zspace::sim
