// The report rendered by a real browser (Debian's headless Chromium): it loads without console
// errors and every plot has visible content.
#include <doctest/doctest.h>

#include <sys/wait.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "report_fixture.hpp"
#include "test_support.hpp"
#include "zspace/engine/report.hpp"

using namespace zspace;
using namespace zspace::test;

namespace {

const char* const chromium_paths[] = {"/usr/bin/chromium", "/usr/bin/chromium-browser"};

std::string find_chromium() {
  if (const char* env = std::getenv("ZSPACE_CHROMIUM"); env != nullptr && fs::exists(env)) return env;
  for (const char* p : chromium_paths)
    if (fs::exists(p)) return p;
  return "";
}

// Appended to the page for the test only (the report itself has no scripts): for every plot,
// checks that its data group has drawn elements with a non-empty box, and that heat-map images
// decode to pixels that are neither blank nor all one colour. The verdict goes into <body>
// attributes, which --dump-dom prints.
const char* const plot_check_script = R"(<script>
(async function () {
  const plots = Array.from(document.querySelectorAll('svg.plot'));
  const bad = [];
  for (const svg of plots) {
    const data = svg.querySelector('g.data');
    const shapes = data ? data.querySelectorAll('path, circle, image').length : 0;
    const box = data ? data.getBBox() : { width: 0, height: 0 };
    let ok = shapes > 0 && box.width > 0 && box.height > 0 && Number(svg.dataset.points) > 0;
    for (const image of svg.querySelectorAll('image')) {
      const img = new Image();
      img.src = image.getAttribute('href');
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const context = canvas.getContext('2d');
      context.drawImage(img, 0, 0);
      const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
      const colours = new Set();
      for (let k = 0; k < pixels.length; k += 4) colours.add((pixels[k] << 16) | (pixels[k + 1] << 8) | pixels[k + 2]);
      ok = ok && img.naturalWidth > 0 && colours.size > 10;
    }
    if (!ok) bad.push(svg.id);
  }
  document.body.dataset.plotsTotal = plots.length;
  document.body.dataset.plotsOk = plots.length - bad.length;
  document.body.dataset.plotsBad = bad.join(' ');
})();
</script>
)";

struct BrowserResult {
  int exit_code = -1;
  std::string dom, log;
};

BrowserResult render(const std::string& chromium, const std::string& html, int virtual_time_ms) {
  TempDir dir;
  std::string page = html;
  const std::size_t body_end = page.rfind("</body>");
  REQUIRE(body_end != std::string::npos);
  page.insert(body_end, plot_check_script);
  write_text(dir / "report.html", page);
  fs::create_directories(dir / "profile");
  // --no-sandbox: the tests may run as root (containers, CI); a private profile keeps the run
  // away from the user's; timeout: a hung browser fails the test instead of stalling the suite.
  const std::string cmd = "timeout 60 " + quote(chromium) +
                          " --headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run"
                          " --disable-extensions --user-data-dir=" + quote(dir / "profile") +
                          " --enable-logging=stderr --v=0 --virtual-time-budget=" + std::to_string(virtual_time_ms) +
                          " --dump-dom " +
                          quote("file://" + (dir / "report.html").string()) + " >" + quote(dir / "dom.html") + " 2>" +
                          quote(dir / "log.txt") + " </dev/null";
  const int status = std::system(cmd.c_str());
  BrowserResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.dom = read_text(dir / "dom.html");
  r.log = read_text(dir / "log.txt");
  return r;
}

/// Console lines reporting errors (script errors, malformed SVG attributes, failed loads).
std::string console_errors(const std::string& log) {
  std::string errors;
  std::size_t start = 0;
  while (start < log.size()) {
    std::size_t end = log.find('\n', start);
    if (end == std::string::npos) end = log.size();
    const std::string line = log.substr(start, end - start);
    std::string lower = line;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const bool console = line.find("CONSOLE") != std::string::npos;
    if (console && (lower.find("error") != std::string::npos || lower.find("uncaught") != std::string::npos ||
                    lower.find("failed") != std::string::npos))
      errors += line + "\n";
    start = end + 1;
  }
  return errors;
}

/// The value of attribute `name` on <body> in the dumped DOM, or "(missing)".
std::string body_attribute(const std::string& dom, const std::string& name) {
  const std::size_t body = dom.find("<body"), body_end = dom.find('>', body);
  if (body == std::string::npos || body_end == std::string::npos) return "(missing)";
  const std::string key = " " + name + "=\"";
  const std::size_t at = dom.find(key, body);
  if (at == std::string::npos || at > body_end) return "(missing)";
  const std::size_t value = at + key.size();
  return dom.substr(value, dom.find('"', value) - value);
}

void check_in_browser(const std::string& html, std::size_t expected_plots) {
  const std::string chromium = find_chromium();
  REQUIRE_MESSAGE(!chromium.empty(),
                  "Chromium not found (looked for /usr/bin/chromium, /usr/bin/chromium-browser and $ZSPACE_CHROMIUM): "
                  "install Debian's chromium package (scripts/install-deps does)");
  // The check script awaits image decoding, which runs outside Chromium's virtual clock: on a
  // loaded machine the DOM may be dumped before the verdict is written. A missing verdict (never
  // a bad one) is retried with a longer budget.
  BrowserResult r;
  for (int budget_ms : {2000, 10000, 30000}) {
    r = render(chromium, html, budget_ms);
    if (r.exit_code != 0 || body_attribute(r.dom, "data-plots-ok") != "(missing)") break;
  }
  INFO("browser log:\n" << r.log);
  REQUIRE(r.exit_code == 0);
  CHECK(console_errors(r.log) == "");
  INFO("plots without content: " << body_attribute(r.dom, "data-plots-bad"));
  CHECK(body_attribute(r.dom, "data-plots-total") == std::to_string(expected_plots));
  CHECK(body_attribute(r.dom, "data-plots-ok") == std::to_string(expected_plots));
}

}  // namespace

TEST_CASE("headless Chromium renders a realistic run's report without console errors, every plot drawn") {
  const SolvedStack stack = solved_stack();
  check_in_browser(report_html(report_of(stack)), 7);
}

TEST_CASE("headless Chromium renders a compare report with holes in the data, every plot drawn") {
  const std::vector<double> truth = irregular_z(300);
  BandMatrix band = model_band(truth, 12);
  for (std::size_t j = 101; j <= 112; ++j) band.set(100, j, std::numeric_limits<double>::quiet_NaN());
  ReportData d;
  d.title = "compare <variants>";
  d.runs.push_back(model_run(band, truth, "truth"));
  std::vector<double> uniform(truth.size());
  for (std::size_t i = 0; i < uniform.size(); ++i) uniform[i] = static_cast<double>(i) * truth.back() / 299.0;
  d.runs.push_back(model_run(band, uniform, "uniform"));
  d.runs[1].quality[50] = 2.0;
  d.runs[1].usable.assign(300, true);
  d.runs[1].usable[200] = false;
  d.runs[1].quality[200] = std::numeric_limits<double>::quiet_NaN();
  d.runs[0].scores = {{"rms", "0"}};
  d.runs[1].scores = {{"rms", "0.8"}};
  d.warnings = {"section 200 has no usable signal"};
  // one "before" (shared band), two "after", curve, z, deviation, thickness, quality
  check_in_browser(report_html(d), 8);
}
