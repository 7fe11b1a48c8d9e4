#include "core/pair_distances.hpp"

#include <cmath>
#include <limits>

#include "core/curve_inversion.hpp"
#include "core/robust_stats.hpp"

namespace zspace::calibrated {

PairTable measure_pairs(const Calibration& calibration, std::size_t sections, std::size_t range) {
  const std::size_t tiles = calibration.tiles();
  std::vector<double> x{0.0};
  x.insert(x.end(), calibration.shifts.begin(), calibration.shifts.end());

  PairTable table;
  table.consecutive_spread.assign(sections > 0 ? sections - 1 : 0, std::numeric_limits<double>::quiet_NaN());
  std::vector<double> distances, finite_distances, slopes;
  for (std::size_t i = 0; i < sections; ++i) {
    for (std::size_t j = i + 1; j < sections && j <= i + range; ++j) {
      distances.clear();
      finite_distances.clear();
      slopes.clear();
      for (std::size_t t = 0; t < tiles; ++t) {
        const double value = calibration.tile_bands[t](i, j);
        if (!std::isfinite(value)) continue;
        const std::vector<double> curve = pair_curve(calibration, i, j, t);
        if (curve.empty()) continue;
        const Crossing c = invert(x, curve, value);
        distances.push_back(c.distance);
        if (std::isfinite(c.distance)) {
          finite_distances.push_back(c.distance);
          slopes.push_back(c.slope);
        }
      }
      if (2 * distances.size() < tiles || distances.empty()) {
        ++table.unmeasured;
        continue;
      }
      const double distance = median(distances);
      if (!std::isfinite(distance)) {
        ++table.beyond_max_shift;
        continue;
      }
      const double slope = median(slopes);
      table.pairs.push_back({i, j, distance, slope * slope});
      if (j == i + 1 && finite_distances.size() >= 2)
        table.consecutive_spread[i] = kMadToSigma * median_absolute_deviation(finite_distances) /
                                      std::sqrt(static_cast<double>(finite_distances.size()));
    }
  }
  return table;
}

}  // namespace zspace::calibrated
