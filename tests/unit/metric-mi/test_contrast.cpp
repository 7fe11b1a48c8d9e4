// Why the metric exists: a monotone non-linear contrast change leaves mutual information high
// while the correlation of the published method drops below that of a real neighbour.

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "core/ncc.hpp"
#include "mi_test_support.hpp"
#include "zspace/engine/stack_reader.hpp"

using namespace zspace;
using namespace zspace::mi::test;

namespace {

// An exponential contrast curve mapping the section's own range onto itself: dark values are
// compressed, bright ones stretched (steepness 6: the slope grows 400-fold across the range).
Section exponential_contrast(const Section& s) {
  const auto [lo_it, hi_it] = std::minmax_element(s.pixels.begin(), s.pixels.end());
  const double lo = *lo_it, hi = *hi_it, k = 6.0;
  Section out = s;
  for (auto& v : out.pixels)
    v = static_cast<float>(lo + (hi - lo) * std::expm1(k * (v - lo) / (hi - lo)) / std::expm1(k));
  return out;
}

double pearson(const Section& a, const Section& b) {
  return zspace::ncc::correlate(*zspace::ncc::prepare(a), *zspace::ncc::prepare(b));
}

}  // namespace

TEST_CASE("a monotone non-linear contrast change keeps mutual information high where correlation drops") {
  const auto stack = open_stack(ZSPACE_TEST_DATA_DIR "/fibsem_medulla_iso10nm_s1");
  const Section a = to_float(stack->read(100));
  const Section next = to_float(stack->read(101));
  const Section changed = exponential_contrast(a);

  // The correlation ranks the re-contrasted copy of a below a's physical neighbour.
  const double ncc_changed = pearson(a, changed), ncc_next = pearson(a, next);
  CHECK(ncc_changed < 0.9);
  CHECK(ncc_changed < ncc_next);

  // Bins shared across the stack: the changed copy is part of the stack it is binned with.
  for (int bins : {64, 512}) {
    const auto metric = metric_for({&a, &next, &changed}, bins);
    const double nmi_changed = nmi(metric, a, changed), nmi_next = nmi(metric, a, next);
    CAPTURE(bins);
    CAPTURE(nmi_changed);
    CAPTURE(nmi_next);
    CHECK(nmi_changed > 2 * nmi_next);
    // With bins finer than the grey levels, nearly every grey level keeps its own bin.
    if (bins == 512) CHECK(nmi_changed > 0.9);
  }
}
