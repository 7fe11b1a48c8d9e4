#pragma once
// Checks a plugin's declared parameter schema against the one its tests expect.

#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

#include "zspace/params.hpp"

namespace zspace::test {

struct ExpectedParam {
  ParamType type;
  ParamValue value;  ///< the default
  bool advanced;
};

/// `declared` holds exactly the parameters named in `expected`, each with the expected type,
/// default and advanced flag, and a doc line.
inline void check_schema(const std::vector<ParamSpec>& declared, const std::map<std::string, ExpectedParam>& expected) {
  CHECK(declared.size() == expected.size());
  for (const auto& spec : declared) {
    CAPTURE(spec.name);
    const auto it = expected.find(spec.name);
    REQUIRE(it != expected.end());
    CHECK(spec.type == it->second.type);
    CHECK(spec.default_value == it->second.value);
    CHECK(spec.advanced == it->second.advanced);
    CHECK(!spec.doc.empty());
  }
}

}  // namespace zspace::test
