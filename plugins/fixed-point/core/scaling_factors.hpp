#pragma once
/// @file scaling_factors.hpp
/// Step 2: the per-section scaling factors m ("quality"), ALGORITHM.md §3.3 step 2
/// (EstimateScalingFactors.estimateQuadraticFromMatrix).

#include <cstddef>
#include <functional>
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
/// Speed: the sweeps run as a wavefront: sweep s updates row τ - s(R+1) at step τ. Every
/// update then reads exactly the values a plain sequential Gauss–Seidel would (rows below p
/// already updated in this sweep, rows above p from the previous sweep), so results are
/// bit-identical to the sequential order, while the K updates of one step are independent.
/// ρ_pq and M̂_pq (fixed during the sweeps) are tabulated just ahead of sweep 0 into a small ring
/// of rows that stays in cache, instead of a full N-row table. With two or more threads the
/// sweeps are split into two pipeline stages (sweeps [0, k0) with the tabulation, and
/// [k0, K), k0 chosen by timing; k0 = 0 when the caller gives side work, which the
/// tabulating thread then does in its spare time) on two threads; the second stage runs behind the first by more than R rows,
/// synchronised by progress counters, so every update still reads exactly the sequential
/// values and the result is the same for any thread count. Whether the pipeline is used is
/// decided by timing (it loses when the machine's cores are busy elsewhere); that choice never
/// changes the result.
class ScalingFactorEstimator {
 public:
  /// Work the tabulating thread of the pipeline may do while it would otherwise wait:
  /// side_work(m, rows) with m the current scaling factors (m[p], sorted order) of which rows
  /// [0, rows) are final (done by the last sweep); returns false when it had nothing to do.
  /// It must do little per call (microseconds): the pipeline waits for it.
  using SideWork = std::function<bool(const double* m, std::size_t final_rows)>;

  /// m: scaling factors in sorted order, updated in place. side_work (optional) is only called
  /// in the two-thread pipeline; the caller must not rely on it being called at all.
  void estimate(const SortedBand& band, const std::vector<double>& chat, const CurveSet& curves,
                int sweeps, double lambda, QualityPrior prior, std::vector<double>& m,
                const SideWork* side_work = nullptr);

 private:
  double cost_[2] = {0.0, 0.0};  // ns per row of the sweeps: [one thread, two-stage pipeline]
  unsigned calls_ = 0;
  /// Pipeline split point k0 (stage 0 = tabulation + sweeps [0, k0)) for the next pipelined
  /// call, by measurement like the mode: the tabulation's cost relative to a sweep update
  /// depends on N (cache residency), so no fixed split is best (N = 10,000: k0 = 3 or 2;
  /// N = 100,000: k0 = 1). The split never changes the result.
  std::size_t choose_split(std::size_t sweeps);
  std::vector<double> split_cost_;  // ns per row of the pipeline by k0; 0 = not measured
  unsigned split_calls_ = 0;
  std::vector<double> ring_;    // ring of sorted rows: [M̂ x 2R | ρ x 2R] (no diagonal), 0 where dropped
  std::vector<double> padded_;  // m with R zeros on either side
};

}  // namespace zspace::fixed_point
