#include "pipeline/yaml_text.hpp"

#include <array>
#include <cctype>
#include <cstdio>

namespace zspace::pipeline_detail {

namespace {

bool safe_plain_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '.' || c == '/' ||
         c == '-';
}

// Words some YAML reader (1.1 or 1.2) takes for a bool or null.
bool is_reserved_word(const std::string& s) {
  std::string l;
  for (char c : s) l += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* w : {"true", "false", "yes", "no", "on", "off", "y", "n", "null"}) {
    if (l == w) return true;
  }
  return false;
}

bool can_be_plain(const std::string& s) {
  if (s.empty() || is_reserved_word(s)) return false;
  // A leading digit, sign or dot could read as a number (".5", "-1", "1e3").
  const char first = s.front();
  if (!(std::isalpha(static_cast<unsigned char>(first)) != 0 || first == '_' || first == '/')) {
    return false;
  }
  for (char c : s) {
    if (!safe_plain_char(c)) return false;
  }
  return true;
}

}  // namespace

std::string yaml_string(const std::string& text) {
  if (can_be_plain(text)) return text;
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          std::array<char, 8> hex{};
          std::snprintf(hex.data(), hex.size(), "\\x%02x", static_cast<unsigned>(c));
          out += hex.data();
        } else {
          out += c;  // UTF-8 passes through; double-quoted YAML takes it as is
        }
    }
  }
  return out + "\"";
}

}  // namespace zspace::pipeline_detail
