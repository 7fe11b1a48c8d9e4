#pragma once
/// @file calibrated_options.hpp
/// Options of the calibrated solver. The plugin's parameter schema documents them for users;
/// here each field says what the code does with it.

#include <string>

namespace zspace::calibrated {

struct Options {
  /// Tiles per axis of the in-plane calibration grid (tiles x tiles tiles per section).
  int tiles = 1;
  /// Largest in-plane shift of the calibration curves, pixels of the compared sections.
  int max_shift = 24;
  /// Huber threshold in robust standard deviations (1.4826 x MAD) of the pair residuals.
  double huber = 1.0;
};

/// Limits of the robust fit (not parameters: they only decide when the answer stops moving).
inline constexpr int kMaxIterations = 20;
/// Largest position change, pixels, below which the reweighting has converged.
inline constexpr double kConvergedChange = 1e-9;
/// Floor of the Huber threshold relative to the typical neighbour distance: far below any
/// distance the calibration resolves, so it only matters when the pairs agree almost exactly.
inline constexpr double kMinHuberScale = 1e-3;
/// Weight of the consecutive-spacing prior relative to the median pair weight: only large
/// enough to keep a stack whose pair graph falls apart solvable.
inline constexpr double kPriorWeight = 1e-6;

/// Empty if the options are usable, else a one-line message naming the offending value.
std::string validate(const Options& options);

}  // namespace zspace::calibrated
