#include "engine/calibrating_metric.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <stdexcept>
#include <string>

#include "zspace/engine/calibration.hpp"

namespace zspace {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace

// The prepared whole section (what the band is made of) and its tiles.
class CalibratingMetric::Prepared final : public PreparedSection {
 public:
  std::size_t index = 0;
  std::unique_ptr<PreparedSection> whole;
  /// One per tile, row-major; empty when the only tile is the whole section, which then
  /// serves as its own tile instead of being prepared twice.
  std::vector<std::unique_ptr<PreparedSection>> tiles;

  bool usable() const override { return whole->usable(); }
  const PreparedSection& tile(std::size_t t) const { return tiles.empty() ? *whole : *tiles[t]; }
};

CalibratingMetric::CalibratingMetric(SimilarityMetric& inner, Calibration& store, int width, int height)
    : inner_(inner), store_(store), width_(width), height_(height) {
  for (int ty = 0; ty < store.tiles_y; ++ty) {
    const int y0 = calibration_tile_bound(ty, store.tiles_y, height);
    const int y1 = calibration_tile_bound(ty + 1, store.tiles_y, height);
    for (int tx = 0; tx < store.tiles_x; ++tx) {
      const int x0 = calibration_tile_bound(tx, store.tiles_x, width);
      const int x1 = calibration_tile_bound(tx + 1, store.tiles_x, width);
      tiles_.push_back({x0, y0, x1 - x0, y1 - y0});
    }
  }
}

const CalibratingMetric::Prepared& CalibratingMetric::as_prepared(const PreparedSection& p) {
  return static_cast<const Prepared&>(p);
}

double CalibratingMetric::shifted_similarity(const Section& section, const PreparedSection& tile, const Box& box,
                                             int d, bool along_x) const {
  const int pos = along_x ? box.x : box.y;
  const int length = along_x ? box.width : box.height;
  const int extent = along_x ? width_ : height_;
  const auto cut = [&](int at, int size) {
    return along_x ? crop(section, at, box.y, size, box.height) : crop(section, box.x, at, box.width, size);
  };
  // The cuts are made for this comparison only, so the metric may keep their pixels.
  const auto prepared_cut = [&](int at, int size) { return inner_.prepare_owned(cut(at, size)); };
  // Shifting towards the interior keeps the whole tile in the comparison.
  if (pos + length + d <= extent) return inner_.compare_unaligned(tile, *prepared_cut(pos + d, length));
  if (pos - d >= 0) return inner_.compare_unaligned(tile, *prepared_cut(pos - d, length));
  // The tile spans the section along this axis: compare the part of it that overlaps itself.
  return inner_.compare_unaligned(*prepared_cut(pos, length - d), *prepared_cut(pos + d, length - d));
}

void CalibratingMetric::measure_curves(const Section& section, const Prepared& prepared) const {
  const std::size_t shifts = store_.shifts.size();
  for (std::size_t t = 0; t < tiles_.size(); ++t) {
    double* curve = store_.curves.data() + (prepared.index * tiles_.size() + t) * shifts;
    const PreparedSection& tile = prepared.tile(t);
    for (std::size_t k = 0; k < shifts; ++k) {
      curve[k] = kNaN;
      if (!tile.usable()) continue;
      const int d = static_cast<int>(store_.shifts[k]);
      const double vx = shifted_similarity(section, tile, tiles_[t], d, true);
      const double vy = shifted_similarity(section, tile, tiles_[t], d, false);
      if (std::isfinite(vx) && std::isfinite(vy))
        curve[k] = (vx + vy) / 2;
      else if (std::isfinite(vx) || std::isfinite(vy))
        curve[k] = std::isfinite(vx) ? vx : vy;
    }
  }
}

std::unique_ptr<PreparedSection> CalibratingMetric::prepare(const Section& section) const {
  const std::size_t sections = store_.tile_bands.empty() ? 0 : store_.tile_bands.front().size();
  if (section.index >= sections)
    throw std::runtime_error("section index " + std::to_string(section.index) + " is outside the " +
                             std::to_string(sections) + "-section calibration");
  if (section.width != width_ || section.height != height_)
    throw std::runtime_error("section is " + std::to_string(section.width) + "x" + std::to_string(section.height) +
                             " pixels, the calibration grid was laid out for " + std::to_string(width_) + "x" +
                             std::to_string(height_));
  auto prepared = std::make_unique<Prepared>();
  prepared->index = section.index;
  prepared->whole = inner_.prepare(section);
  const bool whole_is_tile = tiles_.size() == 1;
  if (!whole_is_tile)
    for (const Box& b : tiles_)
      prepared->tiles.push_back(inner_.prepare_owned(crop(section, b.x, b.y, b.width, b.height)));
  measure_curves(section, *prepared);
  return prepared;
}

double CalibratingMetric::compare(const PreparedSection& a, const PreparedSection& b) const {
  return inner_.compare(*as_prepared(a).whole, *as_prepared(b).whole);
}

Comparison CalibratingMetric::compare_aligned(const PreparedSection& a, const PreparedSection& b) const {
  return inner_.compare_aligned(*as_prepared(a).whole, *as_prepared(b).whole);
}

double CalibratingMetric::compare_unaligned(const PreparedSection& a, const PreparedSection& b) const {
  return inner_.compare_unaligned(*as_prepared(a).whole, *as_prepared(b).whole);
}

void CalibratingMetric::compare_many(const PreparedSection& b, const PreparedSection* const* partners,
                                     std::size_t count, Comparison* out) const {
  const Prepared& pb = as_prepared(b);
  std::vector<const Prepared*> wrapped(count);
  std::vector<const PreparedSection*> inner_partners(count);
  for (std::size_t k = 0; k < count; ++k) {
    wrapped[k] = &as_prepared(*partners[k]);
    inner_partners[k] = wrapped[k]->whole.get();
  }
  inner_.compare_many(*pb.whole, inner_partners.data(), count, out);

  // A pair with a tile without signal is missing from that tile's band, as compute_band
  // leaves the pairs of a section without signal.
  const auto record = [&](std::size_t t, const Comparison* values) {
    for (std::size_t k = 0; k < count; ++k) {
      const bool measured = pb.tile(t).usable() && wrapped[k]->tile(t).usable();
      store_.tile_bands[t].set(wrapped[k]->index, pb.index, measured ? values[k].value : kNaN);
    }
  };
  if (pb.tiles.empty()) {
    record(0, out);
    return;
  }
  std::vector<Comparison> values(count);
  for (std::size_t t = 0; t < tiles_.size(); ++t) {
    for (std::size_t k = 0; k < count; ++k) inner_partners[k] = &wrapped[k]->tile(t);
    inner_.compare_many(pb.tile(t), inner_partners.data(), count, values.data());
    record(t, values.data());
  }
}

}  // namespace zspace
