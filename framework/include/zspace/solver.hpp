#pragma once
/// @file solver.hpp
/// The solver interface: from a band of similarities to a z position per section.

#include <atomic>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "zspace/band_matrix.hpp"
#include "zspace/version.hpp"

namespace zspace {

/// What in-plane calibration a solver needs (Solver::calibration_request). Each section is cut
/// into a grid of tiles; each tile is compared with the same section shifted in-plane by
/// 1..max_shift pixels (along x and along y, averaged), which gives a similarity-vs-distance
/// curve in pixel units measured on the tile itself.
struct CalibrationRequest {
  int tiles_x = 1;     ///< tiles across (1 = the whole section)
  int tiles_y = 1;     ///< tiles down
  int max_shift = 24;  ///< largest in-plane shift, pixels
};

/// In-plane calibration of a stack, in the solver's input. Tile t of section i is the t-th tile
/// of the grid in row-major order.
struct Calibration {
  int tiles_x = 1;  ///< grid of tiles, as requested
  int tiles_y = 1;  ///< see tiles_x
  /// Shifts at which the curves are sampled, pixels, ascending: 1, 2, ..., max_shift.
  std::vector<double> shifts;
  /// curves[(i * tiles + t) * shifts.size() + k]: similarity of tile t of section i with
  /// itself shifted by shifts[k]; NaN where it could not be measured (no signal).
  std::vector<double> curves;
  /// tile_bands[t]: the band of tile t alone (the same range as SolverInput::band).
  std::vector<BandMatrix> tile_bands;
  /// Size of one pixel of the compared sections in input pixels (the xy downsampling factor),
  /// so that pixel distances can be given in input pixels.
  double pixel_scale = 1;

  std::size_t tiles() const { return static_cast<std::size_t>(tiles_x) * static_cast<std::size_t>(tiles_y); }
  /// Curve value for section i, tile t, shift index k.
  double curve(std::size_t i, std::size_t t, std::size_t k) const {
    return curves[(i * tiles() + t) * shifts.size() + k];
  }
};

/// What the solver sees.
struct SolverInput {
  const BandMatrix* band = nullptr;  ///< similarities, NaN = missing
  /// Starting z per section in original order, in nominal spacings (default 0..N-1).
  std::vector<double> start_z;
  /// Present only when the solver asked for it (Solver::calibration_request) and the input is
  /// a stack (a saved band has no pixels to calibrate on).
  const Calibration* calibration = nullptr;
};

/// What the solver returns. All per-section vectors are in original section order.
struct Solution {
  std::vector<double> z;        ///< estimated position, in nominal spacings
  std::vector<double> quality;  ///< multiplicative quality factor (1 = as expected)
  /// Similarity as a function of distance, sampled at integer distances 0..R (curve[0] = 1).
  std::vector<double> curve;
  /// Absolute positions in input pixels (z_pixels[0] = 0), for solvers that measure distance
  /// in pixel units (in-plane calibration); empty otherwise. With a voxel size the output
  /// tables give them in nm as well.
  std::vector<double> z_pixels;
  /// Per-section standard uncertainty of the thickness z_pixels[i+1] - z_pixels[i] (same units;
  /// the last section repeats the one before); empty when unknown.
  std::vector<double> thickness_pixels_sd;
  int iterations = 0;           ///< iterations actually run
  std::string termination;      ///< why the solver stopped, in words
  /// Extra named figures for result.json (final step size, counts, ...).
  std::vector<std::pair<std::string, double>> diagnostics;
};

/// Receives progress from a solver. Called from the solver's thread.
class ZSPACE_VISIBLE SolverObserver {
 public:
  virtual ~SolverObserver() = default;
  /// Called before the first iteration with the planned number of iterations.
  virtual void started(int /*planned_iterations*/) {}
  /// Called after each iteration with the current z (original order). Return false to ask
  /// the solver to stop early (the run was interrupted); the solver then returns promptly.
  virtual bool iteration(int /*iteration*/, const std::vector<double>& /*z*/) { return true; }
};

/// A solver. solve() may be called more than once, never concurrently on one object.
class ZSPACE_VISIBLE Solver {
 public:
  virtual ~Solver() = default;
  /// Throw std::runtime_error for inputs the solver cannot handle (message names the reason).
  virtual Solution solve(const SolverInput& input, SolverObserver& observer) const = 0;

  /// The in-plane calibration this solver wants in SolverInput::calibration; none by default.
  /// A solver that asks must still solve (or refuse with a clear message) without it, since a
  /// saved band carries none.
  virtual std::optional<CalibrationRequest> calibration_request() const { return std::nullopt; }
};

}  // namespace zspace
