#include "zspace/engine/calibration.hpp"

#include <fmt/core.h>
#include <limits>

#include "engine/calibrating_metric.hpp"
#include "zspace/engine/errors.hpp"

namespace zspace {

namespace {

// Below this a tile's shifted comparisons would overlap too little of it to mean anything.
int minimum_tile_size(int max_shift) { return 2 * max_shift + 8; }

void check_request(const CalibrationRequest& request, int width, int height) {
  if (request.max_shift < 1)
    throw ConfigError(fmt::format("in-plane calibration: max_shift {} must be at least 1", request.max_shift));
  const int need = minimum_tile_size(request.max_shift);
  const auto check_axis = [&](const char* name, int tiles, int extent, const char* across) {
    if (tiles < 1) throw ConfigError(fmt::format("in-plane calibration: {} {} must be at least 1", name, tiles));
    const int narrowest = extent / tiles;  // the smallest of the grid's tiles (bounds k*extent/tiles)
    if (narrowest < need)
      throw ConfigError(fmt::format(
          "in-plane calibration: {} {} cuts sections {} pixels {} into tiles of {}; max_shift {} needs at least {} "
          "(2 x max_shift + 8): use fewer tiles or a smaller max_shift",
          name, tiles, extent, across, narrowest, request.max_shift, need));
  };
  check_axis("tiles", request.tiles_x, width, "wide");
  check_axis("tiles", request.tiles_y, height, "high");
}

}  // namespace

CalibratedBand compute_calibrated_band(const StackReader& reader, SimilarityMetric& metric, const BandOptions& options,
                                       const CalibrationRequest& request, Progress* progress) {
  check_request(request, reader.width(), reader.height());
  CalibratedBand out;
  Calibration& c = out.calibration;
  c.tiles_x = request.tiles_x;
  c.tiles_y = request.tiles_y;
  for (int d = 1; d <= request.max_shift; ++d) c.shifts.push_back(d);
  const std::size_t n = reader.size();
  c.curves.assign(n * c.tiles() * c.shifts.size(), std::numeric_limits<double>::quiet_NaN());
  c.tile_bands.assign(c.tiles(), BandMatrix(n, options.range));
  CalibratingMetric calibrating(metric, c, reader.width(), reader.height());
  out.result = compute_band(reader, calibrating, options, progress);
  return out;
}

}  // namespace zspace
