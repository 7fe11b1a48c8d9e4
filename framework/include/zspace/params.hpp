#pragma once
/// @file params.hpp
/// Parameter schemas (declared by plugins, validated by the host) and validated values.

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace zspace {

/// Type of a plugin parameter as it appears in a pipeline file.
enum class ParamType {
  boolean,  ///< true / false; value held as bool
  integer,  ///< whole number; value held as std::int64_t
  real,     ///< number; value held as double (integers in the file are accepted)
  choice    ///< one of ParamSpec::choices; value held as std::string
};

/// A parameter value: bool, integer, real, or text (for choices).
using ParamValue = std::variant<bool, std::int64_t, double, std::string>;

/// One declared parameter of a plugin. The host validates pipeline values against it, fills in
/// the default, and prints it in `zspace plugins`.
struct ParamSpec {
  std::string name;                  ///< key under `params:` (lower_snake_case)
  ParamType type = ParamType::real;  ///< decides which ParamValue alternative the value holds
  ParamValue default_value;          ///< used when the pipeline does not set the key
  std::optional<double> minimum;     ///< inclusive lower bound (integer and real)
  std::optional<double> maximum;     ///< inclusive upper bound (integer and real)
  std::vector<std::string> choices;  ///< allowed values of a choice parameter
  std::string doc;                   ///< one or two sentences: what it does, when to change it
  bool advanced = false;             ///< marked "(advanced)" in `zspace plugins`; validated like any other

  /// A true/false switch with its default.
  static ParamSpec boolean(std::string name, bool def, std::string doc) {
    ParamSpec s;
    s.name = std::move(name);
    s.type = ParamType::boolean;
    s.default_value = def;
    s.doc = std::move(doc);
    return s;
  }
  /// A whole number with its default and optional inclusive bounds (std::nullopt = unbounded).
  static ParamSpec integer(std::string name, std::int64_t def, std::optional<double> lo,
                           std::optional<double> hi, std::string doc) {
    ParamSpec s;
    s.name = std::move(name);
    s.type = ParamType::integer;
    s.default_value = def;
    s.minimum = lo;
    s.maximum = hi;
    s.doc = std::move(doc);
    return s;
  }
  /// A real number with its default and optional inclusive bounds (std::nullopt = unbounded).
  static ParamSpec real(std::string name, double def, std::optional<double> lo,
                        std::optional<double> hi, std::string doc) {
    ParamSpec s;
    s.name = std::move(name);
    s.type = ParamType::real;
    s.default_value = def;
    s.minimum = lo;
    s.maximum = hi;
    s.doc = std::move(doc);
    return s;
  }
  /// One of a fixed list of words (e.g. {"pin-ends", "none"}); def must be in the list.
  static ParamSpec choice(std::string name, std::string def, std::vector<std::string> choices,
                          std::string doc) {
    ParamSpec s;
    s.name = std::move(name);
    s.type = ParamType::choice;
    s.default_value = std::move(def);
    s.choices = std::move(choices);
    s.doc = std::move(doc);
    return s;
  }
  /// Marks the parameter advanced (shown with "(advanced)"); chainable after a factory.
  ParamSpec& as_advanced() {
    advanced = true;
    return *this;
  }
};

/// Text name of a parameter type ("bool", "int", "real", "choice").
inline const char* to_string(ParamType t) {
  switch (t) {
    case ParamType::boolean: return "bool";
    case ParamType::integer: return "int";
    case ParamType::real: return "real";
    case ParamType::choice: return "choice";
  }
  return "?";
}

/// Validated parameter values handed to a plugin's factory: every declared parameter is
/// present, of its declared type and inside its bounds.
class Params {
 public:
  /// No values: only for plugins created directly (tests); the host always passes a full set.
  Params() = default;
  /// Takes the values as they are; the host builds them already validated.
  explicit Params(std::map<std::string, ParamValue> values) : values_(std::move(values)) {}

  /// Value of a boolean parameter. Throws std::invalid_argument if unset or of another type.
  bool get_bool(const std::string& name) const { return get<bool>(name); }
  /// Value of an integer parameter. Throws std::invalid_argument if unset or of another type.
  std::int64_t get_int(const std::string& name) const { return get<std::int64_t>(name); }
  /// Value of a real parameter; integer values are converted. Throws std::invalid_argument if
  /// unset or not a number.
  double get_real(const std::string& name) const {
    const ParamValue& v = find(name);
    if (auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
    if (auto* d = std::get_if<double>(&v)) return *d;
    throw std::invalid_argument("parameter '" + name + "' is not a number");
  }
  /// Value of a choice parameter (one of its declared words). Throws std::invalid_argument if
  /// unset or of another type.
  const std::string& get_choice(const std::string& name) const { return get<std::string>(name); }

  /// True if a value for `name` is present.
  bool has(const std::string& name) const { return values_.count(name) != 0; }
  /// Sets or replaces a value (no validation: the schema check is the host's job).
  void set(const std::string& name, ParamValue v) { values_[name] = std::move(v); }
  /// Every value by name (sorted), e.g. to merge over defaults.
  const std::map<std::string, ParamValue>& values() const { return values_; }

  /// Defaults of every declared parameter.
  static Params defaults(const std::vector<ParamSpec>& schema) {
    Params p;
    for (const auto& s : schema) p.values_[s.name] = s.default_value;
    return p;
  }

  /// These values over the schema's defaults: what a factory reads when it may be called
  /// directly (tests, other programs) with only some parameters set.
  Params with_defaults(const std::vector<ParamSpec>& schema) const {
    Params p = defaults(schema);
    for (const auto& [name, value] : values_) p.values_[name] = value;
    return p;
  }

 private:
  const ParamValue& find(const std::string& name) const {
    auto it = values_.find(name);
    if (it == values_.end()) throw std::invalid_argument("parameter '" + name + "' is not set");
    return it->second;
  }
  template <class T>
  const T& get(const std::string& name) const {
    const ParamValue& v = find(name);
    if (auto* p = std::get_if<T>(&v)) return *p;
    throw std::invalid_argument("parameter '" + name + "' has another type");
  }
  std::map<std::string, ParamValue> values_;
};

}  // namespace zspace
