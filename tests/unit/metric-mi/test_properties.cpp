// What the band relies on: 1 on the diagonal, symmetry, about 0 for unrelated sections, NaN
// without common pixels, unusable constant sections, and clear failures for unusable setups.

#include <doctest/doctest.h>

#include <stdexcept>
#include <string>

#include "mi_test_support.hpp"

using namespace zspace;
using namespace zspace::mi::test;

TEST_CASE("a section compared with itself gives exactly 1") {
  std::mt19937 rng(11);
  for (int bins : {2, 64, 1024}) {
    const Section a = random_section(rng, 50, 40, 0.2);
    const auto metric = metric_for({&a}, bins);
    const auto p = metric.prepare(a);
    CAPTURE(bins);
    CHECK(metric.compare(*p, *p) == 1.0);
  }
}

TEST_CASE("mutual information is exactly symmetric") {
  std::mt19937 rng(13);
  for (int bins : {16, 64, 400}) {
    const Section a = random_section(rng, 64, 48, 0.1);
    const Section b = mixed(a, random_section(rng, 64, 48, 0.1), 0.7f);
    const auto metric = metric_for({&a, &b}, bins);
    const auto pa = metric.prepare(a), pb = metric.prepare(b);
    CAPTURE(bins);
    CHECK(metric.compare(*pa, *pb) == metric.compare(*pb, *pa));
  }
}

TEST_CASE("independent random sections score near 0") {
  std::mt19937 rng(17);
  // 65536 pixels against 64 x 64 cells: the plug-in estimate's upward bias stays small.
  const Section a = random_section(rng, 256, 256, 0.0);
  const Section b = random_section(rng, 256, 256, 0.0);
  const auto metric = metric_for({&a, &b});
  const double v = nmi(metric, a, b);
  CHECK(v >= 0.0);
  CHECK(v < 0.05);
}

TEST_CASE("sections without two common valid pixels compare as NaN") {
  const int w = 20, h = 10;
  std::mt19937 rng(19);
  Section left = random_section(rng, w, h, 0.0), right = random_section(rng, w, h, 0.0);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) (x < w / 2 ? right : left).pixels[static_cast<std::size_t>(y * w + x)] = kInvalid;
  const auto metric = metric_for({&left, &right});
  CHECK(std::isnan(nmi(metric, left, right)));

  // One common pixel is still no overlap to measure.
  right.pixels[static_cast<std::size_t>(w / 2 - 1)] = 100.0f;
  CHECK(std::isnan(nmi(metric, left, right)));
}

TEST_CASE("sections constant over their common pixels compare as NaN, one constant side as 0") {
  // a and b each vary, but only where the other is invalid; on pixels 0..9 both are constant.
  std::vector<float> a(30, kInvalid), b(30, kInvalid);
  for (int k = 0; k < 10; ++k) a[k] = 10.0f, b[k] = 50.0f;
  for (int k = 10; k < 20; ++k) a[k] = 200.0f;
  for (int k = 20; k < 30; ++k) b[k] = 150.0f;
  const Section sa = float_section(30, 1, a), sb = float_section(30, 1, b);
  const auto metric = metric_for({&sa, &sb});
  CHECK(metric.prepare(sa)->usable());
  CHECK(metric.prepare(sb)->usable());
  CHECK(std::isnan(nmi(metric, sa, sb)));

  // Where only a is constant, b says nothing about a: no shared information.
  std::vector<float> varied(30);
  for (int k = 0; k < 30; ++k) varied[k] = static_cast<float>(k * 7 % 30) * 8.0f;
  const Section sv = float_section(30, 1, varied);
  const Section flat = float_section(30, 1, std::vector<float>(30, 100.0f));
  const auto metric2 = metric_for({&sv, &flat});
  CHECK(std::abs(nmi(metric2, sv, flat)) < 1e-12);
}

TEST_CASE("constant and all-invalid sections are not usable") {
  std::mt19937 rng(23);
  const Section textured = random_section(rng, 32, 32, 0.0);
  const Section flat = float_section(32, 32, std::vector<float>(32 * 32, 100.0f));
  const Section empty = float_section(32, 32, std::vector<float>(32 * 32, kInvalid));
  // Values outside the stack range all land in the first bin: constant as far as bins go.
  const Section dark = float_section(32, 32, std::vector<float>(32 * 32, -5.0f));
  const auto metric = metric_for({&textured, &flat});
  CHECK(metric.prepare(textured)->usable());
  CHECK_FALSE(metric.prepare(flat)->usable());
  CHECK_FALSE(metric.prepare(empty)->usable());
  CHECK_FALSE(metric.prepare(dark)->usable());
}

TEST_CASE("prepare before set_stack_statistics fails with a message naming the cause") {
  mi::MutualInformationMetric metric(mi::Options{});
  const Section s = float_section(2, 1, {1.0f, 2.0f});
  CHECK(metric.wants_stack_statistics());
  CHECK_THROWS_WITH_AS(metric.prepare(s), doctest::Contains("set_stack_statistics"), std::runtime_error);
}

TEST_CASE("a stack without an intensity range is refused with a message saying why") {
  mi::MutualInformationMetric metric(mi::Options{});
  const Section flat = float_section(4, 4, std::vector<float>(16, 7.0f));
  CHECK_THROWS_WITH_AS(metric.set_stack_statistics(statistics_of({&flat, &flat})),
                       doctest::Contains("constant stack"), std::runtime_error);
  const Section empty = float_section(4, 4, std::vector<float>(16, kInvalid));
  CHECK_THROWS_WITH_AS(metric.set_stack_statistics(statistics_of({&empty})), doctest::Contains("no valid pixel"),
                       std::runtime_error);
}

TEST_CASE("a stack of nearly one value falls back to its full sampled range") {
  // 99.9 % background: both percentiles are 0, so the range comes from the sample's extremes.
  std::vector<float> pixels(1000, 0.0f);
  pixels[0] = 255.0f;
  const Section s = float_section(1000, 1, pixels);
  const auto metric = metric_for({&s});
  CHECK(metric.binning()->lo() == 0.0);
  CHECK(metric.binning()->hi() == 255.0);
  CHECK(metric.prepare(s)->usable());
}

TEST_CASE("invalid options are refused naming the option") {
  mi::Options o;
  o.bins = 1;
  CHECK_THROWS_WITH_AS(mi::MutualInformationMetric{o}, doctest::Contains("bins = 1"), std::invalid_argument);
  o = mi::Options{};
  o.low_percentile = 60;
  o.high_percentile = 40;
  CHECK_THROWS_WITH_AS(mi::MutualInformationMetric{o}, doctest::Contains("low_percentile (60)"),
                       std::invalid_argument);
}

TEST_CASE("sections of different sizes are refused") {
  std::mt19937 rng(29);
  const Section a = random_section(rng, 10, 10, 0.0), b = random_section(rng, 10, 11, 0.0);
  const auto metric = metric_for({&a, &b});
  CHECK_THROWS_WITH_AS(nmi(metric, a, b), doctest::Contains("different size"), std::invalid_argument);
}
