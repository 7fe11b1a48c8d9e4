#include "common/number_text.hpp"

#include <charconv>

namespace zspace {

std::string format_double(double v) {
  char buf[64];
  const auto res = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, res.ptr);
}

}  // namespace zspace
