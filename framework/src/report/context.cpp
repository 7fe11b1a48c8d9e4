#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "report/html.hpp"
#include "report/page.hpp"

namespace zspace::report {
namespace {

// Distinct on white and in print; red is kept for flagged sections.
constexpr const char* run_colours[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b",
                                       "#e377c2", "#17becf", "#bcbd22", "#7f7f7f"};

/// The heat maps share one scale so that before/after and variants compare directly; it
/// starts at the 1st percentile so a few failed pairs do not wash out the rest.
void heat_scale(PageContext& c) {
  std::vector<double> values;
  std::vector<const BandMatrix*> seen;
  for (const RunView& r : c.runs) {
    const BandMatrix* band = r.run->band;
    if (std::find(seen.begin(), seen.end(), band) != seen.end()) continue;
    seen.push_back(band);
    const std::size_t stride = band->range() + 1;
    for (std::size_t k = 0; k < band->values().size(); ++k)
      if (k % stride != 0 && std::isfinite(band->values()[k])) values.push_back(band->values()[k]);
  }
  if (values.empty()) return;
  const auto hi = std::max_element(values.begin(), values.end());
  c.heat_hi = *hi;
  auto q = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 100);
  std::nth_element(values.begin(), q, values.end());
  c.heat_lo = *q < c.heat_hi ? *q : c.heat_hi - 1;
}

}  // namespace

std::string flag_reasons(const SectionFlag& flag, const ReportRun& run) {
  std::string s;
  auto add = [&s](const std::string& reason) { s += (s.empty() ? "" : ", ") + reason; };
  if (flag.no_signal) add("no usable signal");
  if (flag.quality) add("quality " + readable(run.quality[flag.section], 3));
  if (flag.below_curve) add("neighbour similarity far below the curve");
  return s;
}

std::string PageContext::section_label(std::size_t i) const {
  std::string s = std::to_string(i);
  if (i < data->section_names.size() && !data->section_names[i].empty()) s += " (" + data->section_names[i] + ")";
  return s;
}

PageContext make_context(const ReportData& data) {
  if (data.runs.empty()) throw std::invalid_argument("report: no runs to report");
  PageContext c;
  c.data = &data;
  for (std::size_t k = 0; k < data.runs.size(); ++k) {
    const ReportRun& run = data.runs[k];
    RunView v;
    v.run = &run;
    v.flags = flag_sections(run, data.flags);  // validates the run's sizes
    if (k == 0) c.sections = run.band->size();
    if (run.band->size() != c.sections)
      throw std::invalid_argument("report: run '" + run.name + "' has " + std::to_string(run.band->size()) +
                                  " sections, run '" + data.runs[0].name + "' has " + std::to_string(c.sections));
    v.label = !run.name.empty() ? run.name : data.runs.size() == 1 ? "run" : "variant " + std::to_string(k + 1);
    v.colour = run_colours[k % std::size(run_colours)];
    c.runs.push_back(std::move(v));
  }
  if (c.sections == 0) throw std::invalid_argument("report: the band has no sections");
  if (!data.section_names.empty() && data.section_names.size() != c.sections)
    throw std::invalid_argument("report: section_names has " + std::to_string(data.section_names.size()) +
                                " entries for " + std::to_string(c.sections) + " sections");
  heat_scale(c);
  return c;
}

}  // namespace zspace::report
