#include "fft_correlation.hpp"

#include <stdexcept>
#include <string>

namespace zspace::fft_correlation {

namespace {

const Options& checked(const Options& o) {
  if (o.max_shift < 0) throw std::invalid_argument("fft-correlation: max_shift must be >= 0");
  if (!(o.min_overlap >= 0 && o.min_overlap <= 1))
    throw std::invalid_argument("fft-correlation: min_overlap must be between 0 and 1");
  return o;
}

std::string size_text(const PreparedFft& s) {
  return std::to_string(s.geometry->width) + "x" + std::to_string(s.geometry->height);
}

}  // namespace

Correlator::Correlator(const Options& options)
    : options_(checked(options)), geometries_(options.max_shift, options.window) {}

std::unique_ptr<PreparedFft> Correlator::prepare(const Section& section) const {
  if (section.width <= 0 || section.height <= 0)
    throw std::invalid_argument("fft-correlation: section " + std::to_string(section.index) + " is empty");
  return prepare_section(section, geometries_.get(section.width, section.height));
}

Comparison Correlator::compare(const PreparedFft& a, const PreparedFft& b) const {
  Workspace ws;
  return compare(a, b, ws);
}

Comparison Correlator::compare(const PreparedFft& a, const PreparedFft& b, Workspace& ws) const {
  if (a.geometry != b.geometry)
    throw std::invalid_argument("fft-correlation: sections " + std::to_string(a.index) + " (" + size_text(a) +
                                ") and " + std::to_string(b.index) + " (" + size_text(b) + ") differ in size");
  return best_shift(a, b, options_.min_overlap, ws);
}

}  // namespace zspace::fft_correlation
