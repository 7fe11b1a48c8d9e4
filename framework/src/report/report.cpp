#include "zspace/engine/report.hpp"

#include <fmt/format.h>

#include "report/html.hpp"
#include "report/page.hpp"

namespace zspace {
namespace {

// Everything the page needs is inline: no fonts, scripts or images are fetched.
constexpr const char* page_style = R"(
body { font: 14px/1.45 "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: #222; margin: 0; background: #f6f6f4; }
main { max-width: 1180px; margin: 0 auto; padding: 16px 24px 40px; }
h1 { font-size: 22px; margin: 8px 0 2px; }
h2 { font-size: 17px; margin: 26px 0 8px; border-bottom: 1px solid #ccc; padding-bottom: 3px; }
.meta { color: #555; margin: 0 0 10px; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 14px; }
figure { margin: 0 0 12px; background: #fff; border: 1px solid #ddd; border-radius: 4px; padding: 8px 10px 4px; }
figcaption { font-size: 13px; color: #444; margin-bottom: 4px; }
svg.plot { width: 100%; height: auto; display: block; }
svg.plot text { font-size: 11px; fill: #333; }
svg.plot text.label { font-size: 12px; fill: #111; }
.frame { fill: #fff; stroke: #aaa; }
.axes line { stroke: #e4e4e4; }
.line { fill: none; stroke-width: 1.6; stroke-linecap: round; stroke-linejoin: round; }
.dashed, .ref { stroke-dasharray: 5 4; }
.ref { stroke-width: 1.2; }
.dots { fill: none; stroke-width: 3.2; stroke-linecap: round; }
.area { stroke: none; }
.marker { fill: none; stroke-width: 1.8; }
svg.plot image { image-rendering: pixelated; }
.empty { color: #777; font-style: italic; }
table { border-collapse: collapse; background: #fff; margin-bottom: 10px; }
th, td { border: 1px solid #ddd; padding: 3px 9px; text-align: left; }
th { background: #efefef; font-weight: 600; }
td.num { text-align: right; }
.swatch { display: inline-block; width: 10px; height: 10px; margin-right: 6px; border-radius: 2px; }
.warnings li { color: #8a4b00; }
pre { background: #fff; border: 1px solid #ddd; padding: 10px; overflow-x: auto; font-size: 12px; }
)";

std::string warnings_list(const ReportData& data) {
  if (data.warnings.empty()) return "";
  std::string o = "<h2>Warnings</h2>\n<ul class=\"warnings\">\n";
  for (const std::string& w : data.warnings) o += "<li>" + report::escape(w) + "</li>\n";
  return o + "</ul>\n";
}

}  // namespace

std::string report_html(const ReportData& data) {
  using namespace report;
  const PageContext c = make_context(data);
  const std::string title = data.title.empty() ? std::string("zspace report") : "zspace report: " + data.title;
  std::size_t flagged = 0;
  for (const RunView& r : c.runs) flagged += r.flags.size();

  std::string o = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
                  escape(title) + "</title>\n<style>" + page_style + "</style>\n</head>\n<body>\n<main>\n";
  o += "<h1>" + escape(title) + "</h1>\n";
  o += fmt::format("<p class=\"meta\">{} sections \u00b7 {} \u00b7 {} flagged{}</p>\n", c.sections,
                   c.runs.size() > 1 ? fmt::format("{} variants compared", c.runs.size()) : std::string("1 run"),
                   flagged, c.runs.size() > 1 ? " (all variants)" : "");
  o += summary_table(c);
  o += warnings_list(data);
  o += "<h2>Similarity band</h2>\n" + band_heat_maps(c);
  o += "<h2>Curve and positions</h2>\n<div class=\"pair\">\n" + curve_plot(c) + z_plot(c) + "</div>\n";
  o += "<h2>Per section</h2>\n" + deviation_plot(c) + thickness_plot(c) + quality_plot(c);
  o += "<h2>Flagged sections</h2>\n" + flagged_table(c);
  o += "<h2>Timings</h2>\n" + timings_table(c);
  o += "<h2>Pipeline</h2>\n<pre>" + escape(data.pipeline_yaml) + "</pre>\n";
  o += "</main>\n</body>\n</html>\n";
  return o;
}

}  // namespace zspace
