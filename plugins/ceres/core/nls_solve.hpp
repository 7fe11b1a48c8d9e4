#pragma once
/// @file nls_solve.hpp
/// The z-spacing model of the published method, M_ij ≈ f(|z_i - z_j|) / (q_i q_j), solved as
/// one nonlinear least-squares problem with Ceres (Levenberg-Marquardt, sparse normal Cholesky,
/// one thread, so the result is the same on every machine load and thread setting): positions,
/// quality factors and the monotone curve jointly. See nls_problem.hpp for the parametrisation.
///
/// Gauge pin_ends: the problem itself fixes only the translation. The data set the overall scale
/// only weakly (a stretched z is nearly matched by a stretched curve; the thickness prior, when
/// on, pulls it towards the nominal spacing), so rather than constrain the sum of all spacings,
/// which would couple every parameter in one dense row, the solution is mapped affinely so that
/// its extremes are 0 and N-1, as the published method's BORDER regulariser does after every
/// iteration, and the curve is resampled at the integer distances of the mapped z.

#include <span>

#include "core/nls_options.hpp"
#include "zspace/band_matrix.hpp"
#include "zspace/solver.hpp"

namespace zspace::nls {

/// Solves for z. start_z: starting z per section in original order (empty = 0..N-1).
/// Calls observer.started(planned) once, planned = max_iterations plus start_iterations when
/// starting from the fixed-point result; then observer.iteration(i, z) after each fixed-point
/// iteration and after each Levenberg-Marquardt iteration (numbered on from the start's), with z
/// in original order and in the gauge's units. A false return ends the solve promptly with the
/// last accepted iterate and termination "stopped by observer".
/// Solution: z, quality, curve f(0..R), iterations = Levenberg-Marquardt iterations, termination
/// = Ceres' verdict, diagnostics: initial_cost, final_cost (Ceres' ½Σρ(r²)), successful_steps,
/// unsuccessful_steps, measured_pairs, start_iterations, span_before_gauge (solved extent over
/// N-1). Throws std::invalid_argument for invalid options or start_z.
Solution solve(const BandMatrix& band, std::span<const double> start_z, const Options& options,
               SolverObserver& observer);

}  // namespace zspace::nls
