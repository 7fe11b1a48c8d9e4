#include "core/shift_votes.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/parallel.hpp"

namespace zspace::fixed_point {
void CurveInverse::assign(const double* f, std::size_t range) {
  k_.clear();
  g_.clear();
  for (std::size_t k = 0; k <= range; ++k) {
    if (std::isnan(f[k])) continue;
    k_.push_back(static_cast<double>(k));
    g_.push_back(-f[k]);
  }
  monotone_ = std::is_sorted(g_.begin(), g_.end());
  slope_.resize(g_.empty() ? 0 : g_.size() - 1);
  for (std::size_t j = 0; j + 1 < g_.size(); ++j)
    slope_[j] = (k_[j + 1] - k_[j]) / (g_[j + 1] - g_[j]);
}

std::size_t CurveInverse::bracket(double y) const {
  auto it = std::upper_bound(g_.begin(), g_.end() - 1, y);
  return it == g_.begin() ? 0 : static_cast<std::size_t>(it - g_.begin()) - 1;
}

namespace {

/// Votes of rows [begin, end) with one global curve, into sum/weight (local index q - begin + R).
/// Ŝ and M̂ are symmetric (M is, and m_p m_q = m_q m_p exactly), and so is the inverse, so the
/// up vote of p on q = p + d and the down vote of q on p share Ŝ and the distance: both are
/// computed once, in p's up pass, and kept for R rows in a small ring that q's down pass reads.
/// Only the filters (min_similarity, monotonicity per direction) differ, and they are applied
/// per direction as before, so every vote is exactly the one computed directly.
/// Rows [first, end) of the block that starts at row `begin` (first >= begin): a block can be
/// collected in pieces, in row order, with the same result.
void collect_global(const SortedBand& band, const std::vector<double>& chat, const double* m,
                    const CurveInverse& inverse, bool force_monotonicity, double min_similarity,
                    std::size_t begin, std::size_t first, std::size_t end, double* sum,
                    double* weight) {
  const std::size_t n = chat.size();
  const std::size_t r = band.range();
  if (r == 0) return;
  // Ring row p % (R+1): [Ŝ_{p,p+d} | distance(Ŝ_{p,p+d})] for d = 1..R (entry d - 1); the
  // distance is only computed (and only read) where Ŝ > min_similarity.
  std::vector<double> ring((r + 1) * 2 * r);
  auto pair_row = [&](std::size_t p) { return ring.data() + (p % (r + 1)) * 2 * r; };
  auto fill_row = [&](std::size_t p) {
    double* sr = pair_row(p);
    double* dr = sr + r;
    const double* mrow = band.row(p);
    const double mp = m[p];
    const std::size_t up = std::min(r, n - 1 - p);
    std::size_t hint = 0;
    for (std::size_t dist = 1; dist <= up; ++dist) {
      const double s = mp * m[p + dist] * mrow[r + dist];
      sr[dist - 1] = s;
      dr[dist - 1] = s > min_similarity ? inverse.distance(s, hint) : 0.0;
    }
  };
  for (std::size_t p = first > r ? first - r : 0; p < first; ++p) fill_row(p);
  for (std::size_t p = first; p < end; ++p) {
    fill_row(p);
    const double c = chat[p];
    // up: q = p + dist, target keeps the side: ĉ_p + d.
    {
      const std::size_t up = std::min(r, n - 1 - p);
      const double* sr = pair_row(p);
      const double* dr = sr + r;
      const double* cq = chat.data() + p;
      double* sq = sum + (p - begin + r);
      double* wq = weight + (p - begin + r);
      double last = std::numeric_limits<double>::infinity();
      for (std::size_t dist = 1; dist <= up; ++dist) {
        const double s = sr[dist - 1];
        if (!(s > min_similarity)) continue;
        if (force_monotonicity) {
          if (!(s < last)) continue;
          last = s;
        }
        const double d = dr[dist - 1];
        if (std::isnan(d)) continue;
        sq[dist] += (c + d) - cq[dist];
        wq[dist] += 1.0;
      }
    }
    // down: q = p - dist, target ĉ_p - d; the pair was filled by row q's up pass.
    {
      const std::size_t down = std::min(r, p);
      const double* cq = chat.data() + p;
      double* sq = sum + (p - begin + r);
      double* wq = weight + (p - begin + r);
      double last = std::numeric_limits<double>::infinity();
      for (std::size_t dist = 1; dist <= down; ++dist) {
        const double* sr = pair_row(p - dist);
        const double s = sr[dist - 1];
        if (!(s > min_similarity)) continue;
        if (force_monotonicity) {
          if (!(s < last)) continue;
          last = s;
        }
        const double d = sr[r + dist - 1];
        if (std::isnan(d)) continue;
        *(sq - dist) += (c - d) - *(cq - dist);
        *(wq - dist) += 1.0;
      }
    }
  }
}

/// Rows per advance() call: small, the sweeps' pipeline waits for it (about 6 µs).
constexpr std::size_t kEarlyChunk = 64;

}  // namespace

void ShiftCollector::begin_early(const SortedBand& band, const std::vector<double>& chat,
                                 const CurveSet& curves, bool force_monotonicity,
                                 double min_similarity) {
  early_rows_ = 0;
  early_ = curves.is_global() && band.range() > 0;
  if (!early_) return;
  early_band_ = &band;
  early_chat_ = &chat;
  early_monotone_ = force_monotonicity;
  early_min_similarity_ = min_similarity;
  inverse_.assign(curves.average().data(), band.range());
  partials_.resize(block_count(chat.size(), std::max(kRowBlock, band.range())));
}

bool ShiftCollector::advance(const double* m, std::size_t final_rows) {
  if (!early_) return false;
  const std::size_t n = early_chat_->size();
  const std::size_t r = early_band_->range();
  // Row p's votes read m up to p + R.
  const std::size_t limit = final_rows >= n ? n : (final_rows > r ? final_rows - r : 0);
  if (early_rows_ >= limit) return false;
  const std::size_t block = std::max(kRowBlock, r);
  const std::size_t b = early_rows_ / block;
  const std::size_t begin = b * block;
  const std::size_t end = std::min({limit, early_rows_ + kEarlyChunk, begin + block});
  std::vector<double>& part = partials_[b];
  const std::size_t span = std::min(n, begin + block) - begin + 2 * r;
  if (early_rows_ == begin) part.assign(2 * span, 0.0);
  collect_global(*early_band_, *early_chat_, m, inverse_, early_monotone_, early_min_similarity_,
                 begin, early_rows_, end, part.data(), part.data() + span);
  early_rows_ = end;
  return true;
}

void ShiftCollector::collect(const SortedBand& band, const std::vector<double>& chat,
                             const std::vector<double>& m, const CurveSet& curves,
                             bool force_monotonicity, double min_similarity, ShiftVotes& out) {
  const std::size_t n = chat.size();
  const std::size_t r = band.range();
  // A section's references lie within R rows, so with blocks of at least R rows only the
  // neighbouring blocks' halos overlap a block.
  const std::size_t block = std::max(kRowBlock, r);
  const std::size_t blocks = block_count(n, block);
  partials_.resize(blocks);
  // After an early start the inverse is already built (and rows [0, early) collected).
  const std::size_t early = early_ ? early_rows_ : 0;
  if (curves.is_global() && !early_) inverse_.assign(curves.average().data(), r);
  const CurveInverse& global_inverse = inverse_;

  for_each_block(
      n,
      [&](std::size_t b, std::size_t begin, std::size_t end) {
        // Local index of section q: q - begin + r.
        std::vector<double>& part = partials_[b];
        const std::size_t span = end - begin + 2 * r;
        const std::size_t first = std::max(begin, early);
        if (first >= end) return;  // collected early
        if (first == begin) part.assign(2 * span, 0.0);
        double* sum = part.data();
        double* weight = sum + span;
        if (curves.is_global()) {
          collect_global(band, chat, m.data(), global_inverse, force_monotonicity,
                         min_similarity, begin, first, end, sum, weight);
          return;
        }
        CurveInverse local_inverse;
        std::vector<double> f(r + 1);
        for (std::size_t p = begin; p < end; ++p) {
          const CurveInverse* inverse = &global_inverse;
          if (!curves.is_global()) {
            curves.row_curve(p, f.data());
            local_inverse.assign(f.data(), r);
            inverse = &local_inverse;
          }
          const double* mrow = band.row(p);
          const double c = chat[p];
          const double mp = m[p];
          // Each direction on its own (the votes on one section q still arrive in row order p,
          // so the sums are unchanged): fewer branches, and the loop bounds are hoisted.
          // up: q = p + dist, target keeps the side: ĉ_p + d.
          {
            const std::size_t up = std::min(r, n - 1 - p);
            const double* mq = m.data() + p;
            const double* cq = chat.data() + p;
            double* sq = sum + (p - begin + r);
            double* wq = weight + (p - begin + r);
            double last = std::numeric_limits<double>::infinity();
            std::size_t hint = 0;
            for (std::size_t dist = 1; dist <= up; ++dist) {
              const double s = mp * mq[dist] * mrow[r + dist];
              if (!(s > min_similarity)) continue;
              if (force_monotonicity) {
                if (!(s < last)) continue;
                last = s;
              }
              const double d = inverse->distance(s, hint);
              if (std::isnan(d)) continue;
              sq[dist] += (c + d) - cq[dist];
              wq[dist] += 1.0;
            }
          }
          // down: q = p - dist, target ĉ_p - d.
          {
            const std::size_t down = std::min(r, p);
            const double* mq = m.data() + p;
            const double* cq = chat.data() + p;
            double* sq = sum + (p - begin + r);
            double* wq = weight + (p - begin + r);
            double last = std::numeric_limits<double>::infinity();
            std::size_t hint = 0;
            for (std::size_t dist = 1; dist <= down; ++dist) {
              const double s = mp * *(mq - dist) * mrow[r - dist];
              if (!(s > min_similarity)) continue;
              if (force_monotonicity) {
                if (!(s < last)) continue;
                last = s;
              }
              const double d = inverse->distance(s, hint);
              if (std::isnan(d)) continue;
              *(sq - dist) += (c - d) - *(cq - dist);
              *(wq - dist) += 1.0;
            }
          }
        }
      },
      block);

  early_ = false;
  early_rows_ = 0;
  // Merge in block order (previous halo, own rows, next halo): fixed for any thread count.
  out.sum.assign(n, 0.0);
  out.weight.assign(n, 0.0);
  for_each_block(
      n,
      [&](std::size_t b, std::size_t begin, std::size_t end) {
        for (std::size_t q = begin; q < end; ++q) {
          double s = 0.0, w = 0.0;
          for (std::size_t nb = b == 0 ? 0 : b - 1; nb <= b + 1 && nb < blocks; ++nb) {
            const std::size_t nb_begin = nb * block;
            const std::size_t nb_span = partials_[nb].size() / 2;
            if (q + r < nb_begin) continue;
            const std::size_t local = q + r - nb_begin;
            if (local >= nb_span) continue;
            s += partials_[nb][local];
            w += partials_[nb][nb_span + local];
          }
          out.sum[q] = s;
          out.weight[q] = w;
        }
      },
      block);
}

}  // namespace zspace::fixed_point
