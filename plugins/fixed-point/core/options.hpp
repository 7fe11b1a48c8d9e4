#pragma once
/// @file options.hpp
/// Options of the fixed-point inference (ALGORITHM.md §5). Every field says what it does and
/// its default; the defaults are what the Fiji plugin passes, not `Options.generateDefaultOptions`.

#include <cstdint>
#include <string>

namespace zspace::fixed_point {

/// What the inner regulariser pulls the scaling factors towards (ALGORITHM.md §3.3 step 2, §8.1).
enum class QualityPrior {
  one,       ///< m <- (1-λ)·m* + λ·1: Tikhonov towards 1, as documented (2014-2016 code).
  previous,  ///< m <- (1-λ)·m* + λ·m_old: damping only, as the current Java code does.
};

/// Global regulariser applied after each update (ALGORITHM.md §3.3 step 9).
enum class Border {
  pin_ends,  ///< BORDER: affine map sending sorted first/last to 0 and N-1.
  none,      ///< NONE: coordinates float freely.
};

struct Options {
  /// Outer iterations (nIterations); there is no convergence test. Default 100.
  int outer_iterations = 100;
  /// Shift proportion α: the fraction of the mediated shift applied per iteration. The Fiji
  /// dialog's "outer_regularization" is 1 - α (§8.2). Default 0.6.
  double shift_proportion = 0.6;
  /// Gauss–Seidel sweeps K of the scaling-factor estimation per outer iteration. Default 10.
  int inner_iterations = 10;
  /// Inner regulariser weight λ. Default 0.1.
  double inner_regularization = 0.1;
  /// Target of the inner regulariser. Default: towards 1 (the documented behaviour).
  QualityPrior quality_prior = QualityPrior::one;
  /// If false, a forward pass after each update keeps the sorted order (step 8). Default true.
  bool allow_reordering = true;
  /// Only accept fit samples and shift votes that decrease with distance. Fiji forces it on.
  bool force_monotonicity = true;
  /// δ used by the order-enforcement pass when reordering is off. Fiji forces 1e-9.
  double min_section_thickness = 1e-9;
  /// Fiji's "number of local estimates": 1 = one global curve; n >= 2 = local curves with
  /// window radius N / n (LocalCorrelationFitAverage). Default 1.
  std::int64_t local_curve_windows = 1;
  /// Global regulariser. Default BORDER (pin the ends).
  Border border = Border::pin_ends;
  /// Shift votes with scaled similarity <= this value are ignored (minimumCorrelationValue).
  double min_similarity = 0.0;
  /// μ: pulls every update towards the starting coordinates (coordinateUpdateRegularizerWeight).
  double update_anchor = 0.0;
};

/// Returns an empty string if the options are usable, else a message naming the violated
/// constraint ("Options::x = v. Violated constraint: ...").
std::string validate(const Options& options);

}  // namespace zspace::fixed_point
