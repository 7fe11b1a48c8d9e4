// zspace run: the whole pipeline, band to result files (or a compare run of several variants).

#include <cmath>
#include <fmt/core.h>

#include "commands.hpp"
#include "zspace/engine/distributed.hpp"
#include "zspace/engine/progress.hpp"
#include "zspace/engine/run.hpp"

namespace zspace::cli {
namespace {

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

void print_solved(const RunSummary& s, const std::string& label) {
  fmt::print("zspace: {}{} sections, thickness mean {:.3f} min {:.3f} max {:.3f} (nominal spacings)\n", label,
             s.sections, s.mean_thickness, s.min_thickness, s.max_thickness);
  if (std::isfinite(s.mean_thickness_px)) {
    fmt::print("zspace: {}absolute mean thickness {:.3f} px", label, s.mean_thickness_px);
    if (std::isfinite(s.mean_thickness_nm)) fmt::print(" = {:.2f} nm", s.mean_thickness_nm);
    fmt::print(" (z_px in z.csv)\n");
  }
  if (!s.flagged.empty()) {
    std::vector<std::string> list;
    for (auto i : s.flagged) list.push_back(std::to_string(i));
    fmt::print("zspace: {}flagged sections (no usable signal): {}\n", label, joined(list));
  }
}

CommandBody setup_run(CLI::App& app) {
  auto args = std::make_shared<PipelineArgs>();
  auto* cmd = app.add_subcommand("run", "run a pipeline: similarity band, solver, result files");
  add_pipeline_options(cmd, *args);
  add_run_options(cmd, *args);
  return [cmd, args](Registry& registry) -> int {
    if (!*cmd) return -1;
    const Pipeline pipeline = load(*args, registry);
    install_interrupt_handlers();
    const auto summary = run_pipeline(pipeline, registry, {args->threads, args->quiet, args->verbose});
    if (distributed_rank() != 0) return 0;  // under mpirun, rank 0 reports for the run
    if (summary.variants.empty()) {
      print_solved(summary, "");
    } else {
      for (const auto& v : summary.variants) print_solved(v, v.name + ": ");
      fmt::print("zspace: {} variants, {} distinct similarity bands computed\n", summary.variants.size(),
                 summary.bands_computed);
    }
    if (args->verbose) {
      const auto print_timings = [](const RunSummary& s, const std::string& label) {
        for (const auto& [stage, seconds] : s.timings) fmt::print("zspace: {}{}: {:.3f} s\n", label, stage, seconds);
      };
      print_timings(summary, "");
      for (const auto& v : summary.variants) print_timings(v, v.name + ": ");
    }
    fmt::print("zspace: {:.2f} s; results in {} ({})\n", summary.seconds, summary.output_dir.string(),
               summary.variants.empty() ? joined(summary.files) : "compare.csv and one folder per variant");
    return 0;
  };
}

}  // namespace
ZSPACE_COMMAND(10, setup_run)
}  // namespace zspace::cli
