// evaluate(): the scores against a small case worked out by hand.

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "zspace/engine/errors.hpp"
#include "zspace/engine/evaluate.hpp"

using zspace::evaluate;

namespace {
const double kNaN = std::numeric_limits<double>::quiet_NaN();
}

TEST_CASE("scores of a 6-section case match the hand computation") {
  // truth 0 1 2 4 5 6: one section missing after the third (true spacings 1 1 2 1 1, median 1,
  // so the spacing of 2 is a gap). s = (6 - 0) / 5 = 1.2.
  const std::vector<double> truth{0, 1, 2, 4, 5, 6};
  // The estimate puts sections 1 and 2 at the same z (a tie for Spearman) and misses the gap.
  const std::vector<double> z{0, 1, 1, 3, 4, 5};
  const auto e = evaluate(truth, z);
  CHECK(e.sections == 6);
  CHECK(e.skipped == 0);

  // Estimate. mean z = 7/3, mean truth = 3; Szz = 58/3, Szt = 23: a = 69/58, b = 3 - a·7/3 = 13/58.
  // Residuals truth - (a·z + b), in 58ths: -13 -24 34 12 1 -10; squares sum 2146.
  // RMS = sqrt(2146 / 6) / 58 / 1.2 = 0.271725; max = 34/58 / 1.2 = 0.488506.
  // Ranks of z with the tie averaged: 1 2.5 2.5 4 5 6 against 1..6: Sxy = 17, Sxx = 17.5,
  // Syy = 17, rho = 17 / sqrt(17.5 · 17) = 0.985611.
  // a·Δz - Δtruth, Δz = 1 0 2 1 1: 11/58 -1 22/58 11/58 11/58; mean |.| = 113/58/5 = 0.389655,
  // over s: 0.324713. The gap: a·2/2 = 69/58 = 1.189655.
  const auto& est = e.estimate;
  CHECK(est.slope == doctest::Approx(69.0 / 58));
  CHECK(est.offset == doctest::Approx(13.0 / 58));
  CHECK(est.rms == doctest::Approx(std::sqrt(2146.0 / 6) / 58 / 1.2));
  CHECK(est.rms == doctest::Approx(0.271725).epsilon(1e-5));
  CHECK(est.max == doctest::Approx(34.0 / 58 / 1.2));
  CHECK(est.spearman == doctest::Approx(17 / std::sqrt(17.5 * 17)));
  CHECK(est.spearman == doctest::Approx(0.985611).epsilon(1e-5));
  CHECK(est.local_thickness_error == doctest::Approx(113.0 / 58 / 5 / 1.2));
  CHECK(est.gaps == 1);
  CHECK(est.gap_recovery == doctest::Approx(69.0 / 58));

  // Uniform guess z = 0..5. Szz = 17.5, Szt = 22: a = 44/35, b = 3 - a·2.5 = -1/7.
  // Residuals in 35ths: 5 -4 -13 13 4 -5; squares sum 420: RMS = sqrt(420/6)/35/1.2 = 0.199205,
  // max = 13/35/1.2 = 0.309524. Ranks equal: rho = 1.
  // a·1 - Δtruth: 9/35 9/35 -26/35 9/35 9/35, mean |.| = 62/35/5, over s: 0.295238.
  // The gap: a·1/2 = 22/35.
  const auto& uni = e.uniform;
  CHECK(uni.slope == doctest::Approx(44.0 / 35));
  CHECK(uni.offset == doctest::Approx(-1.0 / 7));
  CHECK(uni.rms == doctest::Approx(0.199205).epsilon(1e-5));
  CHECK(uni.max == doctest::Approx(13.0 / 35 / 1.2));
  CHECK(uni.spearman == doctest::Approx(1.0));
  CHECK(uni.local_thickness_error == doctest::Approx(62.0 / 35 / 5 / 1.2));
  CHECK(uni.gaps == 1);
  CHECK(uni.gap_recovery == doctest::Approx(22.0 / 35));
}

