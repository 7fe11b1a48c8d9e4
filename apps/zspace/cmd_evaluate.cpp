// zspace evaluate: scores of a result's z against the truth, beside those of the uniform guess.

#include <cmath>
#include <fmt/core.h>

#include "commands.hpp"
#include "zspace/engine/evaluate.hpp"

namespace zspace::cli {
namespace {

std::string cell(double v, int decimals = 4) { return std::isnan(v) ? "-" : fmt::format("{:.{}f}", v, decimals); }

std::string table(const Evaluation& e, const std::string& truth, const std::string& result) {
  std::string out = fmt::format("zspace: {} sections of {} scored against {}", e.sections, result, truth);
  out += e.skipped ? fmt::format(" ({} without z left out)\n", e.skipped) : "\n";
  const auto row = [&](const std::string& name, double estimate, double uniform, int decimals = 4) {
    out += fmt::format("  {:<32}{:>12}{:>12}\n", name, cell(estimate, decimals), cell(uniform, decimals));
  };
  out += fmt::format("  {:<32}{:>12}{:>12}\n", "", "estimate", "uniform");
  row("RMS error / spacing", e.estimate.rms, e.uniform.rms);
  row("max error / spacing", e.estimate.max, e.uniform.max);
  row("Spearman rank correlation", e.estimate.spearman, e.uniform.spearman);
  row("local thickness error / spacing", e.estimate.local_thickness_error, e.uniform.local_thickness_error);
  row(fmt::format("gap recovery ({} gaps)", e.estimate.gaps), e.estimate.gap_recovery, e.uniform.gap_recovery);
  // Only results with absolute positions (a z_px column) have a span to compare.
  if (!std::isnan(e.estimate.span_ratio)) row("absolute span / true span", e.estimate.span_ratio, e.uniform.span_ratio);
  row("fit truth = a*z + b: a", e.estimate.slope, e.uniform.slope, 6);
  row("                     b", e.estimate.offset, e.uniform.offset, 6);
  return out;
}

CommandBody setup_evaluate(CLI::App& app) {
  struct Args {
    std::string truth, result;
    bool json = false;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("evaluate", "score a result's z against the true z (truth.csv of zspace simulate)");
  cmd->add_option("--truth", args->truth, "table with the true z of every section (a `z` column)")->required();
  cmd->add_option("RESULT", args->result,
                  "zspace output folder (its z.csv) or a table with a `z` column; a `z_px` column (absolute positions "
                  "in pixels) is scored against the truth's span")
      ->required();
  cmd->add_flag("--json", args->json, "machine-readable output");
  return [cmd, args](Registry&) -> int {
    if (!*cmd) return -1;
    const Evaluation e = evaluate_files(args->truth, args->result);
    fmt::print("{}", args->json ? evaluation_json(e) : table(e, args->truth, args->result));
    return 0;
  };
}

}  // namespace
ZSPACE_COMMAND(50, setup_evaluate)
}  // namespace zspace::cli
