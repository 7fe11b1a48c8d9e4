#include "report/svg_plot.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include "report/colormap.hpp"
#include "report/html.hpp"

namespace zspace::report {
namespace {

constexpr double margin_left = 62, margin_right = 14, margin_top = 12, margin_bottom = 42;
constexpr double bar_space = 78;          // room right of the plot for the colour bar
constexpr std::size_t titled_markers = 400;  // beyond this, markers are drawn without titles
constexpr double legend_char_width = 6.4;    // approximate width of one 11 px character
constexpr double legend_row = 16;            // legend row height; the first baseline is at legend_row
constexpr double legend_gap = 8;             // between the last legend row and the plot area

std::string tick_label(double v, double step) {
  const int decimals = std::max(0, -static_cast<int>(std::floor(std::log10(step) + 1e-9)));
  return fmt::format("{:.{}f}", v, decimals);
}

/// Pixel position on an axis, kept finite and near the plot so the path stays short.
double to_pixel(double v, double lo, double hi, double p0, double p1) {
  const double p = p0 + (v - lo) / (hi - lo) * (p1 - p0);
  return std::clamp(p, std::min(p0, p1) - 1000, std::max(p0, p1) + 1000);
}

/// Appends a zero-length subpath at (x, y): with round caps it draws a dot. Appended piecewise
/// because GCC 12 warns (-Wrestrict) on "literal" + std::string.
void add_dot(std::string& d, const std::string& x, const std::string& y) {
  d += 'M';
  d += x;
  d += ' ';
  d += y;
  d += "h0";
}

}  // namespace

std::vector<double> nice_ticks(double lo, double hi, int target) {
  if (!(hi > lo) || !std::isfinite(lo) || !std::isfinite(hi)) return {lo};
  const double raw = (hi - lo) / std::max(target, 1);
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  const double f = raw / magnitude;
  const double step = (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * magnitude;
  std::vector<double> ticks;
  for (double k = std::ceil(lo / step - 1e-9); k <= std::floor(hi / step + 1e-9); ++k)
    ticks.push_back(k == 0 ? 0.0 : k * step);
  return ticks;
}

SvgPlot::SvgPlot(std::string id, std::string x_label, std::string y_label, double width, double height)
    : id_(std::move(id)), x_label_(std::move(x_label)), y_label_(std::move(y_label)), width_(width), height_(height) {
  for (char c : id_)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-')) throw std::invalid_argument("SvgPlot: bad id " + id_);
}

void SvgPlot::line(std::vector<Point> points, std::string colour, std::string legend, bool dashed) {
  for (const Point& p : points) data_points_ += std::isfinite(p.x) && std::isfinite(p.y);
  series_.push_back({Series::Kind::line, std::move(points), {}, std::move(colour), std::move(legend), dashed, 1});
}

void SvgPlot::area(std::vector<Span> spans, std::string colour, double opacity, std::string legend) {
  Series s{Series::Kind::area, {}, {}, std::move(colour), std::move(legend), false, opacity};
  s.points.reserve(2 * spans.size());
  for (const Span& span : spans) {
    data_points_ += std::isfinite(span.x) && std::isfinite(span.lo) && std::isfinite(span.hi);
    s.points.push_back({span.x, span.lo});
    s.points.push_back({span.x, span.hi});
  }
  series_.push_back(std::move(s));
}

void SvgPlot::dots(std::vector<Point> points, std::string colour, double opacity, std::string legend) {
  for (const Point& p : points) data_points_ += std::isfinite(p.x) && std::isfinite(p.y);
  series_.push_back({Series::Kind::dots, std::move(points), {}, std::move(colour), std::move(legend), false, opacity});
}

void SvgPlot::markers(std::vector<Marker> markers, std::string colour, std::string legend) {
  Series s{Series::Kind::markers, {}, {}, std::move(colour), std::move(legend), false, 1};
  for (Marker& m : markers) {
    if (!std::isfinite(m.at.x) || !std::isfinite(m.at.y)) continue;
    s.points.push_back(m.at);
    s.titles.push_back(std::move(m.title));
  }
  data_points_ += s.points.size();
  series_.push_back(std::move(s));
}

void SvgPlot::hline(double y, std::string colour, std::string legend) {
  if (!std::isfinite(y)) return;
  series_.push_back({Series::Kind::hline, {{0, y}}, {}, std::move(colour), std::move(legend), true, 1});
}

void SvgPlot::image(std::string data_uri, double x_lo, double x_hi, double y_lo, double y_hi, std::size_t cells,
                    double lo, double hi, std::string bar_label) {
  image_ = Image{std::move(data_uri), x_lo, x_hi, y_lo, y_hi, lo, hi, std::move(bar_label)};
  data_points_ += cells;
}

std::vector<SvgPlot::LegendEntry> SvgPlot::legend_layout(double left, double right) const {
  std::vector<LegendEntry> out;
  double x = left, baseline = legend_row;
  for (const Series& s : series_) {
    if (s.legend.empty()) continue;
    const double w = 24 + legend_char_width * static_cast<double>(s.legend.size()) + 18;
    if (x + w > right && x > left) {
      x = left;
      baseline += legend_row;
    }
    out.push_back({&s, x, baseline});
    x += w;
  }
  return out;
}

std::pair<double, double> SvgPlot::range(bool x) const {
  if (x && x_fixed_) return *x_fixed_;
  if (!x && y_fixed_) return *y_fixed_;
  if (image_) return x ? std::pair{image_->x_lo, image_->x_hi} : std::pair{image_->y_lo, image_->y_hi};
  double lo = INFINITY, hi = -INFINITY;
  for (const Series& s : series_) {
    if (x && s.kind == Series::Kind::hline) continue;
    for (const Point& p : s.points) {
      const double v = x ? p.x : p.y;
      if (!std::isfinite(v)) continue;
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
  }
  if (lo > hi) return {0, 1};
  if (lo == hi) {
    const double pad = lo == 0 ? 1 : std::abs(lo) * 0.1;
    return {lo - pad, hi + pad};
  }
  const double pad = (hi - lo) * 0.04;
  return {lo - pad, hi + pad};
}

std::string SvgPlot::render() const {
  const double right = width_ - margin_right - (image_ ? bar_space : 0);
  const double left = margin_left, bottom = height_ - margin_bottom;
  const std::vector<LegendEntry> legend = legend_layout(left, right);
  const double top = legend.empty() ? margin_top : legend.back().baseline + legend_gap;
  const auto [xlo, xhi] = range(true);
  const auto [ylo, yhi] = range(false);
  auto px = [&](double v) { return to_pixel(v, xlo, xhi, left, right); };
  auto py = [&](double v) { return to_pixel(v, ylo, yhi, bottom, top); };

  std::string o = fmt::format(
      "<svg class=\"plot\" id=\"plot-{0}\" data-points=\"{1}\" viewBox=\"0 0 {2} {3}\" role=\"img\" "
      "aria-label=\"{4} against {5}\">\n<defs><clipPath id=\"clip-{0}\"><rect x=\"{6}\" y=\"{7}\" width=\"{8}\" "
      "height=\"{9}\"/></clipPath>",
      id_, data_points_, coord(width_), coord(height_), escape(y_label_), escape(x_label_), coord(left), coord(top),
      coord(right - left), coord(bottom - top));
  if (image_) {
    o += fmt::format("<linearGradient id=\"bar-{}\" x1=\"0\" y1=\"1\" x2=\"0\" y2=\"0\">", id_);
    const std::vector<std::string> stops = heat_gradient_stops();
    for (std::size_t k = 0; k < stops.size(); ++k)
      o += fmt::format("<stop offset=\"{:.3f}\" stop-color=\"{}\"/>", static_cast<double>(k) / static_cast<double>(stops.size() - 1),
                       stops[k]);
    o += "</linearGradient>";
  }
  o += "</defs>\n";
  o += fmt::format("<rect class=\"frame\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>\n", coord(left), coord(top),
                   coord(right - left), coord(bottom - top));

  // Grid and tick labels.
  o += "<g class=\"axes\">";
  const std::vector<double> xt = nice_ticks(xlo, xhi, static_cast<int>((right - left) / 80));
  const std::vector<double> yt = nice_ticks(ylo, yhi, static_cast<int>((bottom - top) / 45));
  const double xstep = xt.size() > 1 ? xt[1] - xt[0] : 1, ystep = yt.size() > 1 ? yt[1] - yt[0] : 1;
  for (double t : xt) {
    if (t < xlo || t > xhi) continue;
    o += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\"/><text x=\"{0}\" y=\"{3}\" "
                     "text-anchor=\"middle\">{4}</text>",
                     coord(px(t)), coord(top), coord(bottom + 4), coord(bottom + 16), tick_label(t, xstep));
  }
  for (double t : yt) {
    if (t < ylo || t > yhi) continue;
    o += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\"/><text x=\"{3}\" y=\"{4}\" "
                     "text-anchor=\"end\">{5}</text>",
                     coord(left - 4), coord(py(t)), coord(right), coord(left - 7), coord(py(t) + 4), tick_label(t, ystep));
  }
  o += "</g>\n";

  // Data.
  o += fmt::format("<g class=\"data\" clip-path=\"url(#clip-{})\">\n", id_);
  if (image_)
    o += fmt::format("<image x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" preserveAspectRatio=\"none\" href=\"{}\"/>\n",
                     coord(px(image_->x_lo)), coord(py(image_->y_hi)), coord(px(image_->x_hi) - px(image_->x_lo)),
                     coord(py(image_->y_lo) - py(image_->y_hi)), image_->uri);
  for (const Series& s : series_) {
    switch (s.kind) {
      case Series::Kind::hline:
        o += fmt::format("<line class=\"ref\" x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" stroke=\"{3}\"/>\n", coord(left),
                         coord(py(s.points[0].y)), coord(right), s.colour);
        break;
      case Series::Kind::line: {
        const std::vector<Point> pts = decimate(s.points, xlo, xhi, static_cast<int>(right - left));
        std::string d;
        bool open = false;  // inside a run of finite points
        for (std::size_t k = 0; k < pts.size(); ++k) {
          const bool ok = std::isfinite(pts[k].x) && std::isfinite(pts[k].y);
          if (!ok) {
            open = false;
            continue;
          }
          d += open ? ' ' : 'M';
          d += coord(px(pts[k].x));
          d += ' ';
          d += coord(py(pts[k].y));
          const bool next_ok = k + 1 < pts.size() && std::isfinite(pts[k + 1].x) && std::isfinite(pts[k + 1].y);
          if (!open && !next_ok) d += "h0";  // an isolated point: a round cap makes it a dot
          open = true;
        }
        if (!d.empty())
          o += fmt::format("<path class=\"line{}\" stroke=\"{}\" d=\"{}\"/>\n", s.dashed ? " dashed" : "", s.colour, d);
        break;
      }
      case Series::Kind::area: {
        std::vector<Span> spans(s.points.size() / 2);
        for (std::size_t k = 0; k < spans.size(); ++k)
          spans[k] = {s.points[2 * k].x, s.points[2 * k].y, s.points[2 * k + 1].y};
        spans = envelope(spans, xlo, xhi, static_cast<int>(right - left));
        // One closed outline per run of finite spans: along lo forwards, back along hi.
        std::string d;
        std::size_t k = 0;
        auto finite = [](const Span& v) { return std::isfinite(v.x) && std::isfinite(v.lo) && std::isfinite(v.hi); };
        while (k < spans.size()) {
          if (!finite(spans[k])) {
            ++k;
            continue;
          }
          std::size_t end = k;
          while (end < spans.size() && finite(spans[end])) ++end;
          for (std::size_t i = k; i < end; ++i)
            d += fmt::format("{}{} {}", i == k ? "M" : " L", coord(px(spans[i].x)), coord(py(spans[i].lo)));
          for (std::size_t i = end; i-- > k;) d += fmt::format(" L{} {}", coord(px(spans[i].x)), coord(py(spans[i].hi)));
          d += "Z";
          k = end;
        }
        if (!d.empty())
          o += fmt::format("<path class=\"area\" fill=\"{}\" fill-opacity=\"{:.2f}\" d=\"{}\"/>\n", s.colour, s.opacity, d);
        break;
      }
      case Series::Kind::dots: {
        std::string d;
        for (const Point& p : s.points)
          if (std::isfinite(p.x) && std::isfinite(p.y)) add_dot(d, coord(px(p.x)), coord(py(p.y)));
        if (!d.empty())
          o += fmt::format("<path class=\"dots\" stroke=\"{}\" stroke-opacity=\"{:.2f}\" d=\"{}\"/>\n", s.colour, s.opacity, d);
        break;
      }
      case Series::Kind::markers: {
        std::string rest;
        for (std::size_t k = 0; k < s.points.size(); ++k) {
          const std::string x = coord(px(s.points[k].x)), y = coord(py(s.points[k].y));
          if (k < titled_markers)
            o += fmt::format("<circle class=\"marker\" cx=\"{}\" cy=\"{}\" r=\"4\" stroke=\"{}\"><title>{}</title></circle>", x,
                             y, s.colour, escape(s.titles[k]));
          else
            add_dot(rest, x, y);
        }
        if (!rest.empty()) o += fmt::format("<path class=\"dots\" stroke=\"{}\" d=\"{}\"/>", s.colour, rest);
        o += "\n";
        break;
      }
    }
  }
  o += "</g>\n";

  // Axis labels.
  o += fmt::format("<text class=\"label\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n", coord((left + right) / 2),
                   coord(height_ - 8), escape(x_label_));
  o += fmt::format("<text class=\"label\" transform=\"translate(14 {}) rotate(-90)\" text-anchor=\"middle\">{}</text>\n",
                   coord((top + bottom) / 2), escape(y_label_));

  // Colour bar.
  if (image_) {
    const double bx = right + 14, bw = 12;
    o += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"url(#bar-{})\" stroke=\"#999\"/>", coord(bx),
                     coord(top), coord(bw), coord(bottom - top), id_);
    const std::vector<double> bt = nice_ticks(image_->lo, image_->hi, 4);
    const double bstep = bt.size() > 1 ? bt[1] - bt[0] : 1;
    for (double t : bt) {
      if (t < image_->lo || t > image_->hi) continue;
      const double y = to_pixel(t, image_->lo, image_->hi, bottom, top);
      o += fmt::format("<text x=\"{}\" y=\"{}\">{}</text>", coord(bx + bw + 4), coord(y + 4), tick_label(t, bstep));
    }
    o += fmt::format("<text class=\"label\" transform=\"translate({} {}) rotate(-90)\" text-anchor=\"middle\">{}</text>\n",
                     coord(width_ - margin_right - 4), coord((top + bottom) / 2), escape(image_->bar_label));
  }

