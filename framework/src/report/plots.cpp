#include <algorithm>
#include <cmath>
#include <string>

#include <fmt/format.h>

#include "report/colormap.hpp"
#include "report/heat_map.hpp"
#include "report/html.hpp"
#include "report/page.hpp"
#include "report/png.hpp"
#include "report/svg_plot.hpp"

namespace zspace::report {
namespace {

constexpr int heat_max_width = 600;       // image pixels; the page scales it to the plot width
constexpr std::size_t warped_max_rows = 161;
constexpr std::size_t curve_samples = 4000;  // pair samples in the curve plot, all runs together
constexpr double wide_width = 1120, wide_height = 270;  // the plots over section index, one x axis width
constexpr const char* reference_grey = "#888888";
constexpr const char* flag_red = "#d62728";

std::string figure(const SvgPlot& plot, const std::string& title, const std::string& caption, const std::string& empty) {
  std::string o = "<figure><figcaption><b>" + escape(title) + "</b> " + escape(caption) + "</figcaption>\n";
  o += plot.data_points() > 0 ? plot.render() : "<p class=\"empty\">" + escape(empty) + "</p>\n";
  return o + "</figure>\n";
}

std::string heat_figure(const std::string& id, const Grid& g, const PageContext& c, const std::string& x_label,
                        const std::string& y_label, const std::string& title, const std::string& caption) {
  SvgPlot plot(id, x_label, y_label, 1120, 240);
  if (g.width > 0) {
    std::vector<std::uint8_t> pixels(g.values.size());
    std::size_t cells = 0;
    for (std::size_t k = 0; k < g.values.size(); ++k) {
      pixels[k] = heat_index(g.values[k], c.heat_lo, c.heat_hi);
      cells += pixels[k] != missing_index;
    }
    const std::string png = indexed_png(g.width, g.height, pixels, heat_palette());
    plot.image(png_data_uri(png), g.x_lo, g.x_hi, g.y_lo, g.y_hi, cells, c.heat_lo, c.heat_hi, "similarity");
  }
  return figure(plot, title, caption, "No measured similarities to show.");
}

/// The same section-index axis on every per-section plot, so they line up.
void index_axis(SvgPlot& plot, const PageContext& c) {
  const double last = static_cast<double>(c.sections - 1), pad = std::max(last * 0.02, 0.5);
  plot.x_range(-pad, last + pad);
}

std::vector<Point> by_index(const std::vector<double>& values, double offset_per_index = 0) {
  std::vector<Point> pts(values.size());
  for (std::size_t i = 0; i < values.size(); ++i)
    pts[i] = {static_cast<double>(i), values[i] - offset_per_index * static_cast<double>(i)};
  return pts;
}

}  // namespace

std::string band_heat_maps(const PageContext& c) {
  std::string o;
  std::vector<const BandMatrix*> drawn;
  const bool compare = c.runs.size() > 1;
  for (std::size_t k = 0; k < c.runs.size(); ++k) {
    const BandMatrix* band = c.runs[k].run->band;
    if (std::find(drawn.begin(), drawn.end(), band) != drawn.end()) continue;
    drawn.push_back(band);
    std::string users;
    for (const RunView& r : c.runs)
      if (r.run->band == band) users += (users.empty() ? "" : ", ") + r.label;
    o += heat_figure(fmt::format("band-before-{}", drawn.size()), band_strip(*band, heat_max_width), c, "section index",
                     "offset j \u2212 i", compare ? "Before (band of " + users + ")" : "Before",
                     "by section index: each column is a section, each row the offset to the compared section "
                     "(Fiji's strip layout, turned sideways). Where the spacing is uneven, the similarity decays "
                     "faster or slower than in the neighbouring columns; grey = not measured.");
  }
  for (std::size_t k = 0; k < c.runs.size(); ++k) {
    const ReportRun& run = *c.runs[k].run;
    const std::size_t rows = std::min(8 * run.band->range() + 1, warped_max_rows);
    o += heat_figure(fmt::format("band-after-{}", k + 1),
                     warped_strip(*run.band, run.z, heat_max_width, static_cast<int>(rows)), c,
                     "estimated z (nominal spacings)", "distance z[j] \u2212 z[i]",
                     compare ? "After (" + c.runs[k].label + ")" : "After",
                     "warping to the estimated z: each column is a position along z, each row a distance. With "
                     "correct z the similarity decays alike in every column (horizontal colour bands).");
  }
  return o;
}

std::string curve_plot(const PageContext& c) {
  const bool compare = c.runs.size() > 1;
  SvgPlot plot("curve", "distance |z[i] \u2212 z[j]| (nominal spacings)", "similarity \u00d7 q[i] q[j]", 560, 340);
  const std::size_t per_run = std::max<std::size_t>(curve_samples / c.runs.size(), 500);
  for (const RunView& r : c.runs)
    plot.dots(similarity_samples(*r.run->band, r.run->z, r.run->quality, per_run), r.colour, compare ? 0.2 : 0.3,
              compare ? "" : "measured pairs");
  for (const RunView& r : c.runs) {
    if (r.run->curve.empty()) continue;
    plot.line(by_index(r.run->curve), compare ? r.colour : "#222222", compare ? r.label : "estimated curve f");
  }
  return figure(plot, "Similarity vs distance",
                "every measured pair at its estimated distance, its similarity scaled by the two sections' "
                "quality factors as the model compares it with the estimated curve f (a fixed subset for large "
                "stacks).",
                "No similarities or curve to show.");
}

std::string z_plot(const PageContext& c) {
  const double last = static_cast<double>(c.sections - 1);
  SvgPlot plot("z", "section index", "estimated z (nominal spacings)", 560, 340);
  index_axis(plot, c);
  plot.line({{0, 0}, {last, last}}, reference_grey, "uniform spacing", true);
  for (const RunView& r : c.runs) plot.line(by_index(r.run->z), r.colour, r.label);
  return figure(plot, "Position", "z per section against the uniform spacing the stack assumes.", "No z to show.");
}

std::string deviation_plot(const PageContext& c) {
  SvgPlot plot("deviation", "section index", "z \u2212 index", wide_width, wide_height);
  index_axis(plot, c);
  plot.hline(0, reference_grey, "uniform spacing");
  for (const RunView& r : c.runs) plot.line(by_index(r.run->z, 1.0), r.colour, r.label);
  return figure(plot, "Deviation from uniform spacing",
                "how far each section sits from where uniform spacing puts it, in nominal spacings.", "No z to show.");
}

std::string thickness_plot(const PageContext& c) {
  const bool compare = c.runs.size() > 1;
  SvgPlot plot("thickness", "section index i", "z[i+1] \u2212 z[i]", wide_width, wide_height);
  index_axis(plot, c);
  plot.hline(1, reference_grey, "nominal");
  std::vector<std::vector<double>> thickness;
  bool any_sd = false;
  for (const RunView& r : c.runs) {
    const std::vector<double>& z = r.run->z;
    std::vector<double>& t = thickness.emplace_back(z.size() - 1);
    for (std::size_t i = 0; i + 1 < z.size(); ++i) t[i] = z[i + 1] - z[i];
    const std::vector<double>& sd = r.run->thickness_sd;
    if (sd.empty()) continue;
    std::vector<Span> spans(t.size());
    bool known = false;
    for (std::size_t i = 0; i < t.size(); ++i) {
      spans[i] = {static_cast<double>(i), t[i] - sd[i], t[i] + sd[i]};
      known = known || (std::isfinite(spans[i].lo) && std::isfinite(spans[i].hi));
    }
    if (!known) continue;  // no band, and no legend entry for one
    plot.area(std::move(spans), r.colour, 0.2, compare ? r.label + " \u00b1 1 sd" : "\u00b1 1 standard uncertainty");
    any_sd = true;
  }
  for (std::size_t k = 0; k < c.runs.size(); ++k) plot.line(by_index(thickness[k]), c.runs[k].colour, c.runs[k].label);
  return figure(plot, "Thickness",
                std::string("distance from each section to the next, in nominal spacings.") +
                    (any_sd ? " The shaded band is the solver's standard uncertainty of each thickness." : ""),
                "No z to show.");
}

std::string quality_plot(const PageContext& c) {
  const bool compare = c.runs.size() > 1;
  const double limit = c.data->flags.quality_limit;
  SvgPlot plot("quality", "section index", "quality factor", wide_width, wide_height);
  index_axis(plot, c);
  plot.hline(1, reference_grey, "");
  plot.hline(limit, flag_red, "flag limits");
  plot.hline(1 / limit, flag_red, "");
  for (const RunView& r : c.runs)
    if (!r.run->quality.empty()) plot.line(by_index(r.run->quality), r.colour, r.label);
  for (const RunView& r : c.runs) {
    std::vector<SvgPlot::Marker> marks;
    for (const SectionFlag& f : r.flags) {
      const double q = r.run->quality.empty() ? NAN : r.run->quality[f.section];
      // Sections without a quality factor are marked on the expected value 1.
      marks.push_back({{static_cast<double>(f.section), std::isfinite(q) ? q : 1.0},
                       "section " + c.section_label(f.section) + (compare ? " in " + r.label : "") + ": " +
                           flag_reasons(f, *r.run)});
    }
    if (!marks.empty())
      plot.markers(std::move(marks), compare ? r.colour : flag_red, compare ? "flagged in " + r.label : "flagged");
  }
  return figure(plot, "Quality",
                fmt::format("per-section quality factor (1 = as expected); circled sections are flagged: quality "
                            "outside [{}, {}], no usable signal, or similarity to every neighbour far below the "
                            "curve (hover for the reason).",
                            readable(1 / limit, 3), readable(limit, 3)),
                "No quality factors or flagged sections to show.");
}

}  // namespace zspace::report
