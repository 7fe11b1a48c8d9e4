#pragma once
// Writing a section as a single-page TIFF at its own depth (8/16-bit unsigned, 32-bit float).

#include <filesystem>

#include "zspace/section.hpp"

namespace zspace::sim {

/// Throws DataError naming the file on failure.
void write_section_tiff(const std::filesystem::path& path, const Section& section);

}  // namespace zspace::sim
