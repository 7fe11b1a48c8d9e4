#include "io/io_util.hpp"

#include <cerrno>
#include <cstring>

namespace zspace::io {

std::string one_line(std::string text) {
  for (char& c : text)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

std::string errno_text() { return std::strerror(errno); }

}  // namespace zspace::io
