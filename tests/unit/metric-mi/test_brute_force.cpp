// The metric against a direct double-precision computation: histograms in std::map, entropies
// as -sum p log p, written without the metric's kernel or its index arrays.

#include <doctest/doctest.h>

#include <map>
#include <utility>

#include "mi_test_support.hpp"

using namespace zspace;
using namespace zspace::mi::test;

namespace {

long bin_of(double v, double lo, double hi, int bins) {
  const long i = static_cast<long>(std::floor((v - lo) / (hi - lo) * bins));
  return std::clamp(i, 0L, static_cast<long>(bins) - 1);
}

template <class Key>
double entropy(const std::map<Key, double>& counts, double n) {
  double h = 0;
  for (const auto& [key, c] : counts) h -= c / n * std::log(c / n);
  return h;
}

double brute_force_nmi(const Section& a, const Section& b, double lo, double hi, int bins) {
  std::map<std::pair<long, long>, double> joint;
  std::map<long, double> first, second;
  double n = 0;
  for (std::size_t k = 0; k < a.size(); ++k) {
    const double va = a.value(k), vb = b.value(k);
    if (std::isnan(va) || std::isnan(vb)) continue;
    const long ia = bin_of(va, lo, hi, bins), ib = bin_of(vb, lo, hi, bins);
    joint[{ia, ib}] += 1;
    first[ia] += 1;
    second[ib] += 1;
    n += 1;
  }
  const double ha = entropy(first, n), hb = entropy(second, n);
  return 2 * (ha + hb - entropy(joint, n)) / (ha + hb);
}

}  // namespace

TEST_CASE("mutual information equals a brute-force computation to 1e-9, with and without NaN masks") {
  std::mt19937 rng(3);
  for (int bins : {2, 64, 300}) {  // 300 bins takes the two-byte index path
    for (double nan_fraction : {0.0, 0.1, 0.6}) {
      for (float mix : {0.0f, 0.5f, 0.9f}) {
        const Section a = random_section(rng, 97, 61, nan_fraction);
        const Section b = mixed(a, random_section(rng, 97, 61, nan_fraction), mix);
        const StackStatistics stats = statistics_of({&a, &b});
        const double lo = stats.quantile(0.005), hi = stats.quantile(0.995);
        mi::Options options;
        options.bins = bins;
        mi::MutualInformationMetric metric(options);
        metric.set_stack_statistics(stats);
        REQUIRE(metric.binning()->lo() == lo);
        REQUIRE(metric.binning()->hi() == hi);
        CAPTURE(bins);
        CAPTURE(nan_fraction);
        CAPTURE(mix);
        CHECK(std::abs(nmi(metric, a, b) - brute_force_nmi(a, b, lo, hi, bins)) < 1e-9);
      }
    }
  }
}

TEST_CASE("8- and 16-bit sections give exactly the value of their float conversion") {
  std::mt19937 rng(5);
  std::uniform_int_distribution<int> byte(0, 255), word(0, 65535);
  for (PixelDepth depth : {PixelDepth::uint8, PixelDepth::uint16}) {
    for (int bins : {64, 1024}) {
      Section a, b;
      for (Section* s : {&a, &b}) {
        s->width = 80;
        s->height = 50;
        s->depth = depth;
        if (depth == PixelDepth::uint8) {
          s->pixels8.resize(s->size());
          for (auto& v : s->pixels8) v = static_cast<std::uint8_t>(byte(rng));
        } else {
          s->pixels16.resize(s->size());
          for (auto& v : s->pixels16) v = static_cast<std::uint16_t>(word(rng));
        }
      }
      // b follows a on a quarter of the pixels, so the value is neither 0 nor 1.
      for (std::size_t k = 0; k < a.size(); k += 4) {
        if (depth == PixelDepth::uint8) b.pixels8[k] = a.pixels8[k];
        else b.pixels16[k] = a.pixels16[k];
      }
      const auto metric = metric_for({&a, &b}, bins);
      const Section fa = to_float(a), fb = to_float(b);
      CAPTURE(bins);
      CHECK(nmi(metric, a, b) == nmi(metric, fa, fb));
      CHECK(nmi(metric, a, fb) == nmi(metric, fa, b));
      const StackStatistics stats = statistics_of({&a, &b});
      CHECK(std::abs(nmi(metric, a, b) - brute_force_nmi(a, b, stats.quantile(0.005), stats.quantile(0.995), bins)) <
            1e-9);
    }
  }
}
