#pragma once
// A SimulationSpec with every default filled in and every value checked.

#include <cstddef>
#include <string>

#include "zspace/engine/simulate.hpp"

namespace zspace::sim {

struct ResolvedSpec {
  SimulationSpec spec;  // defect lists sorted, duplicates removed
  bool from_volume = false;
  Thickness thickness;
  std::size_t gaps = 0;
  double drift_amplitude = 0;
  double drift_period = 0;
  std::size_t total_sections() const { return spec.sections + gaps * spec.gap_length; }
};

/// Fills defaults and checks everything that does not need the volume. Throws ConfigError
/// naming the option as `zspace simulate` spells it, with the offending value.
ResolvedSpec resolve(const SimulationSpec& spec);

/// Checks the crop against the volume's slice size and returns the crop to use (the whole
/// slice when none was given). Throws ConfigError with the numbers.
Crop resolve_crop(const ResolvedSpec& spec, int volume_width, int volume_height);

/// The true depths (see simulated_depths); `volume_depth` is checked for volumes.
std::vector<double> depths(const ResolvedSpec& spec, std::size_t volume_depth);

/// "1" or "0.5:1.5", as --thickness takes it.
std::string thickness_text(const Thickness& t);

}  // namespace zspace::sim
