#include "core/calibrated_options.hpp"

#include <cmath>
#include <string>

namespace zspace::calibrated {

std::string validate(const Options& o) {
  if (o.tiles < 1) return "tiles = " + std::to_string(o.tiles) + ", must be >= 1";
  if (o.max_shift < 1) return "max_shift = " + std::to_string(o.max_shift) + ", must be >= 1";
  if (!(std::isfinite(o.huber) && o.huber > 0))
    return "huber = " + std::to_string(o.huber) + ", must be a positive number";
  return {};
}

}  // namespace zspace::calibrated
