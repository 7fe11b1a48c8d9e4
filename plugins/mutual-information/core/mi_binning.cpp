#include "core/mi_binning.hpp"

#include <limits>
#include <sstream>
#include <stdexcept>

namespace zspace::mi {

Binning Binning::from_statistics(const StackStatistics& statistics, const Options& options) {
  if (statistics.sample.empty())
    throw std::runtime_error("mutual-information: the stack sample holds no valid pixel, so there is no intensity range");
  double lo = statistics.quantile(options.low_percentile / 100.0);
  double hi = statistics.quantile(options.high_percentile / 100.0);
  if (!(lo < hi)) {
    lo = statistics.sample.front();
    hi = statistics.sample.back();
  }
  if (!std::isfinite(lo) || !std::isfinite(hi)) {
    std::ostringstream os;
    os << "mutual-information: the stack intensity range [" << lo << ", " << hi << "] is not finite";
    throw std::runtime_error(os.str());
  }
  if (!(lo < hi)) {
    std::ostringstream os;
    os << "mutual-information: every sampled pixel of the stack has the value " << lo
       << "; a constant stack carries no information to compare";
    throw std::runtime_error(os.str());
  }
  return Binning(lo, hi, options.bins);
}

Binning::Binning(double lo, double hi, int bins) : lo_(lo), hi_(hi), width_(hi - lo), bins_(bins) {
  if (!(lo < hi) || !std::isfinite(lo) || !std::isfinite(hi) || bins < 1 || bins > kMaxBins)
    throw std::invalid_argument("mutual-information: invalid binning range or bin count");
  integer_bins_.resize(std::size_t{std::numeric_limits<std::uint16_t>::max()} + 1);
  for (std::size_t v = 0; v < integer_bins_.size(); ++v)
    integer_bins_[v] = static_cast<std::uint16_t>(bin_of(static_cast<double>(v)));
}

}  // namespace zspace::mi
