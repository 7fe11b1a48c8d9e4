#include "fft_prepared.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace zspace::fft_correlation {

namespace {

// Sum of n values in four interleaved lanes: independent add chains instead of one long
// dependent chain, in a fixed order.
double lane_sum(const double* v, std::size_t n) {
  double l[4] = {};
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4)
    for (std::size_t j = 0; j < 4; ++j) l[j] += v[i + j];
  for (; i < n; ++i) l[i & 3] += v[i];
  return (l[0] + l[1]) + (l[2] + l[3]);
}

// Sums of a field over the rectangle each shift leaves inside the section, fed row by row.
// A shift's x-range drops at most reach_x pixels at one end of a row, so each row needs its
// total and its first and last reach_x partial sums; running sums over rows give the y-ranges.
class BorderSums {
 public:
  explicit BorderSums(const Geometry& g)
      : g_(g), columns_(static_cast<std::size_t>(2 * g.reach_x + 1) * static_cast<std::size_t>(g.height + 1), 0.0) {}

  void add_row(int y, const double* row) {
    const double total = lane_sum(row, static_cast<std::size_t>(g_.width));
    add(0, y, total);
    double left = 0, right = 0;
    for (int i = 1; i <= g_.reach_x; ++i) {
      left += row[i - 1];
      right += row[g_.width - i];
      add(-i, y, total - left);   // dx = -i keeps x in [i, width)
      add(i, y, total - right);   // dx = +i keeps x in [0, width - i)
    }
  }

  std::vector<double> result() {
    std::vector<double> sums(g_.shift_count());
    for (std::size_t k = 0; k < sums.size(); ++k) {
      const int dy = g_.shift_y(k);
      const double* col = column(g_.shift_x(k));
      sums[k] = col[g_.height - std::max(0, dy)] - col[std::max(0, -dy)];
    }
    return sums;
  }

 private:
  double* column(int dx) {
    return columns_.data() + static_cast<std::size_t>(dx + g_.reach_x) * static_cast<std::size_t>(g_.height + 1);
  }
  void add(int dx, int y, double row_sum) {
    double* col = column(dx);
    col[y + 1] = col[y] + row_sum;
  }
  const Geometry& g_;
  std::vector<double> columns_;  // per dx: running sums over rows, height + 1 entries
};

// Statistics, spectra and border sums: one pass over the rows accumulates the statistics and
// fills the zero-padded transform inputs and the border sums, then each input is transformed.
void add_search_data(PreparedFft& p, const Geometry& g) {
  const auto w = static_cast<std::size_t>(g.width), pw = static_cast<std::size_t>(g.padded_width);
  FloatBuffer in_values = allocate_floats(g.real_size());
  FloatBuffer in_squares, in_mask;
  if (!p.all_valid) {
    in_squares = allocate_floats(g.real_size());
    in_mask = allocate_floats(g.real_size());
  }
  BorderSums sums(g), squares(g), counts(g);
  std::vector<double> row(w), row_squares(w), row_fourth(w), row_mask(w);
  for (int y = 0; y < g.height; ++y) {
    weighted_row(p, y, row.data());
    const std::size_t at = static_cast<std::size_t>(y) * pw;
    for (std::size_t x = 0; x < w; ++x) {
      row_squares[x] = row[x] * row[x];
      row_fourth[x] = row_squares[x] * row_squares[x];
      in_values[at + x] = static_cast<float>(row[x]);
    }
    p.sum_squares += lane_sum(row_squares.data(), w);
    p.sum_fourth += lane_sum(row_fourth.data(), w);
    sums.add_row(y, row.data());
    squares.add_row(y, row_squares.data());
    if (p.all_valid) continue;
    const float* v = p.values.data() + static_cast<std::size_t>(y) * w;
    for (std::size_t x = 0; x < w; ++x) {
      row_mask[x] = std::isnan(v[x]) ? 0.0 : 1.0;
      in_squares[at + x] = static_cast<float>(row_squares[x]);
      in_mask[at + x] = static_cast<float>(row_mask[x]);
    }
    counts.add_row(y, row_mask.data());
  }
  if (!p.usable()) return;  // never compared: no spectra needed
  p.border_sum = sums.result();
  p.border_squares = squares.result();
  if (p.all_valid) {
    p.border_count.resize(g.shift_count());
    for (std::size_t k = 0; k < g.shift_count(); ++k)
      p.border_count[k] = static_cast<double>(g.width - std::abs(g.shift_x(k))) *
                          static_cast<double>(g.height - std::abs(g.shift_y(k)));
  } else {
    p.border_count = counts.result();
  }
  auto transform = [&](FloatBuffer& input) {
    FloatBuffer spectrum = allocate_floats(g.spectrum_size());
    g.forward(input.get(), spectrum.get());
    return spectrum;
  };
  p.spectrum = transform(in_values);
  if (!p.all_valid) {
    p.spectrum_squares = transform(in_squares);
    p.spectrum_mask = transform(in_mask);
  }
}

}  // namespace

void weighted_row(const PreparedFft& p, int y, double* out) {
  const Geometry& g = *p.geometry;
  const float* v = p.values.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(g.width);
  for (int x = 0; x < g.width; ++x) {
    if (std::isnan(v[x])) {
      out[x] = 0;
      continue;
    }
    double d = v[x] - p.mean;
    if (g.windowed()) d = d * g.window_x[static_cast<std::size_t>(x)] * g.window_y[static_cast<std::size_t>(y)];
    out[x] = d;
  }
}

std::unique_ptr<PreparedFft> prepare_section(const Section& section, std::shared_ptr<const Geometry> geometry) {
  const Geometry& g = *geometry;
  if (section.width != g.width || section.height != g.height)
    throw std::invalid_argument("fft-correlation: section " + std::to_string(section.index) + " is " +
                                std::to_string(section.width) + "x" + std::to_string(section.height) +
                                ", expected " + std::to_string(g.width) + "x" + std::to_string(g.height));
  auto p = std::make_unique<PreparedFft>();
  p->geometry = std::move(geometry);
  p->index = section.index;
  if (section.is_integer()) {
    p->values.resize(section.size());
    for (std::size_t k = 0; k < p->values.size(); ++k) p->values[k] = section.value(k);
  } else {
    p->values = section.pixels;
  }
  double sum = 0;
  for (float v : p->values) {
    if (!std::isnan(v)) {
      sum += v;
      ++p->valid;
    }
  }
  p->all_valid = p->valid == p->values.size();
  p->mean = p->valid ? sum / static_cast<double>(p->valid) : 0.0;
  if (g.searches()) {
    add_search_data(*p, g);
    return p;
  }
  const auto w = static_cast<std::size_t>(g.width);
  std::vector<double> row(w), row_squares(w), row_fourth(w);
  for (int y = 0; y < g.height; ++y) {
    weighted_row(*p, y, row.data());
    for (std::size_t x = 0; x < w; ++x) {
      row_squares[x] = row[x] * row[x];
      row_fourth[x] = row_squares[x] * row_squares[x];
    }
    p->sum_squares += lane_sum(row_squares.data(), w);
    p->sum_fourth += lane_sum(row_fourth.data(), w);
  }
  return p;
}

}  // namespace zspace::fft_correlation
