// The report page as text: its parts, escaping, self-containment, size, edge cases, errors.
#include <doctest/doctest.h>

#include <chrono>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "page_checks.hpp"
#include "report_fixture.hpp"
#include "zspace/engine/report.hpp"

using namespace zspace;
using namespace zspace::test;

namespace {

constexpr double nan_value = std::numeric_limits<double>::quiet_NaN();

const char* const single_run_plots[] = {"plot-band-before-1", "plot-band-after-1", "plot-curve", "plot-z",
                                        "plot-deviation", "plot-thickness", "plot-quality"};

}  // namespace

TEST_CASE("a realistic run's report has every plot, each with data, and every section of the page") {
  const SolvedStack stack = solved_stack();
  const std::string html = report_html(report_of(stack));
  const auto plots = plots_of(html);
  CHECK(plots.size() == std::size(single_run_plots));
  for (const char* id : single_run_plots) {
    INFO(id);
    REQUIRE(plots.count(id) == 1);
    CHECK(plots.at(id) > 0);
  }
  // The curve plot shows every measured pair of this small band and the curve's R+1 points.
  const std::size_t n = stack.band.size(), r = stack.band.range();
  CHECK(plots.at("plot-curve") == n * r - r * (r + 1) / 2 + (r + 1));
  for (const char* heading : {"Similarity band", "Curve and positions", "Per section", "Flagged sections", "Timings", "Pipeline"})
    CHECK(html.find(std::string("<h2>") + heading + "</h2>") != std::string::npos);
  CHECK(html.find("neighborhood_range: 8") != std::string::npos);  // the pipeline, verbatim
  CHECK(html.find("<td class=\"num\">0.034 s</td>") != std::string::npos);
  CHECK(html.rfind("</html>\n") == html.size() - 8);
}

TEST_CASE("the noisy section of the realistic run is flagged and marked") {
  const SolvedStack stack = solved_stack();
  const ReportData data = report_of(stack);
  const std::vector<SectionFlag> flags = flag_sections(data.runs[0], data.flags);
  bool noisy_flagged = false;
  for (const SectionFlag& f : flags) noisy_flagged |= f.section == stack.noisy;
  INFO("quality of the noisy section: " << stack.solution.quality[stack.noisy]);
  CHECK(noisy_flagged);
  CHECK(flags.size() <= 3);  // irregular spacing and the gap alone are no reason to flag

  const std::string html = report_html(data);
  CHECK(html.find("<title>section " + std::to_string(stack.noisy) + " (" + stack.names[stack.noisy] + "): ") !=
        std::string::npos);
  CHECK(html.find("<td>" + stack.names[stack.noisy] + "</td>") != std::string::npos);
}

TEST_CASE("text from the data is HTML-escaped everywhere") {
  const std::vector<double> z = irregular_z(12);
  const BandMatrix band = model_band(z, 3);
  ReportData d;
  d.title = "<b>stack</b> & co";
  d.pipeline_yaml = "input:\n  path: \"/data/<x>&'y'\"\n";
  d.warnings = {"section 3 <script>alert(1)</script>"};
  for (std::size_t i = 0; i < z.size(); ++i) d.section_names.push_back("s<" + std::to_string(i) + ">\"&'.png");
  d.runs.push_back(model_run(band, z, "v<1> \"quoted\""));
  d.runs[0].quality[4] = 3.0;  // flagged: its name appears in a hover title and the table
  d.runs[0].scores = {{"rms<err>", "0.1 & 0.2"}};
  d.runs[0].timings = {{"band & solve", 1.5}};
  const std::string html = report_html(d);

  for (const char* raw : {"<b>stack", "<x>", "<script>", "s<4>", "v<1>", "rms<err>", "band & solve", "& co", "'y'"})
    CHECK_MESSAGE(html.find(raw) == std::string::npos, raw);
  for (const char* escaped : {"&lt;b&gt;stack&lt;/b&gt; &amp; co", "/data/&lt;x&gt;&amp;&#39;y&#39;",
                              "&lt;script&gt;alert(1)&lt;/script&gt;", "s&lt;4&gt;&quot;&amp;&#39;.png",
                              "v&lt;1&gt; &quot;quoted&quot;", "rms&lt;err&gt;", "0.1 &amp; 0.2", "band &amp; solve"})
    CHECK_MESSAGE(html.find(escaped) != std::string::npos, escaped);
}

