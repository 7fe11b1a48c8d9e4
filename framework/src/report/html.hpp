#pragma once
// Text helpers for the report page: escaping and number formatting.

#include <string>
#include <string_view>

namespace zspace::report {

/// Escapes &, <, >, " and ' so the text is safe both as element content and inside a quoted
/// attribute value.
std::string escape(std::string_view text);

/// A coordinate for SVG path data: one decimal, never "nan"/"inf" (callers pass finite values;
/// anything else becomes 0 so that a bad value cannot break the whole path).
std::string coord(double v);

/// A number for people to read: up to `digits` significant digits, "–" for NaN, "∞" for infinity.
std::string readable(double v, int digits = 4);

}  // namespace zspace::report
