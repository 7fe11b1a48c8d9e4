// The shipped mutual-information pipeline through the real binary and the loaded plugin.

#include <doctest/doctest.h>

#include "config_run.hpp"

using namespace zspace::test;

TEST_CASE("configs/mutual-information.yaml runs on the FIB-SEM stack and gives a decreasing band") {
  TempDir out;
  const StripSums strip = run_shipped_config("mutual-information.yaml", out);
  CHECK(strip.near > 2 * strip.far);
}
