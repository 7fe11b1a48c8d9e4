#pragma once
// Runs a shipped pipeline from configs/ on the FIB-SEM sample stack through the zspace binary
// and checks what every such run must give: a z table for all 250 sections and a similarity
// strip with 1 on the diagonal.

#include <doctest/doctest.h>

#include <cstddef>
#include <string>

#include "test_support.hpp"
#include "z_table.hpp"
#include "zspace/engine/image_io.hpp"

namespace zspace::test {

/// Sums over the strip's first 240 rows (those with every offset inside the stack) of the
/// similarity to the next section and to the section 10 further on.
struct StripSums {
  double near = 0;
  double far = 0;
};

/// Runs configs/`config_name` with its output in `out`; the run must succeed.
inline StripSums run_shipped_config(const std::string& config_name, const TempDir& out) {
  const std::string config = std::string(ZSPACE_SOURCE_DIR) + "/configs/" + config_name;
  const auto r = run_zspace("run " + quote(config) + " --output " + quote(out.path()) + " --quiet");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(read_z_table(out / "z.csv").size() == 250);
  // Strip rows hold offsets -10..10 around the diagonal (column 10).
  const auto strip = read_float_tiff(out / "similarity.tif");
  REQUIRE(strip.width == 21);
  REQUIRE(strip.height == 250);
  StripSums sums;
  for (int row = 0; row < 240; ++row) {
    const float* values = &strip.pixels[static_cast<std::size_t>(row) * 21];
    CHECK(values[10] == 1.0f);
    sums.near += values[11];
    sums.far += values[20];
  }
  return sums;
}

}  // namespace zspace::test
