#include "core/coordinate_update.hpp"

#include <cmath>

namespace zspace::fixed_point {

ShiftSummary apply_shifts(const ShiftVotes& votes, double alpha, double mu,
                          const std::vector<double>& start_sorted, std::vector<double>& chat) {
  ShiftSummary summary;
  double total = 0.0;
  std::size_t moved = 0;
  for (std::size_t q = 0; q < chat.size(); ++q) {
    const double delta = votes.weight[q] > 0.0 ? votes.sum[q] / votes.weight[q] : NAN;
    if (!std::isfinite(delta)) {
      ++summary.without_votes;
      continue;
    }
    const double moved_to = chat[q] + alpha * delta;
    chat[q] = mu == 0.0 ? moved_to : (1.0 - mu) * moved_to + mu * start_sorted[q];
    total += std::abs(alpha * delta);
    ++moved;
  }
  summary.mean_abs_shift = moved > 0 ? total / static_cast<double>(moved) : 0.0;
  return summary;
}

void repair_nans(std::vector<double>& c) {
  const std::size_t n = c.size();
  std::size_t first = 0;
  while (first < n && !std::isfinite(c[first])) ++first;
  if (first == n) {
    for (std::size_t i = 0; i < n; ++i) c[i] = static_cast<double>(i);
    return;
  }
  for (std::size_t i = 0; i < first; ++i) c[i] = c[first] - static_cast<double>(first - i);
  std::size_t prev = first;
  for (std::size_t i = first + 1; i < n; ++i) {
    if (!std::isfinite(c[i])) continue;
    for (std::size_t j = prev + 1; j < i; ++j) {
      const double t = static_cast<double>(j - prev) / static_cast<double>(i - prev);
      c[j] = (1.0 - t) * c[prev] + t * c[i];
    }
    prev = i;
  }
  for (std::size_t i = prev + 1; i < n; ++i) c[i] = c[prev] + static_cast<double>(i - prev);
}

void enforce_order(std::vector<double>& chat, double min_thickness) {
  for (std::size_t q = 1; q < chat.size(); ++q)
    if (chat[q] < chat[q - 1]) chat[q] = chat[q - 1] + min_thickness;
}

void pin_ends(std::vector<double>& chat) {
  const std::size_t n = chat.size();
  if (n < 2) return;
  const double first = chat.front();
  const double extent = chat.back() - first;
  if (!(extent != 0.0) || !std::isfinite(extent)) return;
  const double scale = static_cast<double>(n - 1) / extent;
  for (double& c : chat) c = (c - first) * scale;
}

}  // namespace zspace::fixed_point
