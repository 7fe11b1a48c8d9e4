#include "pipeline/scalars.hpp"

#include <charconv>
#include <cmath>
#include <system_error>

#include "common/number_text.hpp"

namespace zspace::pipeline_detail {

namespace {

// "?" is yaml-cpp's tag for an untagged plain scalar; quoted ones get "!".
bool is_plain_scalar(const YAML::Node& node) {
  return node.IsDefined() && node.IsScalar() && node.Tag() == "?";
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// YAML 1.2 core float/int grammar: [-+]? ( \.[0-9]+ | [0-9]+ (\.[0-9]*)? ) ([eE][-+]?[0-9]+)?
bool is_yaml_number(const std::string& s) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  std::size_t int_digits = 0;
  while (i < s.size() && is_digit(s[i])) ++i, ++int_digits;
  std::size_t frac_digits = 0;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && is_digit(s[i])) ++i, ++frac_digits;
  }
  if (int_digits == 0 && frac_digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    std::size_t exp_digits = 0;
    while (i < s.size() && is_digit(s[i])) ++i, ++exp_digits;
    if (exp_digits == 0) return false;
  }
  return i == s.size();
}

bool is_yaml_non_finite(const std::string& s) {
  for (const char* t : {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf",
                        "-.INF", ".nan", ".NaN", ".NAN"}) {
    if (s == t) return true;
  }
  return false;
}

}  // namespace

ScalarStatus read_bool(const YAML::Node& node, bool& out) {
  if (!is_plain_scalar(node)) return ScalarStatus::wrong_type;
  const std::string& s = node.Scalar();
  if (s == "true" || s == "True" || s == "TRUE") {
    out = true;
    return ScalarStatus::ok;
  }
  if (s == "false" || s == "False" || s == "FALSE") {
    out = false;
    return ScalarStatus::ok;
  }
  return ScalarStatus::wrong_type;
}

ScalarStatus read_int(const YAML::Node& node, std::int64_t& out) {
  if (!is_plain_scalar(node)) return ScalarStatus::wrong_type;
  std::string s = node.Scalar();
  if (!s.empty() && s[0] == '+') s.erase(0, 1);  // from_chars does not take a '+'
  if (s.empty() || s[0] == '+') return ScalarStatus::wrong_type;
  for (std::size_t i = (s[0] == '-' ? 1 : 0); i < s.size(); ++i) {
    if (!is_digit(s[i])) return ScalarStatus::wrong_type;
  }
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  if (ec == std::errc::result_out_of_range) return ScalarStatus::out_of_range;
  if (ec != std::errc() || end != s.data() + s.size()) return ScalarStatus::wrong_type;
  return ScalarStatus::ok;
}

ScalarStatus read_real(const YAML::Node& node, double& out) {
  if (!is_plain_scalar(node)) return ScalarStatus::wrong_type;
  std::string s = node.Scalar();
  if (is_yaml_non_finite(s)) return ScalarStatus::not_finite;
  if (!is_yaml_number(s)) return ScalarStatus::wrong_type;
  if (s[0] == '+') s.erase(0, 1);
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  // Overflow ("1e999") would be infinite; underflow to 0 or a subnormal is harmless.
  if (ec == std::errc::result_out_of_range) {
    const bool overflow = std::fabs(std::strtod(s.c_str(), nullptr)) > 1.0;
    if (overflow) return ScalarStatus::not_finite;
    out = std::strtod(s.c_str(), nullptr);
    return ScalarStatus::ok;
  }
  if (ec != std::errc() || end != s.data() + s.size()) return ScalarStatus::wrong_type;
  return std::isfinite(out) ? ScalarStatus::ok : ScalarStatus::not_finite;
}

bool is_text(const YAML::Node& node) { return node.IsDefined() && node.IsScalar(); }

std::string format_real(double value) {
  std::string s = format_double(value);
  if (s.find_first_of(".eEn") == std::string::npos) s += ".0";  // 'n': inf/nan stay as is
  return s;
}

std::string format_bound(double value) {
  // Shortest form would print 100000 as "1e+05"; a limit reads better written out.
  if (std::trunc(value) == value && std::fabs(value) < 1e15) {
    return std::to_string(static_cast<std::int64_t>(value));
  }
  return format_double(value);
}

}  // namespace zspace::pipeline_detail
