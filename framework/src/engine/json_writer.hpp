#pragma once
// A minimal streaming JSON writer: enough for result.json, with round-trippable numbers and
// NaN written as null (JSON has no NaN).

#include <cstdint>
#include <string>
#include <vector>

#include "common/number_text.hpp"

namespace zspace {

class JsonWriter {
 public:
  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(const std::string& k);
  JsonWriter& value(const std::string& v);
  JsonWriter& value(const char* v) { return value(std::string(v)); }
  JsonWriter& value(double v);
  JsonWriter& value(std::int64_t v);
  JsonWriter& value(std::size_t v) { return value(static_cast<std::int64_t>(v)); }
  JsonWriter& value(int v) { return value(static_cast<std::int64_t>(v)); }
  JsonWriter& value(bool v);
  JsonWriter& null();
  /// Inserts already formatted JSON (a value) as is, e.g. a compact [i, j, dx, dy] tuple.
  JsonWriter& raw(const std::string& json);
  JsonWriter& array(const std::vector<double>& values);
  const std::string& str() const { return out_; }

 private:
  void separate();
  void write_string(const std::string& v);
  void indent();
  std::string out_;
  std::vector<bool> first_;  // per open container: nothing written yet
  bool after_key_ = false;
};

}  // namespace zspace
