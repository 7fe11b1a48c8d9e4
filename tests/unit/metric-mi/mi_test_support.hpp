#pragma once
// Shared helpers of the mutual-information tests: random sections, stack statistics built from
// given sections, and a metric ready to prepare them.

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "core/mutual_information.hpp"
#include "float_sections.hpp"
#include "zspace/section.hpp"

namespace zspace::mi::test {

inline constexpr float kInvalid = std::numeric_limits<float>::quiet_NaN();

using ::zspace::test::float_section;
using ::zspace::test::random_section;

/// mix * a + (1 - mix) * noise pixel by pixel (NaN where either is NaN).
inline Section mixed(const Section& a, const Section& noise, float mix) {
  Section b = a;
  for (std::size_t k = 0; k < b.pixels.size(); ++k) b.pixels[k] = mix * a.pixels[k] + (1 - mix) * noise.pixels[k];
  return b;
}

/// Every valid pixel of the given sections, sorted: what the engine's sampler would give for a
/// stack made of exactly these sections.
inline StackStatistics statistics_of(const std::vector<const Section*>& sections) {
  StackStatistics stats;
  for (const Section* s : sections)
    for (std::size_t k = 0; k < s->size(); ++k)
      if (const float v = s->value(k); !std::isnan(v)) stats.sample.push_back(v);
  std::sort(stats.sample.begin(), stats.sample.end());
  stats.sections_sampled = sections.size();
  return stats;
}

/// A metric with the given bin count whose range comes from the given sections.
inline MutualInformationMetric metric_for(const std::vector<const Section*>& stack, int bins = 64) {
  Options options;
  options.bins = bins;
  MutualInformationMetric metric(options);
  metric.set_stack_statistics(statistics_of(stack));
  return metric;
}

inline double nmi(const MutualInformationMetric& metric, const Section& a, const Section& b) {
  return metric.compare(*metric.prepare(a), *metric.prepare(b));
}

}  // namespace zspace::mi::test
