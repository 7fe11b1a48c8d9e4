// zspace simulate: sources, depths and defects put together, written as one folder.

#include <algorithm>
#include <cmath>
#include <fmt/core.h>
#include <fstream>
#include <memory>

#include "simulate/defects.hpp"
#include "simulate/records.hpp"
#include "simulate/resolved_spec.hpp"
#include "simulate/section_tiff.hpp"
#include "simulate/staged_folder.hpp"
#include "simulate/wave_field.hpp"
#include "zspace/engine/errors.hpp"
#include "zspace/engine/stack_reader.hpp"

namespace zspace {
namespace {

namespace fs = std::filesystem;
using sim::ResolvedSpec;
using sim::SectionDefects;

constexpr const char* kMarker = "simulation.yaml";

template <typename T>
std::vector<T> quantised(const std::vector<float>& values, double top) {
  std::vector<T> out(values.size());
  for (std::size_t k = 0; k < values.size(); ++k)
    out[k] = static_cast<T>(std::lround(std::clamp(static_cast<double>(values[k]), 0.0, top)));
  return out;
}

// Puts float values back into the section at its own depth: integers rounded and clamped.
void store(Section& section, const std::vector<float>& values) {
  switch (section.depth) {
    case PixelDepth::uint8: section.pixels8 = quantised<std::uint8_t>(values, 255); break;
    case PixelDepth::uint16: section.pixels16 = quantised<std::uint16_t>(values, 65535); break;
    case PixelDepth::float32: section.pixels = values; break;
  }
}

std::vector<float> values_of(const Section& section) {
  std::vector<float> v(section.size());
  for (std::size_t k = 0; k < v.size(); ++k) v[k] = section.value(k);
  return v;
}

// One source of sections: the texture or the volume, behind one interface.
class Source {
 public:
  Source(const ResolvedSpec& r, const std::vector<double>& depths, const StackReader* volume, const Crop& crop)
      : r_(r), depths_(depths), volume_(volume), crop_(crop) {
    if (!volume_) field_ = std::make_unique<sim::WaveField>(r.spec.texture, r.spec.seed);
  }

  Section section(std::size_t i, const SectionDefects& defects) const {
    if (field_) {
      Section s;
      s.width = field_->width();
      s.height = field_->height();
      s.depth = PixelDepth::uint8;
      std::vector<float> values = field_->render(depths_[i]);
      sim::apply_defects(values, s.width, s.height, defects, r_, i);
      store(s, values);
      return s;
    }
    Section s = crop(volume_->read(static_cast<std::size_t>(depths_[i])), crop_.x, crop_.y, crop_.width, crop_.height);
    if (defects.any()) {  // clean slices are copied untouched, bit for bit
      std::vector<float> values = values_of(s);
      sim::apply_defects(values, s.width, s.height, defects, r_, i);
      store(s, values);
    }
    return s;
  }

 private:
  const ResolvedSpec& r_;
  const std::vector<double>& depths_;
  const StackReader* volume_;
  Crop crop_;
  std::unique_ptr<sim::WaveField> field_;
};

void write_text(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  if (!out) throw DataError(path.string() + ": cannot write (disk full?)");
}

}  // namespace

SimulationResult simulate(const SimulationSpec& spec, const fs::path& output) {
  const ResolvedSpec r = sim::resolve(spec);
  std::unique_ptr<StackReader> volume;
  Crop crop{0, 0, r.spec.texture.width, r.spec.texture.height};
  std::size_t volume_depth = 0;
  if (r.from_volume) {
    volume = open_stack(r.spec.volume);
    volume_depth = volume->size();
    crop = sim::resolve_crop(r, volume->width(), volume->height());
  }
  const std::vector<double> depths = sim::depths(r, volume_depth);

  sim::StagedFolder folder(output, kMarker, r.spec.overwrite);
  SimulationResult result;
  result.dir = folder.destination();
  result.width = crop.width;
  result.height = crop.height;
  const Source source(r, depths, volume.get(), crop);
  const int digits = std::max(4, static_cast<int>(std::to_string(depths.size() - 1).size()));
  for (std::size_t i = 0; i < depths.size(); ++i) {
    const SectionDefects defects = sim::defects_of(r, i);
    const std::string file = fmt::format("{:0{}}.tif", i, digits);
    sim::write_section_tiff(folder.path() / file, source.section(i, defects));
    result.sections.push_back({file, depths[i], defects.label(), defects.shift_x, defects.shift_y});
  }
  write_text(folder.path() / "truth.csv", sim::truth_csv(result));
  write_text(folder.path() / kMarker, sim::simulation_yaml(r, result, crop, volume_depth));
  folder.commit();
  return result;
}

}  // namespace zspace
