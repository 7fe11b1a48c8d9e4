#pragma once
/// @file curve_inversion.hpp
/// Turning a similarity into a distance through a calibration curve (similarity of a section
/// with itself shifted in-plane, as a function of the shift).

#include <cstddef>
#include <span>
#include <vector>

#include "zspace/solver.hpp"

namespace zspace::calibrated {

/// Least-squares non-increasing fit of equally weighted values (pool adjacent violators).
/// Without it a noisy curve that wiggles back up crosses a similarity too early, which biases
/// distances short.
std::vector<double> non_increasing_fit(std::span<const double> values);

/// Where a curve falls to a similarity, and how steeply it falls there.
struct Crossing {
  /// Pixels; 0 when the similarity is at least the curve's value at 0; +infinity when the curve
  /// stays above it up to its last sample (the pair is farther apart than the calibration
  /// reaches).
  double distance = 0;
  /// Fall of similarity per pixel on the segment crossed (> 0); NaN when distance is infinite.
  double slope = 0;
};

/// Inverts a non-increasing curve sampled at ascending distances `x` (x[0] = 0): the first
/// sample k with curve[k] <= value, linearly interpolated between samples k-1 and k.
Crossing invert(std::span<const double> x, std::span<const double> curve, double value);

/// The calibration curve of the pair (i, j) on tile t, at distances {0, shifts...}: 1 at 0,
/// then the geometric mean of both sections' curves (negative values count as 0), made
/// non-increasing. Empty when either section's curve has a NaN sample on that tile.
std::vector<double> pair_curve(const Calibration& calibration, std::size_t i, std::size_t j, std::size_t t);

}  // namespace zspace::calibrated
