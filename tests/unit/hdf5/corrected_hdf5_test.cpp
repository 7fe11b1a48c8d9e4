#include <doctest/doctest.h>

#include <array>
#include <cmath>
#include <string>
#include <vector>

#include "corrected/memory_stack.hpp"
#include "test_support.hpp"
#include "zspace/engine/corrected_stack.hpp"
#include "zspace/engine/errors.hpp"
#include "zspace/engine/stack_reader.hpp"

using namespace zspace;
using namespace zspace::test;

TEST_CASE("hdf5 output: the corrected stack written as HDF5 reads back") {
  for (const PixelDepth depth : {PixelDepth::uint8, PixelDepth::uint16, PixelDepth::float32}) {
    CAPTURE(static_cast<int>(depth));
    TempDir dir;
    const std::vector<Section> sections = test_sections(4, 7, 5, depth);
    const MemoryStack input(sections);
    CorrectedStackOptions options;
    options.format = CorrectedFormat::hdf5;
    options.upsample = 2;
    options.voxel_size = std::array<double, 3>{4, 4, 40};
    options.dataset = "/volumes/corrected";
    write_corrected_stack(input, {0, 1, 2, 3}, options, dir / "corrected.h5");

    const auto stack = open_stack((dir / "corrected.h5").string() + ":/volumes/corrected");
    REQUIRE(stack->size() == 7);
    CHECK(stack->width() == 7);
    CHECK(stack->height() == 5);
    for (std::size_t k = 0; k < 7; ++k) {
      const Section page = stack->read(k);
      CHECK(page.depth == depth);
      std::size_t bad = 0;
      for (std::size_t i = 0; i < page.size(); ++i) {
        const double a = sections[k / 2].value(i);
        const double b = sections[(k + 1) / 2].value(i);
        const double mid = 0.5 * a + 0.5 * b;
        const float expected =
            depth == PixelDepth::float32 ? static_cast<float>(mid) : static_cast<float>(std::floor(mid + 0.5));
        if (!same_float(page.value(i), expected)) ++bad;
      }
      CHECK(bad == 0);
    }
  }
}

TEST_CASE("hdf5 output: a file that cannot be created is a one-line DataError") {
  TempDir dir;
  const MemoryStack input(test_sections(2, 3, 3, PixelDepth::uint8));
  CorrectedStackOptions options;
  options.format = CorrectedFormat::hdf5;
  const fs::path out = dir / "no-such-folder" / "corrected.h5";
  try {
    write_corrected_stack(input, {0, 1}, options, out);
    FAIL("expected a DataError");
  } catch (const DataError& e) {
    const std::string message = e.what();
    CHECK(message.rfind(out.string() + ": cannot create HDF5 file", 0) == 0);
    CHECK(message.find('\n') == std::string::npos);
  }
}
