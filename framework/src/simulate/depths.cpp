// The true depths of the simulated sections: spacings by pattern, then the missing sections.

#include <cmath>
#include <fmt/core.h>
#include <numbers>
#include <numeric>

#include "common/number_text.hpp"
#include "simulate/random.hpp"
#include "simulate/resolved_spec.hpp"
#include "zspace/engine/errors.hpp"

namespace zspace {

std::string to_string(SpacingPattern pattern) {
  switch (pattern) {
    case SpacingPattern::uniform: return "uniform";
    case SpacingPattern::random: return "random";
    case SpacingPattern::gaps: return "gaps";
    case SpacingPattern::drift: return "drift";
  }
  return "unknown";
}

SpacingPattern spacing_pattern_from_string(const std::string& text) {
  for (auto p : {SpacingPattern::uniform, SpacingPattern::random, SpacingPattern::gaps, SpacingPattern::drift})
    if (to_string(p) == text) return p;
  throw ConfigError("--pattern " + text + ": unknown pattern (uniform, random, gaps, drift)");
}

namespace sim {
namespace {

// Spacings between the `count` consecutive positions before any section is removed.
std::vector<double> spacings(const ResolvedSpec& r, std::size_t count) {
  Random rng(r.spec.seed, Stream::spacing);
  const Thickness& t = r.thickness;
  std::vector<double> steps(count - 1, t.min);
  switch (r.spec.pattern) {
    case SpacingPattern::uniform:
    case SpacingPattern::gaps: break;
    case SpacingPattern::random:
      for (double& step : steps) {
        if (r.from_volume)
          step = t.min + static_cast<double>(rng.below(static_cast<std::uint64_t>(t.max - t.min) + 1));
        else
          step = rng.uniform(t.min, t.max);
      }
      break;
    case SpacingPattern::drift: {
      const double phase = 2 * std::numbers::pi * rng.uniform();
      for (std::size_t i = 0; i < steps.size(); ++i)
        steps[i] = t.min * (1 + r.drift_amplitude *
                                    std::sin(2 * std::numbers::pi * static_cast<double>(i) / r.drift_period + phase));
      break;
    }
  }
  return steps;
}

// For each written section but the last: true when a gap (gap_length missing sections) follows.
std::vector<bool> gap_places(const ResolvedSpec& r) {
  const std::size_t boundaries = r.spec.sections - 1;
  std::vector<std::size_t> order(boundaries);
  std::iota(order.begin(), order.end(), std::size_t{0});
  Random rng(r.spec.seed, Stream::gaps);
  std::vector<bool> gap_after(boundaries, false);
  for (std::size_t k = 0; k < r.gaps; ++k) {  // partial Fisher-Yates: r.gaps distinct places
    std::swap(order[k], order[k + rng.below(boundaries - k)]);
    gap_after[order[k]] = true;
  }
  return gap_after;
}

}  // namespace

std::vector<double> depths(const ResolvedSpec& r, std::size_t volume_depth) {
  const std::size_t total = r.total_sections();
  const auto steps = spacings(r, total);
  std::vector<double> all(total, r.spec.start);
  double run = 0;  // summed from the start, so that rounding errors do not accumulate
  for (std::size_t i = 1; i < total; ++i) {
    run += steps[i - 1];
    // A volume drifts in whole voxels: rounding the running depth keeps the mean spacing.
    all[i] = r.spec.start + (r.from_volume ? std::floor(run + 0.5) : run);
  }

  const auto gap_after = gap_places(r);
  std::vector<double> z;
  for (std::size_t i = 0, k = 0; k < r.spec.sections; ++k) {
    z.push_back(all[i]);
    i += 1 + (k < gap_after.size() && gap_after[k] ? r.spec.gap_length : 0);
  }

  if (r.from_volume && z.back() > static_cast<double>(volume_depth) - 1) {
    throw ConfigError(fmt::format(
        "--sections {} with --pattern {} --thickness {}{}: needs slices {}..{}, but the volume has {} (0..{})",
        r.spec.sections, to_string(r.spec.pattern), thickness_text(r.thickness),
        r.gaps ? fmt::format(" --gaps {}", r.gaps) : std::string(), format_double(z.front()),
        format_double(z.back()), volume_depth, volume_depth == 0 ? 0 : volume_depth - 1));
  }
  return z;
}

}  // namespace sim

std::vector<double> simulated_depths(const SimulationSpec& spec, std::size_t volume_depth) {
  return sim::depths(sim::resolve(spec), volume_depth);
}

}  // namespace zspace
