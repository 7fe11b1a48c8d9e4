#pragma once
// Small helpers shared by the image readers and writers.

#include <string>

namespace zspace::io {

/// Messages are one line: newlines and tabs from libraries become spaces, trailing space goes.
std::string one_line(std::string text);

/// strerror(errno), captured right after the failing call.
std::string errno_text();

}  // namespace zspace::io