TEST_CASE("the page is self-contained: no network address, no script, no external resource") {
  const SolvedStack stack = solved_stack();
  const std::string html = report_html(report_of(stack));
  CHECK(count_of(html, "http") == 0);
  CHECK(count_of(html, "<script") == 0);
  CHECK(count_of(html, "<link") == 0);
  CHECK(count_of(html, "src=") == 0);
  CHECK(count_of(html, "@import") == 0);
  // Every reference is either an inline image or an in-page id.
  CHECK(count_of(html, "href=\"") == count_of(html, "href=\"data:image/png;base64,"));
  CHECK(count_of(html, "url(") == count_of(html, "url(#"));
}

TEST_CASE("page size grows about linearly up to N = 2000 and stays bounded beyond") {
  std::size_t sizes[3] = {};
  const std::size_t ns[3] = {250, 2000, 10000};
  for (int k = 0; k < 3; ++k) {
    const std::vector<double> z = irregular_z(ns[k]);
    const BandMatrix band = model_band(z, 20);
    ReportData d;
    d.runs.push_back(model_run(band, z, "model"));
    for (std::size_t i = 0; i < ns[k]; ++i) d.section_names.push_back("section_" + std::to_string(i) + ".png");
    const auto start = std::chrono::steady_clock::now();
    sizes[k] = report_html(d).size();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    MESSAGE("N = " << ns[k] << ", R = 20: " << sizes[k] / 1024 << " KiB in " << seconds << " s");
  }
  CHECK(sizes[0] < 400 * 1024);
  CHECK(sizes[1] < 800 * 1024);
  CHECK(sizes[2] < 1024 * 1024);
  CHECK(sizes[2] < sizes[1] * 3 / 2);  // 5x the sections, not 5x the page
}

TEST_CASE("missing pairs, non-finite z and quality, and sections without signal leave no NaN in the page") {
  std::vector<double> z = irregular_z(30);
  BandMatrix band = model_band(z, 5);
  for (std::size_t j = 11; j <= 15; ++j) band.set(10, j, nan_value);  // a section that matched nothing ahead
  band.set(3, 4, nan_value);
  ReportData d;
  d.runs.push_back(model_run(band, z, "holes"));
  ReportRun& run = d.runs[0];
  run.z[7] = nan_value;
  run.quality[7] = nan_value;
  run.quality[20] = std::numeric_limits<double>::infinity();
  run.curve[2] = nan_value;
  run.usable.assign(30, true);
  run.usable[25] = false;
  run.quality[25] = nan_value;
  const std::string html = report_html(d);
  for (const char* bad : {"nan", "NaN", "inf"}) CHECK_MESSAGE(html.find(bad) == std::string::npos, bad);
  for (const auto& [id, points] : plots_of(html)) CHECK_MESSAGE(points > 0, id);
  const auto flags = flag_sections(run, d.flags);
  REQUIRE(!flags.empty());
  CHECK(flags.back().section == 25);
  CHECK(flags.back().no_signal);
}

TEST_CASE("two sections and a band of range 1 still give a complete page") {
  const std::vector<double> z{0.0, 1.0};
  const BandMatrix band = model_band(z, 1);
  ReportData d;
  d.runs.push_back(model_run(band, z, ""));
  const std::string html = report_html(d);
  const auto plots = plots_of(html);
  CHECK(plots.size() == std::size(single_run_plots));
  for (const auto& [id, points] : plots) CHECK_MESSAGE(points > 0, id);
}

