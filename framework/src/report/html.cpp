#include "report/html.hpp"

#include <cmath>

#include <fmt/format.h>

namespace zspace::report {

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string coord(double v) {
  if (!std::isfinite(v)) v = 0;
  // Avoid "-0.0": it is valid, but costs a byte on every point near an axis.
  std::string s = fmt::format("{:.1f}", v);
  if (s == "-0.0") s = "0.0";
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  return s;
}

std::string readable(double v, int digits) {
  if (std::isnan(v)) return "\u2013";
  if (std::isinf(v)) return v > 0 ? "\u221e" : "\u2212\u221e";
  return fmt::format("{:.{}g}", v, digits);
}

}  // namespace zspace::report
