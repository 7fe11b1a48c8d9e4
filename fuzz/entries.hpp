#pragma once
// One entry point per fuzz target, shared by the libFuzzer binaries and by the regression test
// that replays the seed corpora and every input that once crashed.

#include <cstddef>
#include <cstdint>

namespace zspace::fuzz {

/// A pipeline file: parse and validate against a catalog with one metric and one solver.
void pipeline(const std::uint8_t* data, std::size_t size);
/// A (multi-page) TIFF opened as a stack, every section read.
void tiff(const std::uint8_t* data, std::size_t size);
/// A PNG slice in a folder opened as a stack and read.
void png(const std::uint8_t* data, std::size_t size);
/// A saved similarity band (strip or square matrix TIFF).
void band(const std::uint8_t* data, std::size_t size);

}  // namespace zspace::fuzz
