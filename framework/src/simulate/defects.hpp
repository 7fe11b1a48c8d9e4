#pragma once
// Defective sections: strong noise, low contrast, in-plane shifts.

#include <cstddef>
#include <string>
#include <vector>

#include "simulate/resolved_spec.hpp"

namespace zspace::sim {

struct SectionDefects {
  bool noisy = false;
  bool low_contrast = false;
  bool shifted = false;
  int shift_x = 0, shift_y = 0;  // content moves by this many pixels (right, down)
  bool any() const { return noisy || low_contrast || shifted; }
  /// "noisy+low-contrast+shifted" with only those present; "" for a clean section.
  std::string label() const;
};

/// The defects of output section `section`, its shift drawn from the seed.
SectionDefects defects_of(const ResolvedSpec& spec, std::size_t section);

/// Applies the defects to a row-major width x height image, in acquisition order: shift, then
/// contrast loss, then noise, whose level is relative to the clean section's spread. NaN pixels
/// (invalid) stay NaN.
void apply_defects(std::vector<float>& pixels, int width, int height, const SectionDefects& defects,
                   const ResolvedSpec& spec, std::size_t section);

}  // namespace zspace::sim
