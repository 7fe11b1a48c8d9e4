// A trivial metric used by registry tests; its name and API version come from the build.
#include <memory>
#include <stdexcept>

#include "zspace/plugin.hpp"

namespace test_metric {

class Prepared final : public zspace::PreparedSection {};

class Constant final : public zspace::SimilarityMetric {
 public:
  std::unique_ptr<zspace::PreparedSection> prepare(const zspace::Section&) const override {
    return std::make_unique<Prepared>();
  }
  double compare(const zspace::PreparedSection&, const zspace::PreparedSection&) const override {
#ifdef TEST_COMPARE_THROWS
    throw std::runtime_error("constant-test: deliberate failure in compare");
#endif
    return 0.5;
  }
};

const zspace::PluginDescriptor& descriptor() {
  static const zspace::PluginDescriptor d{zspace::ApiVersion{}, zspace::PluginKind::metric, TEST_METRIC_NAME,
                                          "0.0.1", "test metric: every pair is 0.5", {}};
  return d;
}

std::unique_ptr<zspace::SimilarityMetric> create(const zspace::Params&) {
#ifdef TEST_FACTORY_THROWS
  throw std::invalid_argument("deliberately refuses every parameter set");
#endif
  return std::make_unique<Constant>();
}

}  // namespace test_metric

ZSPACE_METRIC_PLUGIN(test_metric::descriptor, test_metric::create)