TEST_CASE("an exact estimate up to an affine map scores zero error") {
  const std::vector<double> truth{10, 11.5, 12, 14, 17, 18};
  std::vector<double> z;
  for (double t : truth) z.push_back(-3 + 0.5 * t);  // scale and offset are fitted away
  const auto e = evaluate(truth, z);
  CHECK(e.estimate.rms == doctest::Approx(0.0).epsilon(1e-12));
  CHECK(e.estimate.max < 1e-12);
  CHECK(e.estimate.local_thickness_error < 1e-12);
  CHECK(e.estimate.slope == doctest::Approx(2.0));
  CHECK(e.estimate.spearman == doctest::Approx(1.0));
  CHECK(e.uniform.rms > 0.1);
}

TEST_CASE("sections without z are left out of both columns and counted") {
  const std::vector<double> truth{0, 1, 2, 3, 4, 5};
  const std::vector<double> z{0, 1, kNaN, 3, 4, 5};
  const auto e = evaluate(truth, z);
  CHECK(e.sections == 5);
  CHECK(e.skipped == 1);
  CHECK(e.estimate.rms < 1e-12);
  // The uniform guess keeps the original indices, so it is exact too.
  CHECK(e.uniform.rms < 1e-12);
}

TEST_CASE("no gap gives NaN gap recovery, a constant estimate gives slope 0 and NaN Spearman") {
  const std::vector<double> truth{0, 1, 2, 3};
  const auto e = evaluate(truth, {5, 5, 5, 5});
  CHECK(e.estimate.gaps == 0);
  CHECK(std::isnan(e.estimate.gap_recovery));
  CHECK(e.estimate.slope == 0.0);
  CHECK(e.estimate.offset == doctest::Approx(1.5));
  CHECK(std::isnan(e.estimate.spearman));
  // Residuals -1.5 -0.5 0.5 1.5 over s = 1.
  CHECK(e.estimate.rms == doctest::Approx(std::sqrt(1.25)));
}

TEST_CASE("evaluate refuses inputs it cannot score") {
  CHECK_THROWS_AS(evaluate({0, 1, 2}, {0, 1}), zspace::DataError);
  CHECK_THROWS_AS(evaluate({0, 1, 2}, {kNaN, 1, kNaN}), zspace::DataError);  // one section left
  CHECK_THROWS_AS(evaluate({2, 1, 2}, {0, 1, 2}), zspace::DataError);        // truth does not increase
  CHECK_THROWS_AS(evaluate({0, kNaN, 2}, {0, 1, 2}), zspace::DataError);
}

TEST_CASE("span_ratio: absolute span over the true span, between the outermost sections with both") {
  const std::vector<double> truth{0, 2, 4, 7, 9, 12};
  // Only z, or the uniform guess: no scale to compare.
  CHECK(std::isnan(evaluate(truth, {0, 1, 2, 3, 4, 5}).estimate.span_ratio));

  // Absolute positions 10 % short of the truth: the ratio is exact whatever z holds.
  std::vector<double> z_abs;
  for (double t : truth) z_abs.push_back(5 + 0.9 * t);
  const auto e = evaluate(truth, {0, 1, 2, 3, 4, 5}, z_abs);
  CHECK(e.estimate.span_ratio == doctest::Approx(0.9));
  CHECK(std::isnan(e.uniform.span_ratio));
  // The other scores are those of evaluate(truth, z).
  CHECK(e.estimate.rms == doctest::Approx(evaluate(truth, {0, 1, 2, 3, 4, 5}).estimate.rms));

  // The last section has no z: the span ends at section 4 (true 9, absolute 5 + 8.1 + 1.8 = 14.9
  // instead of 13.1), for the absolute column too. The first has no absolute position: it starts
  // at section 1 (true 2, absolute 7).
  z_abs[0] = kNaN;
  z_abs[4] = 14.9;
  const auto cut = evaluate(truth, {0, 1, 2, 3, 4, kNaN}, z_abs);
  CHECK(cut.sections == 5);
  CHECK(cut.estimate.span_ratio == doctest::Approx((14.9 - (5 + 0.9 * 2)) / (9 - 2)));

  // Fewer than two sections with an absolute position: no span.
  CHECK(std::isnan(evaluate(truth, {0, 1, 2, 3, 4, 5}, {kNaN, kNaN, 3, kNaN, kNaN, kNaN}).estimate.span_ratio));
  CHECK_THROWS_AS(evaluate(truth, {0, 1, 2, 3, 4, 5}, {0, 1}), zspace::DataError);
}
