// The `ncc` metric plugin: the similarity of the published method (Fiji's "NCC (aligned)").

#include <memory>
#include <utility>
#include <vector>

#include "core/ncc.hpp"
#include "zspace/plugin.hpp"

namespace zspace::ncc {
namespace {

class NccMetric final : public SimilarityMetric {
 public:
  // 8/16-bit sections stay at their own depth: exact integer sums, a quarter or half of the
  // bytes of a float copy to read.
  bool accepts_integer_pixels() const override { return true; }

  std::unique_ptr<PreparedSection> prepare(const Section& section) const override {
    return ncc::prepare(section);
  }
  std::unique_ptr<PreparedSection> prepare_owned(Section&& section) const override {
    return ncc::prepare_owned(std::move(section));
  }
  double compare(const PreparedSection& a, const PreparedSection& b) const override {
    return correlate(static_cast<const PreparedNcc&>(a), static_cast<const PreparedNcc&>(b));
  }
  void compare_many(const PreparedSection& b, const PreparedSection* const* partners, std::size_t count,
                    Comparison* out) const override {
    std::vector<const PreparedNcc*> prepared(count);
    for (std::size_t k = 0; k < count; ++k) prepared[k] = static_cast<const PreparedNcc*>(partners[k]);
    std::vector<double> values(count);
    correlate_many(static_cast<const PreparedNcc&>(b), prepared.data(), count, values.data());
    for (std::size_t k = 0; k < count; ++k) out[k] = Comparison{values[k], 0, 0};
  }
};

}  // namespace

const PluginDescriptor& descriptor() {
  static const PluginDescriptor d{
      ApiVersion{}, PluginKind::metric, "ncc", "1.1.0",
      "Pearson correlation over the pixels valid in both sections (the published method's metric)",
      {}};
  return d;
}

std::unique_ptr<SimilarityMetric> create(const Params&) { return std::make_unique<NccMetric>(); }

}  // namespace zspace::ncc

ZSPACE_METRIC_PLUGIN(zspace::ncc::descriptor, zspace::ncc::create)