TEST_CASE("a compare run overlays every variant with its own colour, legend entry and scores") {
  const std::vector<double> truth = irregular_z(80);
  const BandMatrix band = model_band(truth, 6);
  std::vector<double> uniform(truth.size());
  for (std::size_t i = 0; i < uniform.size(); ++i) uniform[i] = truth.front() + (truth.back() - truth.front()) * static_cast<double>(i) / 79.0;
  const BandMatrix other = model_band(truth, 10, 6.0);
  ReportData d;
  d.runs.push_back(model_run(band, truth, "exact"));
  d.runs.push_back(model_run(band, uniform, "uniform"));
  d.runs.push_back(model_run(other, truth, "wide-band"));
  d.runs[1].quality[40] = 0.5;
  for (auto& run : d.runs) run.scores = {{"rms", "0.0" + std::to_string(d.runs.size())}};
  d.runs[2].scores.push_back({"max error", "0.3"});
  const std::string html = report_html(d);

  const auto plots = plots_of(html);
  // One "before" per distinct band, one "after" per variant.
  for (const char* id : {"plot-band-before-1", "plot-band-before-2", "plot-band-after-1", "plot-band-after-2", "plot-band-after-3"})
    CHECK_MESSAGE(plots.count(id) == 1, id);
  CHECK(plots.count("plot-band-before-3") == 0);
  CHECK(html.find("Before (band of exact, uniform)") != std::string::npos);
  for (const char* colour : {"#1f77b4", "#ff7f0e", "#2ca02c"})
    CHECK_MESSAGE(count_of(html, std::string("stroke=\"") + colour + "\"") >= 5, colour);  // line + legend, several plots
  for (const char* name : {">exact</text>", ">uniform</text>", ">wide-band</text>", ">flagged in uniform</text>"})
    CHECK_MESSAGE(html.find(name) != std::string::npos, name);
  CHECK(html.find("<th>rms</th><th>max error</th>") != std::string::npos);
  CHECK(html.find("<td>0.3</td>") != std::string::npos);
  CHECK(html.find("3 variants compared") != std::string::npos);
}

TEST_CASE("inconsistent data is refused with a message naming the culprit") {
  const std::vector<double> z = irregular_z(10);
  const BandMatrix band = model_band(z, 3), other = model_band(irregular_z(11), 3);
  auto refused = [](const ReportData& d, const std::string& part) {
    try {
      report_html(d);
    } catch (const std::invalid_argument& e) {
      INFO(e.what());
      CHECK(std::string(e.what()).find(part) != std::string::npos);
      return;
    }
    FAIL("accepted: " << part);
  };
  ReportData d;
  refused(d, "no runs");
  d.runs.push_back(model_run(band, z, "a"));
  d.runs[0].band = nullptr;
  refused(d, "run 'a': no band");
  d.runs[0] = model_run(band, z, "a");
  d.runs[0].z.pop_back();
  refused(d, "run 'a': z has 9 entries for 10 sections");
  d.runs[0] = model_run(band, z, "a");
  d.runs[0].quality.push_back(1);
  refused(d, "run 'a': quality has 11 entries");
  d.runs[0] = model_run(band, z, "a");
  d.runs[0].usable.assign(3, true);
  refused(d, "run 'a': usable has 3 entries");
  d.runs[0] = model_run(band, z, "a");
  d.runs[0].thickness_sd.assign(9, 0.1);
  refused(d, "run 'a': thickness_sd has 9 entries");
  d.runs[0] = model_run(band, z, "a");
  d.runs[0].curve.push_back(0.1);
  refused(d, "run 'a': curve has 5 entries for range 3");
  d.runs[0] = model_run(band, z, "a");
  d.runs.push_back(model_run(other, irregular_z(11), "b"));
  refused(d, "run 'b' has 11 sections, run 'a' has 10");
  d.runs.pop_back();
  d.section_names = {"one"};
  refused(d, "section_names has 1 entries for 10 sections");
  d.section_names.clear();
  d.flags.quality_limit = 0.5;
  refused(d, "quality_limit must be > 1");
  d.flags = FlagRules{};
  d.flags.dissimilarity_ratio = 1;
  refused(d, "dissimilarity_ratio must be > 1");
}

