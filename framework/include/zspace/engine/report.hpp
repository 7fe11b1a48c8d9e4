#pragma once
/// @file report.hpp
/// The run report (report.html): one self-contained page, no network access, no scripts.
/// Plots are inline SVG; the heat maps are inline PNG images. It shows the similarity band
/// before and after warping to the estimated z, the similarity-vs-distance curve with the
/// samples behind it, z, its deviation from uniform spacing, thickness and quality per section
/// with the flagged sections marked, then the flagged sections, scores, timings, warnings and
/// the resolved pipeline. A compare run (several variants) gets one report with the variants
/// overlaid in different colours.
///
/// Every plot is an <svg class="plot" id="plot-..."> whose data-points attribute counts the
/// data items drawn in it, so a page check can tell an empty plot from a drawn one.

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "zspace/band_matrix.hpp"

namespace zspace {

/// One solved variant. A plain run has one; a compare run has one per variant.
struct ReportRun {
  /// Variant name, shown in legends and tables; may be empty for a plain run.
  std::string name;
  /// The band this run solved (several runs may share one). Must outlive report_html().
  const BandMatrix* band = nullptr;
  /// Estimated z per section in original order, in nominal spacings (band->size() entries).
  /// Non-finite entries are left out of the plots.
  std::vector<double> z;
  /// Standard uncertainty of each thickness z[i+1] - z[i], in nominal spacings, one entry per
  /// section as Solution::thickness_pixels_sd (the last is not drawn; NaN = unknown); empty = not
  /// reported. Drawn as a band around the thickness.
  std::vector<double> thickness_sd;
  /// Quality factor per section (1 = as expected, NaN = none); empty = not reported.
  std::vector<double> quality;
  /// Estimated similarity at integer distances 0..R (NaN = unknown); empty = not reported.
  std::vector<double> curve;
  /// false = a section without usable signal; empty = every section usable.
  std::vector<bool> usable;
  /// Stage name and wall time in seconds, in the order the stages ran.
  std::vector<std::pair<std::string, double>> timings;
  /// Score name and its value as text (e.g. errors against a ground truth); may be empty.
  std::vector<std::pair<std::string, std::string>> scores;
};

/// When a section is flagged (marked in the plots and listed in the report).
struct FlagRules {
  /// A section is flagged when its quality factor q is above quality_limit or below
  /// 1 / quality_limit, i.e. when |ln q| > ln(quality_limit). Must be > 1.
  double quality_limit = 1.5;
  /// A section is flagged as "below the curve" when, for every measured neighbour similarity
  /// S(i, i±1), the dissimilarity 1 - S exceeds dissimilarity_ratio times 1 - f(d), f being the
  /// run's curve at the estimated distance d = |z_i - z_i±1|: the section differs from both
  /// neighbours more than its estimated position explains. Must be > 1.
  double dissimilarity_ratio = 2.0;
};

/// Everything the report shows.
struct ReportData {
  /// Page title (e.g. the input stack's name).
  std::string title;
  /// Name of each section (e.g. its file name), in original order; empty = indices only.
  std::vector<std::string> section_names;
  /// The resolved pipeline, shown verbatim.
  std::string pipeline_yaml;
  /// The solved variants; at least one, all over the same sections.
  std::vector<ReportRun> runs;
  /// Warnings of the run, one line each.
  std::vector<std::string> warnings;
  /// Thresholds for flagging sections.
  FlagRules flags;
};

/// Why a section is flagged in one run.
struct SectionFlag {
  std::size_t section = 0;   ///< section index (original order)
  bool no_signal = false;    ///< ReportRun::usable is false
  bool quality = false;      ///< quality outside [1/quality_limit, quality_limit]
  bool below_curve = false;  ///< neighbour similarities far below the curve (see FlagRules)
};

/// The flagged sections of one run, in increasing section order, by the rules above.
/// Throws std::invalid_argument when the run's vectors do not match its band's size.
std::vector<SectionFlag> flag_sections(const ReportRun& run, const FlagRules& rules);

/// The complete report page (UTF-8 HTML). All text from the data (names, pipeline, warnings)
/// is HTML-escaped. The page size grows about linearly with the number of sections for
/// N <= ~2000 and stays bounded beyond (heat maps at most 600 px wide, long series reduced to
/// their per-pixel extremes, at most 4000 pair samples in the curve plot, at least 500 per run).
/// Throws std::invalid_argument naming the culprit for inconsistent data: no runs, a run
/// without a band, a band without sections, runs over different numbers of sections,
/// section_names or run vectors whose size does not match the number of sections, a curve
/// longer than R+1, or invalid FlagRules.
std::string report_html(const ReportData& data);

}  // namespace zspace
