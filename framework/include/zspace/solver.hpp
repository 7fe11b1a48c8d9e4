#pragma once
/// @file solver.hpp
/// The solver interface: from a band of similarities to a z position per section.

#include <atomic>
#include <cstddef>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "zspace/band_matrix.hpp"
#include "zspace/version.hpp"

namespace zspace {

/// What the solver sees.
struct SolverInput {
  const BandMatrix* band = nullptr;  ///< similarities, NaN = missing
  /// Starting z per section in original order, in nominal spacings (default 0..N-1).
  std::vector<double> start_z;
};

/// What the solver returns. All per-section vectors are in original section order.
struct Solution {
  std::vector<double> z;        ///< estimated position, in nominal spacings
  std::vector<double> quality;  ///< multiplicative quality factor (1 = as expected)
  /// Similarity as a function of distance, sampled at integer distances 0..R (curve[0] = 1).
  std::vector<double> curve;
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
};

}  // namespace zspace
