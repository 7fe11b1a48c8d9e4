#include "zspace/engine/calibration.hpp"

#include <fmt/core.h>
#include <limits>

#include "engine/calibrating_metric.hpp"
#include "zspace/engine/errors.hpp"

namespace zspace {

namespace {

// Fewer pixels than this per tile (or per overlap) are too few for a correlation to mean much.
constexpr int kMinimumPixels = 16;

// A tile is compared with the crop of its own size shifted towards the section's interior, so
// it needs room for the shift beside it; a tile that spans the section is compared with itself
// over the overlap, which must stay kMinimumPixels long.
void check_request(const CalibrationRequest& request, int width, int height) {
  if (request.max_shift < 1)
    throw ConfigError(fmt::format("in-plane calibration: max_shift {} must be at least 1", request.max_shift));
  const auto check_axis = [&](int tiles, int extent, const char* across) {
    if (tiles < 1) throw ConfigError(fmt::format("in-plane calibration: tiles {} must be at least 1", tiles));
    const int narrowest = extent / tiles;  // the smallest of the grid's tiles (bounds k*extent/tiles)
    if (narrowest < kMinimumPixels)
      throw ConfigError(fmt::format("in-plane calibration: tiles {} cuts sections {} pixels {} into tiles of {}; "
                                    "at least {} are needed: use fewer tiles",
                                    tiles, extent, across, narrowest, kMinimumPixels));
    const int widest = tiles == 1 ? kMinimumPixels : (extent + tiles - 1) / tiles;
    if (request.max_shift > extent - widest)
      throw ConfigError(fmt::format("in-plane calibration: max_shift {} leaves no room in sections {} pixels {} "
                                    "with tiles {}: at most {}",
                                    request.max_shift, extent, across, tiles, extent - widest));
  };
  check_axis(request.tiles_x, width, "wide");
  check_axis(request.tiles_y, height, "high");
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
