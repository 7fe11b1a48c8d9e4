#pragma once
/// @file nls_start.hpp
/// The point the least-squares solve starts from.

#include <span>
#include <string>
#include <vector>

#include "core/nls_options.hpp"
#include "zspace/band_matrix.hpp"
#include "zspace/solver.hpp"

namespace zspace::nls {

struct StartPoint {
  std::vector<double> z;        ///< per section, original order, nominal spacings
  std::vector<double> quality;  ///< per section, all > 0
  std::vector<double> curve;    ///< f at the knots k / curve_resolution; NaN without data
  int iterations = 0;           ///< fixed-point iterations run to get here
  bool stopped = false;         ///< the observer asked to stop during those iterations
};

/// Start::uniform: z = start_z (empty = 0..N-1), quality 1.
/// Start::fixed_point: z and quality of the fixed-point solver (Fiji defaults,
/// options.start_iterations outer iterations, the same allow_reordering and
/// min_section_thickness, ends pinned) run from start_z; its iterations are passed on to
/// `observer` as they are, and a stop request ends them.
/// Either way the curve is then estimated from the band at that z and quality (estimate_curve).
/// start_z must be empty or hold N finite values (the caller checks).
StartPoint start_point(const BandMatrix& band, std::span<const double> start_z,
                       const Options& options, SolverObserver& observer);

}  // namespace zspace::nls
