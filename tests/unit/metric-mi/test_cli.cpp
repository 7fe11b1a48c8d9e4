// The shipped mutual-information pipeline through the real binary and the loaded plugin.

#include <doctest/doctest.h>

#include <cmath>

#include "test_support.hpp"
#include "z_table.hpp"
#include "zspace/engine/image_io.hpp"

using namespace zspace::test;

TEST_CASE("configs/mutual-information.yaml runs on the FIB-SEM stack and gives a decreasing band") {
  TempDir out;
  const std::string config = std::string(ZSPACE_SOURCE_DIR) + "/configs/mutual-information.yaml";
  const auto r = run_zspace("run " + quote(config) + " --output " + quote(out.path()) + " --quiet");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(read_z_table(out / "z.csv").size() == 250);

  // Strip rows hold offsets -10..10 around the diagonal (column 10).
  const auto strip = zspace::read_float_tiff(out / "similarity.tif");
  REQUIRE(strip.width == 21);
  REQUIRE(strip.height == 250);
  double near = 0, far = 0;
  for (int row = 0; row < 240; ++row) {
    const float* values = &strip.pixels[static_cast<std::size_t>(row) * 21];
    CHECK(values[10] == 1.0f);
    near += values[11];
    far += values[20];
  }
  CHECK(near > 2 * far);
}
