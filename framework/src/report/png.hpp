#pragma once
// Small PNG images for the report's heat maps, inlined as data URIs.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace zspace::report {

using Rgb = std::array<std::uint8_t, 3>;

/// An 8-bit indexed-colour PNG file: `pixels` holds width*height palette indices, row by row
/// from the top; the palette has 1..256 entries and every index must be inside it.
/// Throws std::invalid_argument for inconsistent sizes.
std::string indexed_png(int width, int height, const std::vector<std::uint8_t>& pixels,
                        const std::vector<Rgb>& palette);

/// Standard base64 (RFC 4648, with padding).
std::string base64(std::string_view bytes);

/// "data:image/png;base64,..." for an encoded PNG file.
std::string png_data_uri(std::string_view png);

}  // namespace zspace::report
