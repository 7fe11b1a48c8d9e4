#pragma once
// A metric wrapper that lets the ordinary band engine compute the in-plane calibration in the
// same pass as the band: prepare() also measures each tile's self-similarity curve, and
// compare_many() also fills each tile's band. The values it returns are the inner metric's,
// so the band and its shifts are exactly those of the inner metric alone.

#include <memory>
#include <vector>

#include "zspace/metric.hpp"
#include "zspace/solver.hpp"

namespace zspace {

class CalibratingMetric final : public SimilarityMetric {
 public:
  /// `store` must outlive the metric and come sized: tiles_x, tiles_y and shifts set, curves
  /// sections * tiles * shifts long, tile_bands one band per tile (like the band computed).
  /// prepare() writes the curves of its section, compare_many() the tile pairs of its row;
  /// no slot is written by two calls, so concurrent calls need no locking. Sections are
  /// width x height pixels.
  CalibratingMetric(SimilarityMetric& inner, Calibration& store, int width, int height);

  std::unique_ptr<PreparedSection> prepare(const Section& section) const override;
  double compare(const PreparedSection& a, const PreparedSection& b) const override;
  bool accepts_integer_pixels() const override { return inner_.accepts_integer_pixels(); }
  bool reports_shifts() const override { return inner_.reports_shifts(); }
  Comparison compare_aligned(const PreparedSection& a, const PreparedSection& b) const override;
  double compare_unaligned(const PreparedSection& a, const PreparedSection& b) const override;
  void compare_many(const PreparedSection& b, const PreparedSection* const* partners, std::size_t count,
                    Comparison* out) const override;
  bool wants_stack_statistics() const override { return inner_.wants_stack_statistics(); }
  void set_stack_statistics(const StackStatistics& statistics) override { inner_.set_stack_statistics(statistics); }

 private:
  struct Box {
    int x = 0, y = 0, width = 0, height = 0;
  };
  class Prepared;
  static const Prepared& as_prepared(const PreparedSection& p);

  double shifted_similarity(const Section& section, const PreparedSection& tile, const Box& box, int d,
                            bool along_x) const;
  void measure_curves(const Section& section, const Prepared& prepared) const;

  SimilarityMetric& inner_;
  Calibration& store_;
  int width_;
  int height_;
  std::vector<Box> tiles_;  // row-major
};

}  // namespace zspace
