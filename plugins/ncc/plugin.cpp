// The `ncc` metric plugin: the similarity of the published method (Fiji's "NCC (aligned)").

#include <memory>

#include "core/ncc.hpp"
#include "zspace/plugin.hpp"

namespace zspace::ncc {
namespace {

class NccMetric final : public SimilarityMetric {
 public:
  std::unique_ptr<PreparedSection> prepare(const Section& section) const override {
    return ncc::prepare(section);
  }
  double compare(const PreparedSection& a, const PreparedSection& b) const override {
    return correlate(static_cast<const PreparedNcc&>(a), static_cast<const PreparedNcc&>(b));
  }
};

}  // namespace

const PluginDescriptor& descriptor() {
  static const PluginDescriptor d{
      ApiVersion{}, PluginKind::metric, "ncc", "1.0.0",
      "Pearson correlation over the pixels valid in both sections (the published method's metric)",
      {}};
  return d;
}

std::unique_ptr<SimilarityMetric> create(const Params&) { return std::make_unique<NccMetric>(); }

}  // namespace zspace::ncc

ZSPACE_METRIC_PLUGIN(zspace::ncc::descriptor, zspace::ncc::create)
