#include "core/scaling_factors.hpp"

#include <tbb/global_control.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <atomic>
#include <bit>
#include <chrono>
#include <cmath>
#include <cstring>
#include <thread>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define ZSPACE_CPU_RELAX() _mm_pause()
#else
#define ZSPACE_CPU_RELAX() ((void)0)
#endif

// The sweep kernel is built twice, for baseline x86-64 and for AVX2, and picked at load time.
// AVX2 without FMA performs the same IEEE operations lane by lane (no contraction), so both
// clones give bit-identical results.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define ZSPACE_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define ZSPACE_CLONES
#endif

namespace zspace::fixed_point {
namespace {

inline bool usable(double similarity, double rho) {
  return std::isfinite(rho) && std::isfinite(similarity) && similarity > 0.0;
}

/// Table row stride: 2R rounded up to the lane count, zero-padded, so the sweep's dot products
/// run in fixed-width lanes the compiler vectorises.
constexpr std::size_t kLanes = 4;
inline std::size_t stride_of(std::size_t width) { return (width + kLanes - 1) / kLanes * kLanes; }

/// Rows a blocked pipeline stage waits for beyond its immediate need, so the two threads do not
/// hand single rows (and cache lines) back and forth.
constexpr std::size_t kBatch = 32;

/// Shared state of one estimate() call.
struct SweepState {
  const SortedBand* band = nullptr;
  const double* chat = nullptr;
  const CurveSet* curves = nullptr;
  std::size_t n = 0, r = 0, w = 0, lag = 0, sweeps = 0;
  double* ring = nullptr;  // ring_rows rows of 2w doubles: [M̂ | ρ]
  std::size_t ring_mask = 0;
  double* m = nullptr;  // padded: m[r + p] = m_p
  double keep = 0.0, lambda = 0.0;
  bool towards_one = true;
  // Pipeline progress (rows fully done by the last sweep of each stage); two-thread mode only.
  // Each counter on its own cache line, away from the read-only fields above.
  alignas(64) std::atomic<std::size_t> first_done{0};
  alignas(64) std::atomic<std::size_t> second_done{0};
  alignas(64) char end_of_counters = 0;

