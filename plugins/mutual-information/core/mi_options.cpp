#include "core/mi_options.hpp"

#include <cmath>
#include <sstream>

namespace zspace::mi {

std::string validate(const Options& o) {
  std::ostringstream os;
  if (o.bins < kMinBins || o.bins > kMaxBins) {
    os << "mutual-information: bins = " << o.bins << " must be between " << kMinBins << " and " << kMaxBins;
  } else if (!(o.low_percentile >= 0 && o.low_percentile <= 100)) {
    os << "mutual-information: low_percentile = " << o.low_percentile << " must be between 0 and 100";
  } else if (!(o.high_percentile >= 0 && o.high_percentile <= 100)) {
    os << "mutual-information: high_percentile = " << o.high_percentile << " must be between 0 and 100";
  } else if (!(o.low_percentile < o.high_percentile)) {
    os << "mutual-information: low_percentile (" << o.low_percentile << ") must be below high_percentile ("
       << o.high_percentile << ")";
  }
  return os.str();
}

}  // namespace zspace::mi
