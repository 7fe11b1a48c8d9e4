#include "simulate/records.hpp"

#include <fmt/core.h>

#include "common/number_text.hpp"
#include "pipeline/yaml_text.hpp"
#include "zspace/version.hpp"

namespace zspace::sim {
namespace {

using pipeline_detail::yaml_string;

std::string num(double v) { return format_double(v); }

std::string joined(const std::vector<std::size_t>& list, const char* separator) {
  std::string text;
  for (std::size_t i : list) text += (text.empty() ? "" : separator) + std::to_string(i);
  return text;
}

// A shell word that pastes back as itself.
std::string shell_word(const std::string& text) {
  if (!text.empty() && text.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_./:,=+-") ==
                           std::string::npos)
    return text;
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

std::string command_line(const ResolvedSpec& r, const SimulationResult& result, const Crop& crop) {
  const SimulationSpec& s = r.spec;
  std::string cmd = "zspace simulate --output " + shell_word(result.dir.string());
  if (r.from_volume)
    cmd += fmt::format(" --volume {} --crop {},{},{},{}", shell_word(s.volume.string()), crop.x, crop.y, crop.width,
                       crop.height);
  else
    cmd += fmt::format(" --size {}x{} --spacing-px {}", s.texture.width, s.texture.height, num(s.texture.spacing_px));
  cmd += fmt::format(" --sections {} --pattern {} --thickness {}", s.sections, to_string(s.pattern),
                     thickness_text(r.thickness));
  if (r.gaps) cmd += fmt::format(" --gaps {} --gap-length {}", r.gaps, s.gap_length);
  if (s.pattern == SpacingPattern::drift)
    cmd += fmt::format(" --drift {} --drift-period {}", num(r.drift_amplitude), num(r.drift_period));
  cmd += " --start " + num(s.start);
  if (!s.noisy.empty()) cmd += fmt::format(" --noisy {} --noise {}", joined(s.noisy, ","), num(s.noise_level));
  if (!s.low_contrast.empty())
    cmd += fmt::format(" --low-contrast {} --contrast {}", joined(s.low_contrast, ","), num(s.contrast));
  if (!s.shifted.empty()) cmd += fmt::format(" --shifted {} --shift {}", joined(s.shifted, ","), s.shift_px);
  return cmd + " --seed " + std::to_string(s.seed);
}

}  // namespace

std::string truth_csv(const SimulationResult& result) {
  std::string out = "section,file,z,defect,shift_x,shift_y\n";
  for (std::size_t i = 0; i < result.sections.size(); ++i) {
    const SimulatedSection& s = result.sections[i];
    out += fmt::format("{},{},{},{},{},{}\n", i, s.file, num(s.z), s.defect, s.shift_x, s.shift_y);
  }
  return out;
}

std::string simulation_yaml(const ResolvedSpec& r, const SimulationResult& result, const Crop& crop,
                            std::size_t volume_depth) {
  const SimulationSpec& s = r.spec;
  std::string out = "# zspace simulate: how this stack was made. Running `command` again gives the same files.\n";
  out += "zspace_version: " + yaml_string(framework_version()) + "\n";
  out += "command: " + yaml_string(command_line(r, result, crop)) + "\n";
  if (r.from_volume) {
    out += "source: volume\n";
    out += "volume: " + yaml_string(s.volume.string()) + "\n";
    out += fmt::format("volume_depth: {}\n", volume_depth);
    out += fmt::format("crop: [{}, {}, {}, {}]\n", crop.x, crop.y, crop.width, crop.height);
    out += "depth_unit: voxel\n";
  } else {
    out += "source: texture\n";
    out += fmt::format("texture: {{width: {}, height: {}, spacing_px: {}}}\n", s.texture.width, s.texture.height,
                       num(s.texture.spacing_px));
    out += "depth_unit: nominal spacing\n";
  }
  out += fmt::format("sections: {}\n", s.sections);
  out += fmt::format("size: [{}, {}]\n", result.width, result.height);
  out += "pattern: " + to_string(s.pattern) + "\n";
  out += fmt::format("thickness: [{}, {}]\n", num(r.thickness.min), num(r.thickness.max));
  out += fmt::format("gaps: {}\ngap_length: {}\n", r.gaps, s.gap_length);
  if (s.pattern == SpacingPattern::drift)
    out += fmt::format("drift: {}\ndrift_period: {}\n", num(r.drift_amplitude), num(r.drift_period));
  out += "start: " + num(s.start) + "\n";
  out += fmt::format("noisy: [{}]\nnoise: {}\n", joined(s.noisy, ", "), num(s.noise_level));
  out += fmt::format("low_contrast: [{}]\ncontrast: {}\n", joined(s.low_contrast, ", "), num(s.contrast));
  out += fmt::format("shifted: [{}]\nshift: {}\n", joined(s.shifted, ", "), s.shift_px);
  out += fmt::format("seed: {}\n", s.seed);
  return out;
}

}  // namespace zspace::sim
