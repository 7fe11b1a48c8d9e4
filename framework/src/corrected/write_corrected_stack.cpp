#include <array>
#include <cmath>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

#include "corrected/blend.hpp"
#include "corrected/slice_sink.hpp"
#include "io/image_header.hpp"
#include "zspace/engine/corrected_stack.hpp"
#include "zspace/engine/errors.hpp"
#include "zspace/engine/progress.hpp"
#include "zspace/engine/stack_reader.hpp"

namespace zspace {
namespace {

const char* depth_name(PixelDepth depth) {
  switch (depth) {
    case PixelDepth::uint8: return "8-bit";
    case PixelDepth::uint16: return "16-bit";
    default: return "float";
  }
}

void check_options(const CorrectedStackOptions& options) {
  if (options.voxel_size)
    for (const double v : *options.voxel_size)
      if (!(std::isfinite(v) && v > 0))
        throw ConfigError("input.voxel_size: must be three positive sizes [x, y, z] in nm");
  const std::string& d = options.dataset;
  if (options.format == CorrectedFormat::hdf5 && (d.size() < 2 || d.front() != '/' || d.back() == '/'))
    throw ConfigError("corrected stack dataset \"" + d + "\": must be an absolute path such as /corrected");
}

// The (at most) two sections around the current slice. Slices go up in z and sections are
// needed in z order, so when a new one comes in, the one that is not needed any more goes.
class SectionWindow {
 public:
  explicit SectionWindow(const StackReader& input) : input_(input) {}

  /// Section `index`, keeping section `keep` (the other one the slice needs) if held.
  const Section& get(std::size_t index, std::size_t keep) {
    for (Slot& slot : slots_)
      if (slot.held && slot.index == index) return slot.section;
    Slot& victim = slots_[0].held && slots_[0].index == keep ? slots_[1] : slots_[0];
    victim.section = Section{};  // freed before the read: never three sections at once
    victim.held = false;
    victim.section = input_.read(index);
    victim.index = index;
    victim.held = true;
    return victim.section;
  }

 private:
  struct Slot {
    bool held = false;
    std::size_t index = 0;
    Section section;
  };
  const StackReader& input_;
  std::array<Slot, 2> slots_;
};

void check_section(const StackReader& input, std::size_t index, const Section& s, const corrected::StackShape& shape,
                   std::size_t first) {
  if (s.width != shape.width || s.height != shape.height)
    throw DataError(input.name(index) + ": section size " + io::size_text(s.width, s.height) + " differs from " +
                    io::size_text(shape.width, shape.height) + " of the stack");
  if (s.depth != shape.depth)
    throw DataError(input.name(index) + ": " + depth_name(s.depth) + " pixels, but the corrected stack is " +
                    depth_name(shape.depth) + " like " + input.name(first) +
                    "; convert the stack to one pixel type");
}

std::unique_ptr<corrected::SliceSink> make_sink(const CorrectedStackOptions& options, const std::filesystem::path& out,
                                                const corrected::StackShape& shape) {
  if (options.format == CorrectedFormat::hdf5) return corrected::make_hdf5_sink(out, options.dataset, shape);
  return corrected::make_tiff_sink(out, shape);
}

}  // namespace

void write_corrected_stack(const StackReader& input, const std::vector<double>& z,
                           const CorrectedStackOptions& options, const std::filesystem::path& out,
                           Progress* progress) {
  if (z.size() != input.size())
    throw std::invalid_argument("write_corrected_stack: " + std::to_string(z.size()) + " z values for " +
                                std::to_string(input.size()) + " sections");
  check_options(options);
  const std::vector<CorrectedSlice> plan = plan_corrected_stack(z, options.upsample);

  corrected::StackShape shape;
  shape.width = input.width();
  shape.height = input.height();
  shape.slices = plan.size();
  shape.spacing = corrected_slice_spacing(z, options.upsample);
  shape.voxel_size = options.voxel_size;

  std::unique_ptr<corrected::SliceSink> sink;
  bool created = false;  // only a file this call created may be removed on failure
  SectionWindow window(input);
  Section blended;
  if (progress) progress->begin("corrected", plan.size(), "slices");
  try {
    for (const CorrectedSlice& slice : plan) {
      if (interrupt_requested()) throw Interrupted("interrupted while writing the corrected stack");
      const Section& lower = window.get(slice.lower, slice.upper);
      if (!sink) {
        // The first slice is the lowest section: its type is the stack's.
        shape.depth = lower.depth;
        created = true;
        sink = make_sink(options, out, shape);
      }
      check_section(input, slice.lower, lower, shape, plan.front().lower);
      if (slice.upper == slice.lower) {
        sink->write(lower);
      } else {
        const Section& upper = window.get(slice.upper, slice.lower);
        check_section(input, slice.upper, upper, shape, plan.front().lower);
        corrected::blend(lower, upper, slice.upper_weight, blended);
        sink->write(blended);
      }
      if (progress) progress->advance();
    }
    sink->finish();
  } catch (...) {
    sink.reset();
    std::error_code ignored;
    if (created) std::filesystem::remove(out, ignored);  // a partial stack must not pass for a result
    throw;
  }
  if (progress) progress->end();
}

}  // namespace zspace
