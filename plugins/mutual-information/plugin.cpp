/// @file plugin.cpp
/// The `mutual-information` metric plugin: normalised mutual information of binned intensities,
/// for stacks whose contrast changes non-linearly from section to section.

#include <memory>
#include <string>
#include <vector>

#include "core/mutual_information.hpp"
#include "core/mi_options.hpp"
#include "zspace/plugin.hpp"

namespace {

using zspace::ParamSpec;
using zspace::mi::Options;

std::vector<ParamSpec> schema() {
  return {
      ParamSpec::integer("bins", 64, zspace::mi::kMinBins, zspace::mi::kMaxBins,
                         "Intensity bins per section (the joint histogram has bins x bins cells). "
                         "More bins keep finer contrast, but unrelated sections then score above 0 "
                         "unless the section has many more pixels than bins^2."),
      ParamSpec::real("low_percentile", 0.5, 0, 100,
                      "Percentile of the stack's pixel values at the lower edge of the first bin; "
                      "darker pixels count in the first bin. If both percentiles give the same value "
                      "(a stack of mostly one value), the full sampled range is used instead."),
      ParamSpec::real("high_percentile", 99.5, 0, 100,
                      "Percentile of the stack's pixel values at the upper edge of the last bin; "
                      "brighter pixels count in the last bin. Must be above low_percentile."),
  };
}

const zspace::PluginDescriptor& descriptor() {
  static const zspace::PluginDescriptor d = zspace::describe_plugin(
      zspace::PluginKind::metric, "mutual-information", "1.0.0",
      "Normalised mutual information 2I(A;B)/(H(A)+H(B)) of stack-binned intensities, over the "
      "pixels valid in both sections; insensitive to monotone contrast changes",
      schema());
  return d;
}

std::unique_ptr<zspace::SimilarityMetric> create(const zspace::Params& params) {
  // Missing keys fall back to the schema defaults, so a plugin used directly also works.
  const zspace::Params full = params.with_defaults(descriptor().parameters);
  Options options;
  options.bins = static_cast<int>(full.get_int("bins"));
  options.low_percentile = full.get_real("low_percentile");
  options.high_percentile = full.get_real("high_percentile");
  return std::make_unique<zspace::mi::MutualInformationMetric>(options);
}

}  // namespace

ZSPACE_METRIC_PLUGIN(descriptor, create)
