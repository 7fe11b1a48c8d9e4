#include "core/thickness_uncertainty.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace zspace::calibrated {

std::vector<double> thickness_uncertainty(const std::vector<double>& z, const std::vector<PairDistance>& pairs,
                                          const std::vector<double>& tile_spread) {
  const std::size_t n = z.size();
  if (n < 2) return {};
  std::vector<double> sum_squares(n - 1, 0.0);
  std::vector<std::size_t> count(n - 1, 0);
  std::vector<bool> direct(n - 1, false);
  for (const PairDistance& p : pairs) {
    if (p.j == p.i + 1) direct[p.i] = true;
    // Each interval the pair spans gets the same residual: d_ab - (z_b - z_a).
    const double residual = p.distance - (z[p.j] - z[p.i]);
    for (std::size_t i = p.i; i < p.j; ++i) {
      sum_squares[i] += residual * residual;
      ++count[i];
    }
  }
  std::vector<double> out(n - 1, std::numeric_limits<double>::quiet_NaN());
  for (std::size_t i = 0; i + 1 < n; ++i) {
    double lags = std::numeric_limits<double>::quiet_NaN();
    if (direct[i] && count[i] >= 2) {
      const double k = static_cast<double>(count[i]);
      lags = std::sqrt(sum_squares[i] / (k - 1) / k);
    }
    const double tiles = i < tile_spread.size() ? tile_spread[i] : std::numeric_limits<double>::quiet_NaN();
    if (std::isfinite(lags) && std::isfinite(tiles)) out[i] = std::max(lags, tiles);
    else out[i] = std::isfinite(lags) ? lags : tiles;
  }
  return out;
}

}  // namespace zspace::calibrated
