#include <doctest/doctest.h>

#include <cmath>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "zspace/engine/errors.hpp"
#include "zspace/engine/fiji_files.hpp"

using namespace zspace;

namespace {

std::vector<std::vector<std::string>> csv_rows(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    std::vector<std::string> cells;
    std::istringstream cellstream(line);
    for (std::string cell; std::getline(cellstream, cell, ',');) cells.push_back(cell);
    rows.push_back(cells);
  }
  return rows;
}

}  // namespace

TEST_CASE("fiji csv: the plugin's columns, with a reordering") {
  // Section 1 lies above section 2: sorted order is 0, 2, 1, 3.
  const std::string csv = fiji_csv({0, 2.5, 1, 3});
  CHECK(csv ==
        "z-index,mapping,sorted mapping,forward permutation,backward permutation\n"
        "0,0,0,0,0\n"
        "1,2.5,1,2,2\n"
        "2,1,2.5,1,1\n"
        "3,3,3,3,3\n");
  // A 3-cycle, so forward and backward differ: sorted order is 2, 0, 1.
  const auto rows = csv_rows(fiji_csv({1.25, 2, 0.5}));
  REQUIRE(rows.size() == 4);
  CHECK(rows[1] == std::vector<std::string>{"0", "1.25", "0.5", "1", "2"});
  CHECK(rows[2] == std::vector<std::string>{"1", "2", "1.25", "2", "0"});
  CHECK(rows[3] == std::vector<std::string>{"2", "0.5", "2", "0", "1"});
}

TEST_CASE("fiji csv: forward and backward are inverse permutations, sorted mapping ascends") {
  const std::vector<double> z{3.5, 0, 7.25, 1, 2, 6, 0.5, 4};
  const auto rows = csv_rows(fiji_csv(z));
  REQUIRE(rows.size() == z.size() + 1);
  std::vector<std::size_t> forward, backward;
  std::vector<double> sorted;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    REQUIRE(rows[i].size() == 5);
    CHECK(std::stoul(rows[i][0]) == i - 1);
    CHECK(std::stod(rows[i][1]) == z[i - 1]);
    sorted.push_back(std::stod(rows[i][2]));
    forward.push_back(std::stoul(rows[i][3]));
    backward.push_back(std::stoul(rows[i][4]));
  }
  for (std::size_t i = 0; i < z.size(); ++i) {
    CHECK(backward[forward[i]] == i);
    CHECK(forward[backward[i]] == i);
    CHECK(sorted[i] == z[backward[i]]);
    if (i > 0) CHECK(sorted[i - 1] < sorted[i]);
  }
  CHECK(std::set<std::size_t>(forward.begin(), forward.end()).size() == z.size());
}

TEST_CASE("fiji csv: monotone z gives identity permutations and ties keep input order") {
  const auto rows = csv_rows(fiji_csv({0, 0.9, 2.1, 3}));
  for (std::size_t i = 1; i < rows.size(); ++i) {
    CHECK(rows[i][3] == std::to_string(i - 1));
    CHECK(rows[i][4] == std::to_string(i - 1));
  }
  const auto ties = csv_rows(fiji_csv({1, 0, 1}));
  CHECK(ties[1] == std::vector<std::string>{"0", "1", "0", "1", "1"});
  CHECK(ties[2] == std::vector<std::string>{"1", "0", "1", "0", "0"});
  CHECK(ties[3] == std::vector<std::string>{"2", "1", "1", "2", "2"});
}

TEST_CASE("fiji csv: non-finite z is an error naming the section") {
  CHECK_THROWS_WITH_AS(fiji_csv({0, std::nan(""), 2}), doctest::Contains("z of section 1 is not finite"), DataError);
  CHECK_THROWS_AS(fiji_csv({}), DataError);
}

TEST_CASE("zcoords: render's layer z and corrected z, in order of corrected z") {
  CHECK(zcoords_txt({0, 0.9, 2.25, 3}) == "0 0\n1 0.9\n2 2.25\n3 3\n");
  // render's own files start at the stack's first layer z and carry it on the corrected z too.
  CHECK(zcoords_txt({0, 0.9, 2.25}, 4054) == "4054 4054\n4055 4054.9\n4056 4056.25\n");
  // A reordered solution: lines follow corrected z, each still naming its own layer.
  CHECK(zcoords_txt({0, 2.5, 1, 3}) == "0 0\n2 1\n1 2.5\n3 3\n");
}

TEST_CASE("zcoords: ties and non-finite z are refused, naming the sections") {
  CHECK_THROWS_WITH_AS(zcoords_txt({0, 1, 1, 2}), doctest::Contains("sections 1 and 2 share z = 1"), DataError);
  CHECK_THROWS_WITH_AS(zcoords_txt({0, INFINITY}), doctest::Contains("section 1 is not finite"), DataError);
  CHECK_THROWS_AS(zcoords_txt({}), DataError);
}
