#pragma once
// A small inline-SVG plot: axes with ticks and labels, lines, dots, titled markers, reference
// lines, an optional heat-map image with its colour bar, and a legend above the plot area (so
// it never hides data).

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "report/series.hpp"

namespace zspace::report {

/// Tick positions at 1, 2 or 5 times a power of ten covering [lo, hi] (about `target` of them).
std::vector<double> nice_ticks(double lo, double hi, int target = 5);

class SvgPlot {
 public:
  /// `id` becomes the element id "plot-<id>" (ASCII letters, digits and '-' only).
  SvgPlot(std::string id, std::string x_label, std::string y_label, double width, double height);

  /// Fixes an axis range; otherwise it covers the data (and reference lines) with a margin.
  void x_range(double lo, double hi) { x_fixed_ = {lo, hi}; }
  void y_range(double lo, double hi) { y_fixed_ = {lo, hi}; }

  /// A polyline through the points (NaN y breaks it); long series are reduced to the
  /// extremes per pixel column.
  void line(std::vector<Point> points, std::string colour, std::string legend, bool dashed = false);
  /// A shaded band between each span's lo and hi (NaN bounds break it); drawn where it is added,
  /// so add it before the lines it surrounds. Long series are reduced with envelope().
  void area(std::vector<Span> spans, std::string colour, double opacity, std::string legend);
  /// Small filled dots (scatter).
  void dots(std::vector<Point> points, std::string colour, double opacity, std::string legend);
  /// Open circles with a hover title each (e.g. flagged sections).
  struct Marker {
    Point at;
    std::string title;
  };
  void markers(std::vector<Marker> markers, std::string colour, std::string legend);
  /// A horizontal reference line across the plot (not counted as data).
  void hline(double y, std::string colour, std::string legend);
  /// A heat-map image (data URI) covering the data rectangle [x_lo, x_hi] x [y_lo, y_hi], with a
  /// colour bar from `lo` to `hi` on the right; `cells` counts its non-missing pixels.
  void image(std::string data_uri, double x_lo, double x_hi, double y_lo, double y_hi, std::size_t cells,
             double lo, double hi, std::string bar_label);

  /// Number of data items drawn so far (points, dots, markers, image pixels).
  std::size_t data_points() const { return data_points_; }

  std::string render() const;

 private:
  struct Series {
    enum class Kind { line, dots, markers, hline, area } kind;
    std::vector<Point> points;  // area: each span as (x, lo) and (x, hi)
    std::vector<std::string> titles;  // markers only
    std::string colour, legend;
    bool dashed = false;
    double opacity = 1;
  };
  struct Image {
    std::string uri;
    double x_lo, x_hi, y_lo, y_hi, lo, hi;
    std::string bar_label;
  };
  struct LegendEntry {
    const Series* series;
    double x, baseline;
  };
  /// Legend entries left to right in rows above the plot area, wrapping at `right`.
  std::vector<LegendEntry> legend_layout(double left, double right) const;
  std::pair<double, double> range(bool x) const;

  std::string id_, x_label_, y_label_;
  double width_, height_;
  std::optional<std::pair<double, double>> x_fixed_, y_fixed_;
  std::vector<Series> series_;
  std::optional<Image> image_;
  std::size_t data_points_ = 0;
};

}  // namespace zspace::report
