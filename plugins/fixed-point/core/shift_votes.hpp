#pragma once
/// @file shift_votes.hpp
/// Steps 3-5: shift votes from the scaled matrix (ALGORITHM.md §3.3 step 4,
/// ShiftCoordinates.collectShiftsFromMatrix) and their mediation.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <vector>

#include "core/curve.hpp"
#include "core/sorted_view.hpp"

namespace zspace::fixed_point {

/// Inverse of a curve: similarity -> distance. Entries of f that are NaN (distances without
/// samples) are skipped and their neighbours bridged linearly; the Java LUT instead yields NaN
/// distances there (§3.3 step 4, §8.7).
class CurveInverse {
 public:
  void assign(const double* f, std::size_t range);
  /// Distance d with f(d) = s, or NaN ("no opinion") if s > f[0] = 1, s is below the curve's
  /// far end, or the bracket is flat. The bracket is the largest j with -f[j] <= -s, found by
  /// binary search as in the Java code (so a non-monotone f gives "some" bracket).
  double distance(double s) const {
    std::size_t hint = 0;
    return distance(s, hint);
  }
  /// Same, starting the bracket search at `hint` (updated). Votes along one direction have
  /// decreasing similarity, so with a monotone curve the bracket only walks forward: O(1)
  /// amortised instead of a binary search. A non-monotone curve falls back to the search.
  /// (A branch-free binary search per vote was tried: slower than this walk.)
  double distance(double s, std::size_t& hint) const {
    const std::size_t count = g_.size();
    if (count < 2) return std::numeric_limits<double>::quiet_NaN();
    const double y = -s;
    // Outside the curve: ±MAX in the Java LUT, no opinion.
    if (!(y >= g_.front() && y <= g_.back())) return std::numeric_limits<double>::quiet_NaN();
    std::size_t j;
    if (monotone_) {
      j = std::min(hint, count - 2);
      while (j + 2 < count && g_[j + 1] <= y) ++j;
      while (j > 0 && g_[j] > y) --j;
      hint = j;
    } else {
      j = bracket(y);
    }
    if (y == g_[j]) return k_[j];
    // slope_[j] = (k[j+1] - k[j]) / (g[j+1] - g[j]), precomputed per curve: no division per
    // vote. A flat bracket has an infinite slope and gives NaN ("no opinion") below.
    const double d = k_[j] + (y - g_[j]) * slope_[j];
    return std::isfinite(d) ? d : std::numeric_limits<double>::quiet_NaN();
  }

 private:
  /// Largest j in [0, count-2] with g[j] <= y, by binary search.
  std::size_t bracket(double y) const;
  bool monotone_ = true;   // g_ non-decreasing
  std::vector<double> k_;  // distances with a finite f, ascending
  std::vector<double> g_;  // -f at those distances
  std::vector<double> slope_;  // per bracket j: (k_[j+1] - k_[j]) / (g_[j+1] - g_[j])
};

/// Accumulated votes per sorted section q: Δ_q = sum[q] / weight[q] (unit weights ω).
struct ShiftVotes {
  std::vector<double> sum;
  std::vector<double> weight;
};

/// Collects the votes of every reference row p on its neighbours q = p ± 1..R (sorted order).
/// Ŝ_pq = m_p m_q M̂_pq. A vote is dropped if Ŝ is NaN or <= min_similarity, if monotonicity is
/// forced and Ŝ is not below the last accepted value in that direction, or if the curve has no
/// opinion. Both directions weight the vote alike and drop non-finite distances (fixes §8.7).
/// Holds scratch buffers so the outer loop does not allocate.
class ShiftCollector {
 public:
  void collect(const SortedBand& band, const std::vector<double>& chat,
               const std::vector<double>& m, const CurveSet& curves, bool force_monotonicity,
               double min_similarity, ShiftVotes& out);

  /// Early start (one global curve only; otherwise advance() does nothing): after begin_early,
  /// advance(m, rows) collects the votes of a few more rows, in row order, whose m is final
  /// (m[q] for q < rows will not change), e.g. while the last sweep is still running; the next
  /// collect() (same arguments, same final m) only does the rest. Each row block accumulates
  /// its rows in row order either way, so the result is the same bit for bit.
  void begin_early(const SortedBand& band, const std::vector<double>& chat,
                   const CurveSet& curves, bool force_monotonicity, double min_similarity);
  bool advance(const double* m, std::size_t final_rows);

 private:
  std::vector<std::vector<double>> partials_;  // per row block: (sum, weight) over its halo
  CurveInverse inverse_;                       // of the global curve
  // Early start: rows [0, early_rows_) already collected (0 when not started).
  const SortedBand* early_band_ = nullptr;
  const std::vector<double>* early_chat_ = nullptr;
  bool early_ = false, early_monotone_ = false;
  double early_min_similarity_ = 0.0;
  std::size_t early_rows_ = 0;
};

}  // namespace zspace::fixed_point
