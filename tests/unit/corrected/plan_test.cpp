#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "zspace/engine/corrected_stack.hpp"
#include "zspace/engine/errors.hpp"

using namespace zspace;

namespace {

void check_exact(const CorrectedSlice& s, std::size_t section, double z) {
  CHECK(s.lower == section);
  CHECK(s.upper == section);
  CHECK(s.upper_weight == 0.0);
  CHECK(s.z == z);
}

void check_blend(const CorrectedSlice& s, std::size_t lower, std::size_t upper, double weight, double z) {
  CHECK(s.lower == lower);
  CHECK(s.upper == upper);
  CHECK(s.upper_weight == doctest::Approx(weight).epsilon(1e-12));
  CHECK(s.z == doctest::Approx(z).epsilon(1e-12));
}

}  // namespace

TEST_CASE("corrected plan: uniform z hits every section exactly") {
  const std::vector<double> z{0, 1, 2, 3, 4};
  const auto plan = plan_corrected_stack(z, 1);
  REQUIRE(plan.size() == 5);
  for (std::size_t k = 0; k < 5; ++k) check_exact(plan[k], k, static_cast<double>(k));
  // An offset range too: the slices follow z, not the section numbers.
  const auto shifted = plan_corrected_stack({7, 8, 9}, 1);
  REQUIRE(shifted.size() == 3);
  for (std::size_t k = 0; k < 3; ++k) check_exact(shifted[k], k, 7.0 + static_cast<double>(k));
}

TEST_CASE("corrected plan: upsample U gives N*U-(U-1) slices between the sections") {
  const std::vector<double> z{0, 1, 2, 3, 4};
  const auto two = plan_corrected_stack(z, 2);
  REQUIRE(two.size() == 9);
  for (std::size_t k = 0; k < 9; ++k) {
    if (k % 2 == 0) check_exact(two[k], k / 2, static_cast<double>(k) / 2);
    else check_blend(two[k], k / 2, k / 2 + 1, 0.5, static_cast<double>(k) / 2);
  }
  const auto three = plan_corrected_stack(z, 3);
  REQUIRE(three.size() == 13);
  check_exact(three[3], 1, 1.0);
  check_blend(three[4], 1, 2, 1.0 / 3, 4.0 / 3);
  check_blend(three[5], 1, 2, 2.0 / 3, 5.0 / 3);
  check_exact(three[12], 4, 4.0);
}

TEST_CASE("corrected plan: non-uniform z blends the two bracketing sections by distance") {
  // Slices at 0, 1, 2, 3. Slice 1 lies between section 1 (z 0.5) and section 2 (z 2):
  // 0.5 away from the first, 1.0 from the second, so the second gets weight 0.5 / 1.5.
  const auto plan = plan_corrected_stack({0, 0.5, 2, 3}, 1);
  REQUIRE(plan.size() == 4);
  check_exact(plan[0], 0, 0.0);
  check_blend(plan[1], 1, 2, 1.0 / 3, 1.0);
  check_exact(plan[2], 2, 2.0);
  check_exact(plan[3], 3, 3.0);
  // The range is the estimated one: z from 0 to 6 over 4 sections gives slices 2 apart.
  const auto wide = plan_corrected_stack({0, 1, 5, 6}, 1);
  REQUIRE(wide.size() == 4);
  check_blend(wide[1], 1, 2, 0.25, 2.0);
  check_blend(wide[2], 1, 2, 0.75, 4.0);
  CHECK(corrected_slice_spacing({0, 1, 5, 6}, 1) == 2.0);
}

TEST_CASE("corrected plan: reordered sections are taken in z order") {
  const auto swapped = plan_corrected_stack({0, 2, 1, 3}, 1);
  REQUIRE(swapped.size() == 4);
  check_exact(swapped[0], 0, 0.0);
  check_exact(swapped[1], 2, 1.0);
  check_exact(swapped[2], 1, 2.0);
  check_exact(swapped[3], 3, 3.0);
  // Slice 2 (z 2) lies between section 2 (z 1) and section 1 (z 2.5).
  const auto plan = plan_corrected_stack({0, 2.5, 1, 3}, 1);
  REQUIRE(plan.size() == 4);
  check_blend(plan[2], 2, 1, 2.0 / 3, 2.0);
}

TEST_CASE("corrected plan: slice spacing and single sections") {
  CHECK(corrected_slice_spacing({0, 1, 2, 3, 4}, 1) == 1.0);
  CHECK(corrected_slice_spacing({0, 1, 2, 3, 4}, 2) == 0.5);
  CHECK(corrected_slice_spacing({0, 0.5, 2, 3}, 1) == 1.0);
  CHECK(corrected_slice_spacing({5}, 3) == 1.0);
  const auto single = plan_corrected_stack({5}, 3);
  REQUIRE(single.size() == 1);
  check_exact(single[0], 0, 5.0);
}

TEST_CASE("corrected plan: errors name the culprit") {
  CHECK_THROWS_WITH_AS(plan_corrected_stack({0, 1}, 0), doctest::Contains("output.upsample"), ConfigError);
  CHECK_THROWS_WITH_AS(plan_corrected_stack({0, std::nan(""), 2}, 1), doctest::Contains("section 1"), DataError);
  CHECK_THROWS_WITH_AS(plan_corrected_stack({0, std::numeric_limits<double>::infinity()}, 1),
                       doctest::Contains("not finite"), DataError);
  CHECK_THROWS_WITH_AS(plan_corrected_stack({2, 2, 2}, 1), doctest::Contains("share z = 2"), DataError);
  CHECK_THROWS_AS(plan_corrected_stack({}, 1), DataError);
}