TEST_CASE("a run with a thickness uncertainty gets a shaded band around its thickness line") {
  const std::vector<double> z = irregular_z(40);
  const BandMatrix band = model_band(z, 5);
  ReportData d;
  d.title = "uncertainty";
  d.runs.push_back(model_run(band, z, "calibrated"));
  d.runs[0].thickness_sd.assign(40, 0.05);
  d.runs[0].thickness_sd[12] = nan_value;  // unknown for one gap: the band breaks there
  const std::string html = report_html(d);
  const std::size_t at = html.find("id=\"plot-thickness\"");
  REQUIRE(at != std::string::npos);
  const std::string plot = html.substr(at, html.find("</svg>", at) - at);
  // One area before the gap at 12 and one after it, each a closed outline.
  const std::size_t area = plot.find("<path class=\"area\"");
  REQUIRE(area != std::string::npos);
  const std::size_t d_at = plot.find(" d=\"", area) + 4;
  const std::string outline = plot.substr(d_at, plot.find('"', d_at) - d_at);
  CHECK(count_of(outline, "M") == 2);
  CHECK(count_of(outline, "Z") == 2);
  CHECK(html.find("\u00b1 1 standard uncertainty") != std::string::npos);
  CHECK(html.find("standard uncertainty of each thickness") != std::string::npos);
  // Without it, or with no finite entry, no band and no legend entry.
  d.runs[0].thickness_sd.clear();
  const std::string plain = report_html(d);
  CHECK(plain.find("class=\"area\"") == std::string::npos);
  d.runs[0].thickness_sd.assign(40, nan_value);
  const std::string unknown = report_html(d);
  CHECK(unknown.find("class=\"area\"") == std::string::npos);
  CHECK(unknown.find("standard uncertainty") == std::string::npos);
}

TEST_CASE("flag rules: quality outside the limits, no signal, and neighbours far below the curve") {
  const std::vector<double> z = irregular_z(40);
  BandMatrix band = model_band(z, 4);
  // Section 12 resembles neither neighbour: dissimilarity 3x what its distances explain.
  for (const std::size_t j : {11, 13}) band.set(12, j, 1 - 3 * (1 - band(12, j)));
  // Section 30's right neighbour is bad, its left one fine: not flagged for that alone.
  band.set(30, 31, 0.2);
  ReportRun run = model_run(band, z, "flags");
  run.quality[5] = 1.6;
  run.quality[6] = 1 / 1.6;
  run.quality[7] = 1.45;  // inside the default limits
  run.usable.assign(40, true);
  run.usable[20] = false;
  const std::vector<SectionFlag> flags = flag_sections(run, FlagRules{});
  std::vector<std::size_t> sections;
  for (const SectionFlag& f : flags) sections.push_back(f.section);
  CHECK(sections == std::vector<std::size_t>{5, 6, 12, 20});
  CHECK(flags[0].quality);
  CHECK(!flags[0].below_curve);
  CHECK(flags[2].below_curve);
  CHECK(!flags[2].quality);
  CHECK(flags[3].no_signal);
  // Stricter rules flag the 1.45 section too; a looser ratio lets section 12 pass.
  FlagRules rules;
  rules.quality_limit = 1.4;
  rules.dissimilarity_ratio = 3.5;
  sections.clear();
  for (const SectionFlag& f : flag_sections(run, rules)) sections.push_back(f.section);
  CHECK(sections == std::vector<std::size_t>{5, 6, 7, 20});
}
