#pragma once
/// @file scaling_factors.hpp
/// Step 2: the per-section scaling factors m ("quality"), ALGORITHM.md §3.3 step 2
/// (EstimateScalingFactors.estimateQuadraticFromMatrix).

#include <cstddef>
#include <vector>

#include "core/curve.hpp"
#include "core/options.hpp"
#include "core/sorted_view.hpp"

namespace zspace::fixed_point {

/// Runs K Gauss–Seidel sweeps of
///   m*_p = Σ_q m_q M̂_pq ρ_pq / Σ_q (m_q M̂_pq)²,   m_p <- (1-λ) m*_p + λ·target,
/// over the candidates q in [p-R, p+R] \ {p} (symmetric: fixes §8.6's exclusive upper bound),
/// with ρ_pq = f_p(|ĉ_q - ĉ_p|) NaN-aware (§4 fix: ρ(R) = f[R]). A candidate is dropped unless ρ
/// and M̂_pq are finite and M̂_pq > 0; a NaN update is skipped. Holds scratch buffers so the
/// outer loop does not allocate.
///
/// Speed: ρ_pq and M̂_pq do not change during the sweeps, so they are tabulated once per call
/// (in parallel, per row). The sweeps themselves run as a wavefront: sweep s updates row
/// τ - s(R+1) at step τ. Every update then reads exactly the values a plain sequential
/// Gauss–Seidel would (rows below p already updated in this sweep, rows above p from the
/// previous sweep), so results are bit-identical to the sequential order, while the K updates
/// of one step are independent (instruction-level parallelism) and the table rows they touch
/// stay in cache across all K sweeps.
class ScalingFactorEstimator {
 public:
  /// m: scaling factors in sorted order, updated in place.
  void estimate(const SortedBand& band, const std::vector<double>& chat, const CurveSet& curves,
                int sweeps, double lambda, QualityPrior prior, std::vector<double>& m);

 private:
  void tabulate(const SortedBand& band, const std::vector<double>& chat, const CurveSet& curves);
  std::vector<double> table_;   // per sorted row: [M̂ x (2R+1) | ρ x (2R+1)], 0 where dropped
  std::vector<double> padded_;  // m with R zeros on either side
};

}  // namespace zspace::fixed_point
