#pragma once
// What opening a stack learns about one image without decoding its pixels.

#include <cstddef>
#include <string>

namespace zspace::io {

enum class SampleType { uint8, uint16, uint32, float32 };

struct ImageHeader {
  int width = 0;
  int height = 0;
  SampleType type = SampleType::uint8;
};

/// Largest section we agree to allocate; a corrupt header must give an error, not bad_alloc.
inline constexpr std::size_t max_section_pixels = std::size_t{1} << 31;

/// "WxH", the way sizes appear in messages.
inline std::string size_text(int width, int height) {
  return std::to_string(width) + "x" + std::to_string(height);
}

}  // namespace zspace::io
