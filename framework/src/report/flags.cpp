#include <cmath>
#include <stdexcept>
#include <string>

#include "report/series.hpp"
#include "zspace/engine/report.hpp"

namespace zspace {
namespace {

std::string culprit(const ReportRun& run) { return "report: run '" + run.name + "': "; }

void check_size(const ReportRun& run, std::size_t size, std::size_t n, bool may_be_empty, const char* what) {
  if (size == n || (may_be_empty && size == 0)) return;
  throw std::invalid_argument(culprit(run) + what + " has " + std::to_string(size) + " entries for " +
                              std::to_string(n) + " sections");
}

/// True when section i looks worse than its estimated position explains, against every
/// measured neighbour.
bool below_curve(const ReportRun& run, std::size_t i, double ratio) {
  const BandMatrix& band = *run.band;
  int measured = 0, low = 0;
  for (const std::size_t j : {i - 1, i + 1}) {  // i - 1 wraps to SIZE_MAX for i = 0: skipped below
    if (j >= band.size() || (!run.usable.empty() && !run.usable[j])) continue;
    const double s = band(i, j), zi = run.z[i], zj = run.z[j];
    if (!std::isfinite(s) || !std::isfinite(zi) || !std::isfinite(zj)) continue;
    const double f = report::curve_at(run.curve, std::abs(zi - zj));
    if (!std::isfinite(f)) continue;
    ++measured;
    low += 1 - s > ratio * (1 - f);
  }
  return measured > 0 && low == measured;
}

}  // namespace

std::vector<SectionFlag> flag_sections(const ReportRun& run, const FlagRules& rules) {
  if (run.band == nullptr) throw std::invalid_argument(culprit(run) + "no band");
  if (!(rules.quality_limit > 1)) throw std::invalid_argument("report: FlagRules::quality_limit must be > 1");
  if (!(rules.dissimilarity_ratio > 1)) throw std::invalid_argument("report: FlagRules::dissimilarity_ratio must be > 1");
  const std::size_t n = run.band->size();
  check_size(run, run.z.size(), n, false, "z");
  check_size(run, run.quality.size(), n, true, "quality");
  check_size(run, run.usable.size(), n, true, "usable");
  check_size(run, run.thickness_sd.size(), n, true, "thickness_sd");
  if (run.curve.size() > run.band->range() + 1)
    throw std::invalid_argument(culprit(run) + "curve has " + std::to_string(run.curve.size()) + " entries for range " +
                                std::to_string(run.band->range()));

  std::vector<SectionFlag> flags;
  for (std::size_t i = 0; i < n; ++i) {
    SectionFlag f;
    f.section = i;
    f.no_signal = !run.usable.empty() && !run.usable[i];
    if (!run.quality.empty() && std::isfinite(run.quality[i]))
      f.quality = run.quality[i] > rules.quality_limit || run.quality[i] < 1 / rules.quality_limit;
    f.below_curve = !f.no_signal && !run.curve.empty() && below_curve(run, i, rules.dissimilarity_ratio);
    if (f.no_signal || f.quality || f.below_curve) flags.push_back(f);
  }
  return flags;
}

}  // namespace zspace
