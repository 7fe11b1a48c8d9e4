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
}

std::size_t CurveInverse::bracket(double y) const {
  auto it = std::upper_bound(g_.begin(), g_.end() - 1, y);
  return it == g_.begin() ? 0 : static_cast<std::size_t>(it - g_.begin()) - 1;
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
  CurveInverse global_inverse;
  if (curves.is_global()) global_inverse.assign(curves.average().data(), r);

  for_each_block(
      n,
      [&](std::size_t b, std::size_t begin, std::size_t end) {
        // Local index of section q: q - begin + r.
        std::vector<double>& part = partials_[b];
        const std::size_t span = end - begin + 2 * r;
        part.assign(2 * span, 0.0);
        double* sum = part.data();
        double* weight = sum + span;
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
          double last_up = std::numeric_limits<double>::infinity();
          double last_down = last_up;
          std::size_t hint_up = 0, hint_down = 0;
          for (std::size_t dist = 1; dist <= r; ++dist) {
            // up: q = p + dist, target keeps the side: ĉ_p + d.
            if (p + dist < n) {
              const std::size_t q = p + dist;
              const double s = m[p] * m[q] * mrow[r + dist];
              if (s > min_similarity && (!force_monotonicity || s < last_up)) {
                if (force_monotonicity) last_up = s;
                const double d = inverse->distance(s, hint_up);
                if (!std::isnan(d)) {
                  sum[q - begin + r] += (c + d) - chat[q];
                  weight[q - begin + r] += 1.0;
                }
              }
            }
            // down: q = p - dist, target ĉ_p - d.
            if (dist <= p) {
              const std::size_t q = p - dist;
              const double s = m[p] * m[q] * mrow[r - dist];
              if (s > min_similarity && (!force_monotonicity || s < last_down)) {
                if (force_monotonicity) last_down = s;
                const double d = inverse->distance(s, hint_down);
                if (!std::isnan(d)) {
                  sum[q + r - begin] += (c - d) - chat[q];
                  weight[q + r - begin] += 1.0;
                }
              }
            }
          }
        }
      },
      block);

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
