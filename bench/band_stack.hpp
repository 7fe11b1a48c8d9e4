#pragma once
// The stack the band benchmarks run on, held in memory at its own pixel depth: read from a
// folder or multi-page TIFF, or a synthetic 8-bit texture that changes smoothly along z.

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "zspace/engine/stack_reader.hpp"

namespace zspace::bench {

/// The section's pixel vector (whichever its depth fills) and its size in bytes.
const void* pixel_data(const Section& section);
std::size_t pixel_bytes(const Section& section);

struct BandStack {
  std::vector<Section> sections;
  std::string description;  ///< for the benchmark log: where it came from, size, depth
  /// Bytes of all pixels at their own depth (what reading the stack once costs).
  std::size_t bytes() const;
};

/// Every section of a stack on disk (zspace::open_stack), at its own depth.
BandStack load_stack(const std::filesystem::path& path);

/// n sections of size x size 8-bit pixels: a few smooth random textures mixed with weights
/// that vary smoothly along z, plus pixel noise, so neighbours are similar and similarity
/// falls off with distance. Deterministic for a seed.
BandStack synthetic_stack(std::size_t n, int size, unsigned seed = 1);

/// A StackReader over sections in memory; read() copies, as a file reader hands out new data.
class MemoryReader final : public StackReader {
 public:
  explicit MemoryReader(const std::vector<Section>& sections) : sections_(sections) {}
  std::size_t size() const override { return sections_.size(); }
  int width() const override { return sections_.empty() ? 0 : sections_[0].width; }
  int height() const override { return sections_.empty() ? 0 : sections_[0].height; }
  std::string name(std::size_t i) const override { return "section " + std::to_string(i); }
  Section read(std::size_t i) const override { return sections_[i]; }
  bool concurrent_reads() const override { return true; }

 private:
  const std::vector<Section>& sections_;
};

/// A StackReader that hands over sections decoded beforehand: read(i) moves section i out, once,
/// as a reader that decodes straight into the section it returns would. Refill with load().
class HandoverReader final : public StackReader {
 public:
  void load(const std::vector<Section>& sections) { sections_ = sections; }
  std::size_t size() const override { return sections_.size(); }
  int width() const override { return sections_.empty() ? 0 : sections_[0].width; }
  int height() const override { return sections_.empty() ? 0 : sections_[0].height; }
  std::string name(std::size_t i) const override { return "section " + std::to_string(i); }
  Section read(std::size_t i) const override { return std::move(sections_[i]); }
  bool concurrent_reads() const override { return true; }  // each index is read once

 private:
  mutable std::vector<Section> sections_;
};

}  // namespace zspace::bench
