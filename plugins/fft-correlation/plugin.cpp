/// @file plugin.cpp
/// The `fft-correlation` metric plugin: normalised cross-correlation maximised over in-plane
/// translations, so sections that are not perfectly registered still compare as similar.

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/fft_correlation.hpp"
#include "core/fft_overlap.hpp"
#include "zspace/plugin.hpp"

namespace {

using zspace::ParamSpec;
using zspace::fft_correlation::Correlator;
using zspace::fft_correlation::Options;
using zspace::fft_correlation::overlap_pearson;
using zspace::fft_correlation::PreparedFft;
using zspace::fft_correlation::Window;
using zspace::fft_correlation::Workspace;

std::vector<ParamSpec> schema() {
  return {
      ParamSpec::integer("max_shift", 8, 0, 4096,
                         "Largest in-plane translation searched along x and along y, in pixels; "
                         "the value is the best correlation over all shifts up to it. 0 compares "
                         "the sections as they are (then equal to the ncc metric)."),
      ParamSpec::choice("window", "none", {"none", "hann"},
                        "Apodisation of each section (after removing its mean) before "
                        "correlating: 'hann' weighs pixels by a separable Hann window, "
                        "emphasising the centre; 'none' weighs all pixels equally."),
      ParamSpec::real("min_overlap", 0.5, 0, 1,
                      "A non-zero shift is only considered when the pixels valid in both "
                      "sections there number at least this fraction of the smaller section's "
                      "valid pixels, so small overlaps cannot win by chance.")
          .as_advanced(),
  };
}

const zspace::PluginDescriptor& descriptor() {
  static const zspace::PluginDescriptor d = zspace::describe_plugin(
      zspace::PluginKind::metric, "fft-correlation", "1.0.0",
      "Pearson correlation over the overlap, maximised over in-plane shifts up to max_shift "
      "(FFT search, exact value)",
      schema());
  return d;
}

class FftCorrelationMetric final : public zspace::SimilarityMetric {
 public:
  explicit FftCorrelationMetric(const Options& options) : correlator_(options) {}

  std::unique_ptr<zspace::PreparedSection> prepare(const zspace::Section& section) const override {
    return correlator_.prepare(section);
  }
  double compare(const zspace::PreparedSection& a, const zspace::PreparedSection& b) const override {
    return compare_aligned(a, b).value;
  }
  bool reports_shifts() const override { return true; }
  zspace::Comparison compare_aligned(const zspace::PreparedSection& a,
                                     const zspace::PreparedSection& b) const override {
    return correlator_.compare(cast(a), cast(b));
  }
  // In-plane calibration compares a section with a shifted copy of itself: the searched
  // maximum would undo the shift it measures.
  double compare_unaligned(const zspace::PreparedSection& a, const zspace::PreparedSection& b) const override {
    const PreparedFft& pa = cast(a);
    const PreparedFft& pb = cast(b);
    if (pa.geometry->width != pb.geometry->width || pa.geometry->height != pb.geometry->height)
      throw std::invalid_argument("fft-correlation: sections " + std::to_string(pa.index) + " and " +
                                  std::to_string(pb.index) + " differ in size");
    return overlap_pearson(pa, pb, 0, 0).value;
  }
  // One workspace for the whole row: b's spectrum and the scratch arrays serve every partner.
  void compare_many(const zspace::PreparedSection& b, const zspace::PreparedSection* const* partners,
                    std::size_t count, zspace::Comparison* out) const override {
    Workspace ws;
    for (std::size_t k = 0; k < count; ++k) out[k] = correlator_.compare(cast(*partners[k]), cast(b), ws);
  }

 private:
  static const PreparedFft& cast(const zspace::PreparedSection& s) { return static_cast<const PreparedFft&>(s); }
  Correlator correlator_;
};

std::unique_ptr<zspace::SimilarityMetric> create(const zspace::Params& params) {
  // Missing keys fall back to the schema defaults, so a plugin used directly also works.
  const zspace::Params full = params.with_defaults(descriptor().parameters);
  Options o;
  o.max_shift = static_cast<int>(full.get_int("max_shift"));
  o.window = full.get_choice("window") == "hann" ? Window::hann : Window::none;
  o.min_overlap = full.get_real("min_overlap");
  return std::make_unique<FftCorrelationMetric>(o);
}

}  // namespace

ZSPACE_METRIC_PLUGIN(descriptor, create)