  // Legend, in rows above the plot area (laid out before drawing, see legend_layout).
  for (const LegendEntry& e : legend) {
    const Series& s = *e.series;
    const double x = e.x, y = e.baseline;
    switch (s.kind) {
      case Series::Kind::line:
      case Series::Kind::hline:
        o += fmt::format("<path class=\"line{}\" stroke=\"{}\" d=\"M{} {}h18\"/>",
                         s.dashed || s.kind == Series::Kind::hline ? " dashed" : "", s.colour, coord(x), coord(y - 4));
        break;
      case Series::Kind::dots:
        o += fmt::format("<path class=\"dots\" stroke=\"{}\" d=\"M{} {}h0\"/>", s.colour, coord(x + 9), coord(y - 4));
        break;
      case Series::Kind::markers:
        o += fmt::format("<circle class=\"marker\" cx=\"{}\" cy=\"{}\" r=\"4\" stroke=\"{}\"/>", coord(x + 9), coord(y - 4),
                         s.colour);
        break;
      case Series::Kind::area:
        o += fmt::format("<rect class=\"area\" x=\"{}\" y=\"{}\" width=\"18\" height=\"8\" fill=\"{}\" fill-opacity=\"{:.2f}\"/>",
                         coord(x), coord(y - 8), s.colour, s.opacity);
        break;
    }
    o += fmt::format("<text x=\"{}\" y=\"{}\">{}</text>", coord(x + 24), coord(y), escape(s.legend));
  }
  o += "</svg>\n";
  return o;
}

}  // namespace zspace::report
