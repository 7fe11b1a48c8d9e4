/// @file plugin.cpp
/// Example metric plugin `gradient-ncc`: Pearson correlation of the gradient magnitude of two
/// sections. Correlating edges instead of intensities makes the metric insensitive to slow
/// brightness drift (charging, uneven milling) that plain NCC reads as similarity.
///
/// Written only against the installed public headers (<zspace/plugin.hpp>), as a third-party
/// plugin would be; see docs/plugins.md for the walk-through.

#include <zspace/plugin.hpp>

#include <cmath>
#include <cstddef>
#include <limits>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace gradient_ncc {
namespace {

/// What prepare() computes once per section, so compare() is one pass over two arrays.
/// Gradient magnitudes are centred (mean subtracted) and scaled to unit norm over the valid
/// pixels; invalid pixels are NaN.
class PreparedGradient final : public zspace::PreparedSection {
 public:
  std::vector<float> values;  ///< centred, unit-norm gradient magnitude; NaN = invalid
  bool has_signal = false;

  bool usable() const override { return has_signal; }
};

class GradientNcc final : public zspace::SimilarityMetric {
 public:
  GradientNcc(bool sobel, double min_overlap) : sobel_(sobel), min_overlap_(min_overlap) {}

  // Called concurrently for different sections: it only reads members and writes locals.
  std::unique_ptr<zspace::PreparedSection> prepare(const zspace::Section& s) const override {
    if (s.width < 3 || s.height < 3)
      throw std::runtime_error("gradient-ncc: section " + s.source + " is " + std::to_string(s.width) +
                               " x " + std::to_string(s.height) + " pixels; at least 3 x 3 are needed");
    auto out = std::make_unique<PreparedGradient>();
    const std::size_t w = static_cast<std::size_t>(s.width), h = static_cast<std::size_t>(s.height);
    out->values.assign(w * h, std::numeric_limits<float>::quiet_NaN());

    // Gradient magnitude where the whole 3 x 3 neighbourhood is valid; the border stays NaN.
    double sum = 0;
    std::size_t count = 0;
    for (std::size_t y = 1; y + 1 < h; ++y) {
      for (std::size_t x = 1; x + 1 < w; ++x) {
        const auto p = [&](std::size_t xx, std::size_t yy) {
          return static_cast<double>(s.value(yy * w + xx));  // any pixel depth
        };
        double gx, gy;
        if (sobel_) {
          gx = (p(x + 1, y - 1) + 2 * p(x + 1, y) + p(x + 1, y + 1)) -
               (p(x - 1, y - 1) + 2 * p(x - 1, y) + p(x - 1, y + 1));
          gy = (p(x - 1, y + 1) + 2 * p(x, y + 1) + p(x + 1, y + 1)) -
               (p(x - 1, y - 1) + 2 * p(x, y - 1) + p(x + 1, y - 1));
        } else {
          gx = p(x + 1, y) - p(x - 1, y);
          gy = p(x, y + 1) - p(x, y - 1);
        }
        const double g = std::sqrt(gx * gx + gy * gy);  // NaN if any neighbour is invalid
        if (std::isnan(g)) continue;
        out->values[y * w + x] = static_cast<float>(g);
        sum += g;
        ++count;
      }
    }
    if (count < 2) return out;  // no usable signal: the engine flags the section

    const double mean = sum / static_cast<double>(count);
    double norm2 = 0;
    for (float& v : out->values) {
      if (std::isnan(v)) continue;
      v = static_cast<float>(v - mean);
      norm2 += static_cast<double>(v) * v;
    }
    if (!(norm2 > 0)) return out;  // constant gradient (flat image)
    const double scale = 1.0 / std::sqrt(norm2);
    for (float& v : out->values)
      if (!std::isnan(v)) v = static_cast<float>(v * scale);
    out->has_signal = true;
    return out;
  }

  // Called concurrently for many pairs; deterministic: one fixed summation order.
  double compare(const zspace::PreparedSection& a, const zspace::PreparedSection& b) const override {
    const auto& pa = static_cast<const PreparedGradient&>(a).values;
    const auto& pb = static_cast<const PreparedGradient&>(b).values;
    if (pa.size() != pb.size()) return std::numeric_limits<double>::quiet_NaN();
    // Pearson correlation over the pixels valid in both (re-centred on the overlap, so masks
    // that differ between the sections do not bias the result).
    double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
    std::size_t n = 0;
    for (std::size_t k = 0; k < pa.size(); ++k) {
      const double x = pa[k], y = pb[k];
      if (std::isnan(x) || std::isnan(y)) continue;
      sa += x;
      sb += y;
      saa += x * x;
      sbb += y * y;
      sab += x * y;
      ++n;
    }
    if (n < 2 || static_cast<double>(n) < min_overlap_ * static_cast<double>(pa.size()))
      return std::numeric_limits<double>::quiet_NaN();
    const double dn = static_cast<double>(n);
    const double cov = sab - sa * sb / dn;
    const double va = saa - sa * sa / dn, vb = sbb - sb * sb / dn;
    if (!(va > 0) || !(vb > 0)) return std::numeric_limits<double>::quiet_NaN();
    return cov / std::sqrt(va * vb);
  }

 private:
  bool sobel_;
  double min_overlap_;
};

}  // namespace

const zspace::PluginDescriptor& descriptor() {
  static const zspace::PluginDescriptor d = [] {
    zspace::PluginDescriptor desc;  // desc.api is set from the headers this file compiles against
    desc.kind = zspace::PluginKind::metric;
    desc.name = "gradient-ncc";
    desc.version = "1.0.0";
    desc.summary = "Pearson correlation of gradient magnitudes (insensitive to brightness drift)";
    desc.parameters = {
        zspace::ParamSpec::choice("gradient", "sobel", {"sobel", "central"},
                                  "Derivative filter: 'sobel' (3 x 3, smooths noise) or 'central' "
                                  "(plain central differences, sharper but noisier)."),
        zspace::ParamSpec::real("min_overlap", 0.1, 0, 1,
                                "Smallest fraction of the section valid in both images for a pair "
                                "to be measured; pairs below it are missing.")
            .as_advanced(),
    };
    return desc;
  }();
  return d;
}

std::unique_ptr<zspace::SimilarityMetric> create(const zspace::Params& params) {
  // The host has validated params against the schema and filled in defaults.
  return std::make_unique<GradientNcc>(params.get_choice("gradient") == "sobel",
                                       params.get_real("min_overlap"));
}

}  // namespace gradient_ncc

ZSPACE_METRIC_PLUGIN(gradient_ncc::descriptor, gradient_ncc::create)
