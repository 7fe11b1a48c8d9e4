#include "core/mutual_information.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "core/mi_joint_histogram.hpp"

namespace zspace::mi {

namespace {

// Bins every pixel; the integer depths go through the lookup table, floats through bin_of.
template <class Index>
std::vector<Index> bin_section(const Section& section, const Binning& binning) {
  const std::size_t n = section.size();
  const auto invalid = static_cast<Index>(binning.bins());
  const std::vector<std::uint16_t>& table = binning.integer_bins();
  std::vector<Index> out(n);
  switch (section.depth) {
    case PixelDepth::uint8:
      for (std::size_t k = 0; k < n; ++k) out[k] = static_cast<Index>(table[section.pixels8[k]]);
      break;
    case PixelDepth::uint16:
      for (std::size_t k = 0; k < n; ++k) out[k] = static_cast<Index>(table[section.pixels16[k]]);
      break;
    case PixelDepth::float32:
      for (std::size_t k = 0; k < n; ++k) {
        const float v = section.pixels[k];
        out[k] = std::isnan(v) ? invalid : static_cast<Index>(binning.bin_of(v));
      }
      break;
  }
  return out;
}

// True when the valid pixels occupy at least two bins, i.e. the section has non-zero entropy.
template <class Index>
bool spans_two_bins(const std::vector<Index>& indices, int bins) {
  const auto invalid = static_cast<Index>(bins);
  Index first = invalid;
  for (Index i : indices) {
    if (i == invalid) continue;
    if (first == invalid) first = i;
    else if (i != first) return true;
  }
  return false;
}

const PreparedMi& as_prepared(const PreparedSection& p) {
  const auto* mi = dynamic_cast<const PreparedMi*>(&p);
  if (mi == nullptr) throw std::invalid_argument("mutual-information: section was prepared by another metric");
  return *mi;
}

}  // namespace

MutualInformationMetric::MutualInformationMetric(const Options& options) : options_(options) {
  if (const std::string error = validate(options); !error.empty()) throw std::invalid_argument(error);
}

void MutualInformationMetric::set_stack_statistics(const StackStatistics& statistics) {
  binning_ = Binning::from_statistics(statistics, options_);
}

std::unique_ptr<PreparedSection> MutualInformationMetric::prepare(const Section& section) const {
  if (!binning_)
    throw std::runtime_error(
        "mutual-information: no stack intensity range; call set_stack_statistics() before prepare()");
  if (section.size() > std::numeric_limits<std::uint32_t>::max())
    throw std::runtime_error("mutual-information: section of " + std::to_string(section.size()) +
                             " pixels exceeds the 4294967295 the histogram counters hold");
  auto p = std::make_unique<PreparedMi>();
  p->bins = binning_->bins();
  p->pixels = section.size();
  if (p->bins <= 255) {
    p->indices8 = bin_section<std::uint8_t>(section, *binning_);
    p->informative = spans_two_bins(p->indices8, p->bins);
  } else {
    p->indices16 = bin_section<std::uint16_t>(section, *binning_);
    p->informative = spans_two_bins(p->indices16, p->bins);
  }
  return p;
}

double MutualInformationMetric::compare(const PreparedSection& a, const PreparedSection& b) const {
  const PreparedMi& pa = as_prepared(a);
  const PreparedMi& pb = as_prepared(b);
  if (pa.pixels != pb.pixels) throw std::invalid_argument("mutual-information: sections of different size");
  if (pa.bins != pb.bins) throw std::invalid_argument("mutual-information: sections binned with different bin counts");
  JointHistogram joint(pa.bins);
  if (pa.bins <= 255) joint.add(pa.indices8.data(), pb.indices8.data(), pa.pixels);
  else joint.add(pa.indices16.data(), pb.indices16.data(), pa.pixels);
  return joint.normalized_mutual_information();
}

}  // namespace zspace::mi
