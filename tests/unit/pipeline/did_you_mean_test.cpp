// Near-miss suggestions.

#include <doctest/doctest.h>

#include "pipeline/did_you_mean.hpp"

using namespace zspace::pipeline_detail;

TEST_CASE("edit distance counts a swap of neighbours as one edit") {
  CHECK(edit_distance("", "") == 0);
  CHECK(edit_distance("abc", "") == 3);
  CHECK(edit_distance("outer_iteratons", "outer_iterations") == 1);
  CHECK(edit_distance("metirc", "metric") == 1);
  CHECK(edit_distance("kitten", "sitting") == 3);
}

TEST_CASE("did_you_mean picks the closest name within two edits, or a completion") {
  const std::vector<std::string> metrics{"fft-correlation", "mutual-information", "ncc"};
  CHECK(did_you_mean("nc", metrics) == "ncc");
  CHECK(did_you_mean("NCC", metrics) == "ncc");
  CHECK(did_you_mean("mutual", metrics) == "mutual-information");
  CHECK(did_you_mean("fft", metrics) == "fft-correlation");
  CHECK_FALSE(did_you_mean("gradient", metrics).has_value());
  CHECK_FALSE(did_you_mean("", metrics).has_value());
  CHECK(did_you_mean_suffix("ncx", metrics) == " (did you mean 'ncc'?)");
  CHECK(did_you_mean_suffix("zzz", metrics).empty());
}