  double* row(std::size_t p) const { return ring + (p & ring_mask) * 2 * w; }
};

/// Writes M̂_p,· and ρ_p,· (0 where the candidate is dropped) to row p's ring slot. Entry i of a
/// row is offset o = i - R for i < R and o = i - R + 1 for R <= i < 2R: the diagonal (never a
/// candidate) takes no lane, so a row is 2R entries padded to the lane count (R = 10: 20, five
/// groups of four instead of six).
void tabulate_row(const SweepState& st, std::size_t p, double* f) {
  const std::size_t r = st.r, n = st.n, w = st.w;
  double* sim = st.row(p);
  double* rho = sim + w;
  const double* mrow = st.band->row(p);
  const double c = st.chat[p];
  std::fill(sim + 2 * r, sim + w, 0.0);
  std::fill(rho + 2 * r, rho + w, 0.0);
  const bool symmetric = st.curves->is_global();
  if (!symmetric) st.curves->row_curve(p, f);
  const double* curve = symmetric ? st.curves->average().data() : f;
  for (std::size_t o = 1; o <= r; ++o) {
    double sv = 0.0, t = 0.0;
    if (p + o < n) {
      t = interpolate_curve(curve, r, std::abs(st.chat[p + o] - c));
      sv = mrow[r + o];
      if (!usable(sv, t)) sv = t = 0.0;
    }
    sim[r + o - 1] = sv;
    rho[r + o - 1] = t;
  }
  for (std::size_t d = 1; d <= r; ++d) {
    double sv = 0.0, t = 0.0;
    if (d <= p) {
      if (symmetric) {
        // With one global curve ρ is symmetric, and so is M̂ (because M is): row p - d holds
        // the pair at offset +d, still in the ring.
        const double* other = st.row(p - d);
        sv = other[r + d - 1];
        t = other[w + r + d - 1];
      } else {
        t = interpolate_curve(curve, r, std::abs(st.chat[p - d] - c));
        sv = mrow[r - d];
        if (!usable(sv, t)) sv = t = 0.0;
      }
    }
    sim[r - d] = sv;
    rho[r - d] = t;
  }
}

/// Four doubles as one value (GCC/Clang vector extension); unaligned access through memcpy.
/// Kept inside the kernel (never passed or returned), so no ABI question arises.
/// Lane l of a sum over k accumulates the entries k = l mod 4, in k order: one AVX register, two
/// SSE2 registers, the same IEEE operations either way.
typedef double Lanes __attribute__((vector_size(4 * sizeof(double))));
static_assert(sizeof(Lanes) == kLanes * sizeof(double));

/// C independent Gauss–Seidel updates, of m_{p[0]}, ..., m_{p[C-1]} from their ring rows, with
/// their arithmetic interleaved: one update is a long dependency chain (gather, five lane
/// groups, horizontal sum, division), and two chains side by side keep the core busy. Each
/// update performs exactly the operations of a lone one, so the result does not depend on C.
template <int C>
inline void update_rows(const SweepState& st, const std::size_t (&p)[C]) {
  const std::size_t w = st.w;
  const std::size_t r = st.r;
  const double* sim[C];
  const double* rho[C];
  double* mq[C];  // mq[c][r + o] = m_{p[c]+o}
  // Fixed lane-wise summation order: vectorised, and the same for any thread count.
  Lanes num_lane[C], den_lane[C];
  for (int c = 0; c < C; ++c) {
    sim[c] = st.row(p[c]);
    rho[c] = sim[c] + w;
    mq[c] = st.m + p[c];
    num_lane[c] = Lanes{0.0, 0.0, 0.0, 0.0};
    den_lane[c] = Lanes{0.0, 0.0, 0.0, 0.0};
  }
  // Entry i of the row is m index i (i < R) or i + 1 (i >= R): the diagonal is skipped.
  // The group that straddles the diagonal gathers m element by element; the others load four
  // consecutive entries at once. (This wide load was slower when every update was a lone
  // dependency chain; with the interleaved updates it is faster: about 157 instead of 176 ns
  // per row on one thread at N = 100,000. The values and operations are the same.)
  auto wide = [&](int c, std::size_t k, const double* q) {
    Lanes a, b, d;
    std::memcpy(&a, q + k, sizeof a);
    std::memcpy(&b, sim[c] + k, sizeof b);
    std::memcpy(&d, rho[c] + k, sizeof d);
    const Lanes x = a * b;
    num_lane[c] += x * d;
    den_lane[c] += x * x;
  };
  auto group = [&](int c, std::size_t k, double a0, double a1, double a2, double a3) {
    asm("" : "+x"(a0), "+x"(a1), "+x"(a2), "+x"(a3));
    const Lanes a = {a0, a1, a2, a3};
    Lanes b, d;
    std::memcpy(&b, sim[c] + k, sizeof b);
    std::memcpy(&d, rho[c] + k, sizeof d);
    const Lanes x = a * b;
    num_lane[c] += x * d;
    den_lane[c] += x * x;
  };
  std::size_t k = 0;
  const std::size_t below_end = r / kLanes * kLanes;  // groups entirely below the diagonal
  for (; k < below_end; k += kLanes) {
    for (int c = 0; c < C; ++c) wide(c, k, mq[c]);
  }
  if (r % kLanes != 0) {  // the group that straddles the diagonal
    for (int c = 0; c < C; ++c) {
      const double* q = mq[c];
      auto at = [&](std::size_t i) { return q[i + static_cast<std::size_t>(i >= r)]; };
      group(c, k, at(k), at(k + 1), at(k + 2), at(k + 3));
    }
    k += kLanes;
  }
  for (; k < w; k += kLanes) {
    for (int c = 0; c < C; ++c) wide(c, k, mq[c] + 1);
  }
  for (int c = 0; c < C; ++c) {
    const Lanes& nl = num_lane[c];
    const Lanes& dl = den_lane[c];
    const double num = (nl[0] + nl[1]) + (nl[2] + nl[3]);
    const double den = (dl[0] + dl[1]) + (dl[2] + dl[3]);
    const double target = st.towards_one ? 1.0 : mq[c][r];
    const double v = st.keep * (num / den) + st.lambda * target;
    if (!std::isnan(v)) mq[c][r] = v;
  }
}

/// Waits until `counter` >= need; when it has to wait, it waits for `want` (>= need).
void wait_for(const std::atomic<std::size_t>& counter, std::size_t need, std::size_t want,
              std::size_t& seen) {
  if (seen >= need) return;
  for (unsigned spins = 0;; ++spins) {
    seen = counter.load(std::memory_order_acquire);
    if (seen >= want) return;
    if (spins < 512) {
      ZSPACE_CPU_RELAX();
    } else {
      std::this_thread::yield();
    }
  }
}

/// Rows [0, count) finished by the sweep `behind` rows of wavefront lag behind step τ.
inline std::size_t rows_done(std::size_t tau, std::size_t behind, std::size_t n) {
  return tau + 1 <= behind ? 0 : std::min(n, tau + 1 - behind);
}

/// Runs the wavefront of sweeps [s_begin, s_end). The first stage (`tabulates`, s_begin == 0)
/// tabulates row τ at step τ. With `pipelined`, stage 0 = sweeps [0, k0) and stage 1 = sweeps [k0, K) run on two
/// threads and synchronise through the progress counters.
ZSPACE_CLONES
void run_stage(SweepState& st, std::size_t s_begin, std::size_t s_end, bool pipelined,
               bool tabulates) {
  const std::size_t n = st.n, lag = st.lag, r = st.r;
  const std::size_t count = s_end - s_begin;
  const std::size_t steps = n + (count - 1) * lag;
  const std::size_t behind = (count - 1) * lag;  // the stage's last sweep lags step τ by this
  const bool first = tabulates;
  const std::size_t ring_rows = st.ring_mask + 1;
  std::vector<double> f(first && !st.curves->is_global() ? r + 1 : 0);
  std::size_t seen = 0;
  // Sweeps active at step τ: s_first = τ < N ? 0 : (τ - N) / lag + 1 and
  // s_last = min(count - 1, τ / lag), kept incrementally (no integer division per step).
  std::size_t s_first = 0, s_last = 0;
  std::size_t next_last = lag, next_first = n;  // steps at which s_last / s_first advance
  for (std::size_t tau = 0; tau < steps; ++tau) {
    if (tau == next_last) {
      if (s_last + 1 < count) ++s_last;
      next_last += lag;
    }
    if (tau == next_first) {
      ++s_first;
      next_first += lag;
    }
    if (first) {
      if (tau < n) {
        // Row τ reuses the slot of row τ - ring_rows: the second stage must be done with it.
        if (pipelined && tau >= ring_rows)
          wait_for(st.second_done, tau - ring_rows + 1,
                   std::min(n, tau - ring_rows + 1 + kBatch), seen);
        tabulate_row(st, tau, f.data());
      }
    } else {
      // Sweep k0 at row τ reads rows up to τ + R of sweep k0 - 1 (and then overwrites row τ,
      // which that sweep no longer reads).
      const std::size_t need = std::min(n, tau + r + 1);
      wait_for(st.first_done, need, std::min(n, need + kBatch), seen);
    }
    // The updates of one step are independent (see the class comment): several at a time.
    std::size_t s = s_first;
    for (; s + 2 <= s_last; s += 3)
      update_rows<3>(st, {tau - s * lag, tau - (s + 1) * lag, tau - (s + 2) * lag});
    if (s + 1 <= s_last) {
      update_rows<2>(st, {tau - s * lag, tau - (s + 1) * lag});
    } else if (s <= s_last) {
      update_rows<1>(st, {tau - s * lag});
    }
    if (pipelined && ((tau & 15) == 15 || tau + 1 == steps)) {
      (first ? st.first_done : st.second_done)
          .store(rows_done(tau, behind, n), std::memory_order_release);
    }
  }
}

/// Stage 0 of the pipeline when it holds no sweep (k0 = 0): tabulates the rows ahead of stage 1,
/// and, while the ring is full (stage 1 is the slower stage), does the caller's side work
/// instead of spinning; after the last row it goes on with side work until stage 1 is done.
void run_tabulation(SweepState& st, const ScalingFactorEstimator::SideWork* side) {
  const std::size_t n = st.n;
  const std::size_t ring_rows = st.ring_mask + 1;
  const double* m = st.m + st.r;
  std::vector<double> f(!st.curves->is_global() ? st.r + 1 : 0);
  std::size_t seen = 0;
  auto idle = [&](unsigned& spins) {
    if (side != nullptr && (*side)(m, seen)) {
      spins = 0;
    } else if (++spins < 512) {
      ZSPACE_CPU_RELAX();
    } else {
      std::this_thread::yield();
    }
  };
  for (std::size_t tau = 0; tau < n; ++tau) {
    // Row τ reuses the slot of row τ - ring_rows: stage 1 must be done with it.
    if (tau >= ring_rows && seen < tau - ring_rows + 1) {
      const std::size_t want = std::min(n, tau - ring_rows + 1 + kBatch);
      for (unsigned spins = 0;;) {
        seen = st.second_done.load(std::memory_order_acquire);
        if (seen >= want) break;
        idle(spins);
      }
    }
    tabulate_row(st, tau, f.data());
    if ((tau & 15) == 15 || tau + 1 == n) st.first_done.store(tau + 1, std::memory_order_release);
  }
  if (side == nullptr) return;
  for (unsigned spins = 0;;) {
    seen = st.second_done.load(std::memory_order_acquire);
    if (seen >= n) break;
    idle(spins);
  }
}

/// Threads the sweeps may use: the task arena's concurrency, capped by tbb::global_control.
int available_threads() {
  const auto allowed = tbb::global_control::active_value(tbb::global_control::max_allowed_parallelism);
  return static_cast<int>(std::min<std::size_t>(
      allowed, static_cast<std::size_t>(std::max(1, tbb::this_task_arena::max_concurrency()))));
}

}  // namespace

std::size_t ScalingFactorEstimator::choose_split(std::size_t sweeps) {
  // split_cost_[k0]: ns per row of the pipeline with stage 0 = sweeps [0, k0); 0 = not measured.
  if (split_cost_.size() != sweeps) split_cost_.assign(sweeps, 0.0);
  const unsigned call = split_calls_++;
  for (std::size_t k = 1; k < sweeps && k <= 3; ++k)  // first measure k0 = 1, 2, 3
    if (split_cost_[k] == 0.0) return k;
  std::size_t best = 1;
  for (std::size_t k = 2; k < sweeps; ++k)
    if (split_cost_[k] > 0.0 && split_cost_[k] < split_cost_[best]) best = k;
  if (call % 8 == 0) {  // re-probe a neighbour of the best split, alternately below and above
    if ((call / 8) % 2 == 1) {
      if (best + 1 < sweeps) return best + 1;
    } else if (best > 1) {
      return best - 1;
    }
  }
  return best;
}

void ScalingFactorEstimator::estimate(const SortedBand& band, const std::vector<double>& chat,
                                      const CurveSet& curves, int sweeps, double lambda,
                                      QualityPrior prior, std::vector<double>& m,
                                      const SideWork* side_work) {
  const std::size_t n = chat.size();
  if (sweeps <= 0 || n < 2) return;
  SweepState st;
  st.band = &band;
  st.chat = chat.data();
  st.curves = &curves;
  st.n = n;
  st.r = band.range();
  st.w = stride_of(2 * st.r);  // the diagonal takes no entry
  st.lag = st.r + 1;  // keeps the K updates of one step independent and in sequential order
  st.sweeps = static_cast<std::size_t>(sweeps);
  st.keep = 1.0 - lambda;
  st.lambda = lambda;
  st.towards_one = prior == QualityPrior::one;

  // The ring holds every row still needed: from the slowest sweep's row to the tabulation
  // front, which run (K-1)(R+1) + R + 1 rows apart at most, plus slack for the pipeline. The
  // slack (256) exceeds both stages' batched waits plus publication granularity (2·32 + 2·16),
  // so the two stages can never wait on each other at the same time.
  const std::size_t ring_rows = std::bit_ceil((st.sweeps - 1) * st.lag + st.r + 1 + 256);
  ring_.resize(ring_rows * 2 * st.w);
  st.ring = ring_.data();
  st.ring_mask = ring_rows - 1;
  padded_.assign(n + st.r + st.w, 0.0);
  std::copy(m.begin(), m.end(), padded_.begin() + static_cast<std::ptrdiff_t>(st.r));
  st.m = padded_.data();

  // Two pipeline stages when a second thread is allowed and there is enough work to pay for it.
  // The pipeline needs both threads running at once; on a machine busy with other work it can
  // be slower than one thread, so the mode is chosen by measurement: each mode's cost per row
  // is tracked over the calls of this estimator (the outer iterations), the cheaper one is used
  // and the other re-probed every 64th call (a probe of the one-thread mode costs about 8 ms at
  // N = 100,000, every 16th call was 2-3 % of the run). The result is identical in both modes.
  const bool can_pipeline = st.sweeps >= 2 && n >= 1024 && available_threads() >= 2;
  bool pipelined = false;
  if (can_pipeline) {
    const unsigned call = calls_++;
    if (call < 2) {
      pipelined = call == 0;
    } else {
      const bool pipeline_cheaper = cost_[1] <= cost_[0];
      pipelined = call % 64 == 0 ? !pipeline_cheaper : pipeline_cheaper;
    }
  }
  // With side work, stage 0 only tabulates (k0 = 0) and fills its spare time with the side
  // work: all K sweeps in stage 1 (N = 100,000: about 100 ns per row) against the tabulation
  // (about 55 ns per row) leaves stage 0 almost half idle.
  const bool with_side = side_work != nullptr && *side_work;
  const std::size_t k0 = pipelined && !with_side ? choose_split(st.sweeps) : 0;
  const auto start = std::chrono::steady_clock::now();
  if (pipelined) {
    std::thread second([&] { run_stage(st, k0, st.sweeps, true, false); });
    if (k0 == 0) {
      run_tabulation(st, with_side ? side_work : nullptr);
    } else {
      run_stage(st, 0, k0, true, true);
    }
    second.join();
  } else {
    run_stage(st, 0, st.sweeps, false, true);
  }
  if (can_pipeline) {
    const std::chrono::duration<double, std::nano> took = std::chrono::steady_clock::now() - start;
    const double per_row = took.count() / static_cast<double>(n);
    auto track = [per_row](double& cost) {
      cost = cost > 0.0 ? 0.5 * (cost + per_row) : per_row;
    };
    track(cost_[pipelined ? 1 : 0]);
    if (pipelined && k0 > 0) track(split_cost_[k0]);
  }
  std::copy_n(padded_.begin() + static_cast<std::ptrdiff_t>(st.r), n, m.begin());
}

}  // namespace zspace::fixed_point
