#pragma once
// Numbers as text for files and messages.

#include <string>

namespace zspace {

/// Shortest text that reads back to the same double (std::to_chars); "inf"/"nan" as such.
std::string format_double(double v);

}  // namespace zspace
