#pragma once
/// @file curve.hpp
/// The similarity-vs-distance curve f[0..R] (ALGORITHM.md §1, §3.3 step 1): one global curve,
/// or local curves along the sorted stack (LocalCorrelationFitAverage).

#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace zspace::fixed_point {

/// f interpolated linearly at a real distance d >= 0, NaN-aware (ALGORITHM.md §4 fix): a
/// corner with zero weight is never read, so f(R) = f[R] (Java: NaN for every d >= R), and only
/// d > R or a NaN corner with non-zero weight gives NaN.
inline double interpolate_curve(const double* f, std::size_t range, double d) {
  if (!(d >= 0.0) || d > static_cast<double>(range)) return std::numeric_limits<double>::quiet_NaN();
  // d is in [0, R] here: the signed conversion is exact and a single instruction on x86-64
  // (the unsigned one adds a range branch).
  const auto k = static_cast<std::ptrdiff_t>(d);
  const double t = d - static_cast<double>(k);
  if (t == 0.0) return f[k];
  return (1.0 - t) * f[k] + t * f[k + 1];
}

/// One global curve or a family of local curves, each f[0..R] with f[0] = 1.
class CurveSet {
 public:
  CurveSet() = default;
  /// A single global curve (f[0] is forced to 1).
  static CurveSet global(std::vector<double> f);

  std::size_t range() const { return range_; }
  bool is_global() const { return count_ <= 1; }
  /// Number of local curves (1 for a global fit).
  std::size_t count() const { return count_; }
  /// Global average curve: the curve itself for a global fit, the average of every accepted
  /// sample (each counted once) for a local fit. This is what Solution::curve reports.
  const std::vector<double>& average() const { return average_; }
  /// Curve l of a local fit.
  const double* local(std::size_t l) const { return local_.data() + l * (range_ + 1); }
  /// Writes the curve that applies to sorted row p to out[0..R].
  void row_curve(std::size_t p, double* out) const;

 private:
  friend class CurveFitter;
  std::size_t range_ = 0;
  std::size_t count_ = 1;
  std::size_t window_ = 0;  // r_w, local fits only
  std::vector<double> average_;
  std::vector<double> local_;  // count_ x (range_ + 1), local fits only
};

class SortedBand;

/// Step 1: estimates f from the scaled matrix Ŝ resampled onto the current coordinates.
/// Holds scratch buffers so repeated calls do not allocate.
class CurveFitter {
 public:
  /// chat: sorted coordinates ĉ; m: scaling factors in sorted order (Ŝ_pq = m_p m_q M̂_pq,
  /// Ŝ_pp = M̂_pp). local_windows: Fiji's "number of local estimates" (1 = global).
  void fit(const SortedBand& band, const std::vector<double>& chat, const std::vector<double>& m,
           bool force_monotonicity, std::int64_t local_windows, CurveSet& out);

 private:
  std::vector<std::vector<double>> partials_;  // per row block: (sum, weight) per curve and k
  std::vector<double> inv_gap_;                // 1 / (ĉ_{j+1} - ĉ_j)
  std::vector<double> padded_;                 // -inf, ĉ_0..ĉ_{N-1}, +inf
};

}  // namespace zspace::fixed_point
