#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "zspace/engine/stack_reader.hpp"

using zspace::natural_less;

TEST_CASE("natural_less compares digit runs by value") {
  CHECK(natural_less("2.png", "10.png"));
  CHECK_FALSE(natural_less("10.png", "2.png"));
  CHECK(natural_less("a2", "a10"));
  CHECK(natural_less("a", "a1"));
  CHECK(natural_less("a1b", "a1c"));
  CHECK(natural_less("img9_z", "img10_a"));
  CHECK(natural_less("iso.2600.png", "iso.2601.png"));
  // Numbers longer than any integer type still compare by value.
  CHECK(natural_less("s99999999999999999999999", "s100000000000000000000000"));
}

TEST_CASE("natural_less breaks ties of equal value by plain string order") {
  // "a01" and "a1" are the same number; the plain comparison decides, consistently both ways.
  CHECK(natural_less("a01", "a1") != natural_less("a1", "a01"));
  CHECK(natural_less("a01", "a1") == (std::string("a01") < std::string("a1")));
  CHECK_FALSE(natural_less("x5", "x5"));
}

TEST_CASE("natural_less sorts a realistic listing") {
  std::vector<std::string> names{"s10.png", "s2.png", "s1.png", "s02.png", "S3.png", "s100.png", "s9.tif"};
  std::sort(names.begin(), names.end(), natural_less);
  const std::vector<std::string> expected{"S3.png", "s1.png", "s02.png", "s2.png", "s9.tif", "s10.png", "s100.png"};
  CHECK(names == expected);
}
