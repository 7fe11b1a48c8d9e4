#include "pipeline/values.hpp"

#include "pipeline/did_you_mean.hpp"
#include "pipeline/scalars.hpp"

namespace zspace::pipeline_detail {

namespace {

std::string range_text(const char* noun, std::optional<double> lo, std::optional<double> hi) {
  if (lo && hi) return std::string(noun) + " in [" + format_bound(*lo) + ", " + format_bound(*hi) + "]";
  if (lo) return std::string(noun) + " >= " + format_bound(*lo);
  if (hi) return std::string(noun) + " <= " + format_bound(*hi);
  return std::string("any ") + noun;
}

// Bounds are inclusive; the message names the violated one, Ceres-style.
void check_bounds(const Reporter& reporter, const Field& field, double value,
                  const std::string& value_text, std::optional<double> lo,
                  std::optional<double> hi, const std::string& allowed) {
  if (lo && value < *lo) {
    reporter.fail(field.value_anchor(), field.path,
                  value_text + " is below the minimum " + format_bound(*lo), allowed);
  }
  if (hi && value > *hi) {
    reporter.fail(field.value_anchor(), field.path,
                  value_text + " is above the maximum " + format_bound(*hi), allowed);
  }
}

std::int64_t integer_value(const Reporter& reporter, const Field& field,
                           const std::string& allowed) {
  std::int64_t v = 0;
  switch (read_int(field.value, v)) {
    case ScalarStatus::ok: return v;
    case ScalarStatus::out_of_range:
      reporter.fail(field.value_anchor(), field.path,
                    describe(field.value) + " does not fit in a 64-bit integer", allowed);
    default:
      reporter.fail(field.value_anchor(), field.path,
                    "expected an integer, got " + describe(field.value), allowed);
  }
}

double real_value(const Reporter& reporter, const Field& field, const std::string& allowed) {
  double v = 0;
  switch (read_real(field.value, v)) {
    case ScalarStatus::ok: return v;
    case ScalarStatus::not_finite:
      reporter.fail(field.value_anchor(), field.path,
                    describe(field.value) + " is not a finite number", allowed);
    default:
      reporter.fail(field.value_anchor(), field.path,
                    "expected a number, got " + describe(field.value), allowed);
  }
}

}  // namespace

std::string read_text(const Reporter& reporter, const Field& field, const std::string& what) {
  if (!is_text(field.value) || field.value.Scalar().empty()) {
    reporter.fail(field.value_anchor(), field.path,
                  "expected " + what + ", got " + describe(field.value));
  }
  return field.value.Scalar();
}

std::int64_t read_integer(const Reporter& reporter, const Field& field,
                          std::optional<double> minimum, std::optional<double> maximum) {
  const std::string allowed = range_text("integer", minimum, maximum);
  const std::int64_t v = integer_value(reporter, field, allowed);
  check_bounds(reporter, field, static_cast<double>(v), std::to_string(v), minimum, maximum,
               allowed);
  return v;
}

double read_number(const Reporter& reporter, const Field& field, std::optional<double> minimum,
                   std::optional<double> maximum) {
  const std::string allowed = range_text("number", minimum, maximum);
  const double v = real_value(reporter, field, allowed);
  check_bounds(reporter, field, v, format_bound(v), minimum, maximum, allowed);
  return v;
}

bool read_boolean(const Reporter& reporter, const Field& field) {
  bool b = false;
  if (read_bool(field.value, b) != ScalarStatus::ok)
    reporter.fail(field.value_anchor(), field.path, "expected true or false, got " + describe(field.value),
                  "true, false");
  return b;
}

std::vector<Field> read_list(const Reporter& reporter, const Field& field, std::size_t count,
                             const std::string& what) {
  if (!field.value.IsSequence() || field.value.size() != count) {
    const std::string got = field.value.IsSequence()
                                ? "a list of " + std::to_string(field.value.size())
                                : describe(field.value);
    reporter.fail(field.value_anchor(), field.path, "expected " + what + ", got " + got);
  }
  std::vector<Field> items;
  for (std::size_t i = 0; i < count; ++i) {
    const YAML::Node item = field.value[i];
    items.push_back(Field{field.key, item, field.path + "[" + std::to_string(i) + "]"});
  }
  return items;
}

std::string allowed_values(const ParamSpec& spec) {
  switch (spec.type) {
    case ParamType::boolean: return "true, false";
    case ParamType::integer: return range_text("integer", spec.minimum, spec.maximum);
    case ParamType::real: return range_text("number", spec.minimum, spec.maximum);
    case ParamType::choice: return join(spec.choices);
  }
  return {};
}

ParamValue read_param(const Reporter& reporter, const Field& field, const ParamSpec& spec) {
  const std::string allowed = allowed_values(spec);
  switch (spec.type) {
    case ParamType::boolean: {
      bool b = false;
      if (read_bool(field.value, b) != ScalarStatus::ok) {
        reporter.fail(field.value_anchor(), field.path,
                      "expected true or false, got " + describe(field.value), allowed);
      }
      return b;
    }
    case ParamType::integer:
      return read_integer(reporter, field, spec.minimum, spec.maximum);
    case ParamType::real: {
      const double v = real_value(reporter, field, allowed);
      check_bounds(reporter, field, v, format_bound(v), spec.minimum, spec.maximum, allowed);
      return v;
    }
    case ParamType::choice: {
      if (!is_text(field.value)) {
        reporter.fail(field.value_anchor(), field.path,
                      "expected one of the choices, got " + describe(field.value), allowed);
      }
      const std::string& s = field.value.Scalar();
      for (const auto& c : spec.choices) {
        if (c == s) return s;
      }
      reporter.fail(field.value_anchor(), field.path,
                    describe(field.value) + " is not one of the choices" +
                        did_you_mean_suffix(s, spec.choices),
                    allowed);
    }
  }
  reporter.fail(field.value_anchor(), field.path, "parameter has an unknown type");
}

}  // namespace zspace::pipeline_detail
