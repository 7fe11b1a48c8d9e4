#pragma once
// The parts of the report page, each returning an HTML fragment, and what they share.

#include <cstddef>
#include <string>
#include <vector>

#include "zspace/engine/report.hpp"

namespace zspace::report {

/// One run as the page shows it.
struct RunView {
  const ReportRun* run = nullptr;
  std::string label;   ///< name in legends and tables (never empty)
  std::string colour;  ///< its colour in every overlaid plot
  std::vector<SectionFlag> flags;
};

/// What every part needs: the data, the runs with their colours and flags, the heat-map scale.
struct PageContext {
  const ReportData* data = nullptr;
  std::size_t sections = 0;
  std::vector<RunView> runs;
  double heat_lo = 0, heat_hi = 1;  ///< colour scale of every heat map
  /// "17" or "17 (name)" for hover titles and tables.
  std::string section_label(std::size_t i) const;
};

/// Why a section is flagged, in words ("quality 1.83, no usable signal").
std::string flag_reasons(const SectionFlag& flag, const ReportRun& run);

/// Validates the data (see report_html) and prepares the context.
PageContext make_context(const ReportData& data);

std::string band_heat_maps(const PageContext& c);
std::string curve_plot(const PageContext& c);
std::string z_plot(const PageContext& c);
std::string deviation_plot(const PageContext& c);
std::string thickness_plot(const PageContext& c);
std::string quality_plot(const PageContext& c);

std::string summary_table(const PageContext& c);
std::string flagged_table(const PageContext& c);
std::string timings_table(const PageContext& c);

}  // namespace zspace::report
