#include <algorithm>
#include <cmath>
#include <map>
#include <string>

#include <fmt/format.h>

#include "report/html.hpp"
#include "report/page.hpp"

namespace zspace::report {
namespace {

constexpr std::size_t flagged_rows = 500;  // longer lists are cut, with a count of the rest

std::string swatch(const RunView& r) {
  return "<span class=\"swatch\" style=\"background:" + r.colour + "\"></span>" + escape(r.label);
}

/// Names in first-seen order over all runs.
template <class Pairs>
std::vector<std::string> keys_in_order(const PageContext& c, Pairs ReportRun::*member) {
  std::vector<std::string> keys;
  for (const RunView& r : c.runs)
    for (const auto& [key, value] : r.run->*member)
      if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
  return keys;
}

}  // namespace

std::string summary_table(const PageContext& c) {
  const std::vector<std::string> scores = keys_in_order(c, &ReportRun::scores);
  std::string o = "<table><thead><tr><th>variant</th><th>range R</th><th>flagged sections</th>"
                  "<th>thickness min</th><th>mean</th><th>max</th>";
  for (const std::string& s : scores) o += "<th>" + escape(s) + "</th>";
  o += "</tr></thead><tbody>\n";
  for (const RunView& r : c.runs) {
    double lo = INFINITY, hi = -INFINITY, sum = 0;
    std::size_t count = 0;
    for (std::size_t i = 0; i + 1 < r.run->z.size(); ++i) {
      const double t = r.run->z[i + 1] - r.run->z[i];
      if (!std::isfinite(t)) continue;
      lo = std::min(lo, t);
      hi = std::max(hi, t);
      sum += t;
      ++count;
    }
    const double nan = std::nan("");
    o += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>", swatch(r),
                     r.run->band->range(), r.flags.size(), readable(count ? lo : nan), readable(count ? sum / count : nan),
                     readable(count ? hi : nan));
    for (const std::string& s : scores) {
      const auto& own = r.run->scores;
      const auto it = std::find_if(own.begin(), own.end(), [&s](const auto& kv) { return kv.first == s; });
      o += "<td>" + (it != own.end() ? escape(it->second) : std::string("\u2013")) + "</td>";
    }
    o += "</tr>\n";
  }
  return o + "</tbody></table>\n";
}

std::string flagged_table(const PageContext& c) {
  // section -> one flag per run (nullptr = not flagged there)
  std::map<std::size_t, std::vector<const SectionFlag*>> rows;
  for (std::size_t k = 0; k < c.runs.size(); ++k)
    for (const SectionFlag& f : c.runs[k].flags) {
      auto& row = rows[f.section];
      row.resize(c.runs.size(), nullptr);
      row[k] = &f;
    }
  if (rows.empty()) return "<p>No section is flagged.</p>\n";
  std::string o = "<table><thead><tr><th>section</th><th>name</th>";
  for (const RunView& r : c.runs) o += "<th>" + swatch(r) + "</th>";
  o += "</tr></thead><tbody>\n";
  std::size_t shown = 0;
  for (const auto& [section, flags] : rows) {
    if (shown++ == flagged_rows) break;
    const std::string name = section < c.data->section_names.size() ? c.data->section_names[section] : "";
    o += fmt::format("<tr><td>{}</td><td>{}</td>", section, escape(name));
    for (std::size_t k = 0; k < c.runs.size(); ++k)
      o += "<td>" + (flags[k] ? escape(flag_reasons(*flags[k], *c.runs[k].run)) : std::string()) + "</td>";
    o += "</tr>\n";
  }
  o += "</tbody></table>\n";
  if (rows.size() > flagged_rows)
    o += fmt::format("<p>\u2026 and {} more flagged sections (all are listed in the quality plot's markers).</p>\n",
                     rows.size() - flagged_rows);
  return o;
}

std::string timings_table(const PageContext& c) {
  const std::vector<std::string> stages = keys_in_order(c, &ReportRun::timings);
  if (stages.empty()) return "<p>No timings recorded.</p>\n";
  std::string o = "<table><thead><tr><th>stage</th>";
  for (const RunView& r : c.runs) o += "<th>" + swatch(r) + "</th>";
  o += "</tr></thead><tbody>\n";
  for (const std::string& stage : stages) {
    o += "<tr><td>" + escape(stage) + "</td>";
    for (const RunView& r : c.runs) {
      const auto& own = r.run->timings;
      const auto it = std::find_if(own.begin(), own.end(), [&stage](const auto& kv) { return kv.first == stage; });
      o += "<td class=\"num\">" + (it != own.end() ? readable(it->second, 3) + " s" : std::string("\u2013")) + "</td>";
    }
    o += "</tr>\n";
  }
  return o + "</tbody></table>\n";
}

}  // namespace zspace::report
