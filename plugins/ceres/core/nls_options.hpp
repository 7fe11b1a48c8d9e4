#pragma once
/// @file nls_options.hpp
/// Options of the least-squares z-spacing solver. The user-facing documentation of each option
/// is its ParamSpec in plugin.cpp (same name unless noted); the fields here say what they map to.

#include <string>

namespace zspace::nls {

/// Where the positions and qualities start from (parameter `init`).
enum class Start {
  uniform,      ///< the caller's start z (0..N-1 from the host), quality 1
  fixed_point,  ///< z and quality of the fixed-point solver run from the caller's start z
};

/// Robust loss applied to each similarity residual.
enum class Loss { none, huber, cauchy };

/// How the free affine placement of z is fixed.
enum class Gauge {
  pin_ends,  ///< the solved z is mapped affinely so that its extremes are 0 and N-1
  free,      ///< only the translation is fixed (the first measured section keeps its start z)
};

struct Options {
  Start start = Start::uniform;
  /// Outer iterations of the fixed-point start (`init_iterations`; Start::fixed_point only).
  int start_iterations = 100;
  Loss loss = Loss::none;
  /// Scale a of the robust loss, in similarity units: residuals below a count quadratically.
  double loss_scale = 0.05;
  /// λ of the Tikhonov prior λ·(q_i - 1)² on every quality factor.
  double quality_regularization = 0.1;
  /// λ of the prior λ·(t_i - 1)² on every spacing t_i = z_{i+1} - z_i (0 = off).
  double thickness_regularization = 0.0;
  /// Curve knots per nominal spacing: knots at distances k / curve_resolution.
  int curve_resolution = 1;
  /// false: z is ordered by construction (z_{i+1} = z_i + t_i, t_i >= min_section_thickness).
  bool allow_reordering = false;
  double min_section_thickness = 1e-9;
  Gauge gauge = Gauge::pin_ends;
  /// Levenberg-Marquardt iterations (Ceres' max_num_iterations).
  int max_iterations = 200;
  /// Ceres' function_tolerance: stop when |Δcost| / cost falls below it.
  double function_tolerance = 1e-10;
};

/// Empty if the options are usable, else a one-line message naming the field and the rule.
std::string validate(const Options& options);

}  // namespace zspace::nls
