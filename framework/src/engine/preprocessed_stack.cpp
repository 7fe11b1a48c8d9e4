#include <cmath>
#include <fmt/core.h>
#include <limits>

#include "zspace/engine/errors.hpp"
#include "zspace/engine/preprocess.hpp"

namespace zspace {

namespace {

class PreprocessedStack final : public StackReader {
 public:
  PreprocessedStack(std::unique_ptr<StackReader> inner, const Preprocess& p) : inner_(std::move(inner)), p_(p) {
    const std::size_t n = inner_->size();
    if (p_.sections) {
      const auto [first, last] = *p_.sections;
      if (last >= n)
        throw ConfigError(fmt::format("input.sections: [{}, {}] goes beyond the stack's last section {}", first, last,
                                      n == 0 ? 0 : n - 1));
      first_ = first;
      count_ = last - first + 1;
    } else {
      count_ = n;
    }
    roi_ = {0, 0, inner_->width(), inner_->height()};
    if (p_.roi) {
      const auto [x, y, w, h] = *p_.roi;
      if (static_cast<long long>(x) + w > inner_->width() || static_cast<long long>(y) + h > inner_->height())
        throw ConfigError(fmt::format("input.roi: [{}, {}, {}, {}] reaches outside the {}x{} sections", x, y, w, h,
                                      inner_->width(), inner_->height()));
      roi_ = *p_.roi;
    }
    if (p_.downsample > roi_[2] || p_.downsample > roi_[3])
      throw ConfigError(fmt::format("preprocess.downsample: {} is larger than the {}x{} region", p_.downsample,
                                    roi_[2], roi_[3]));
    width_ = roi_[2] / p_.downsample;
    height_ = roi_[3] / p_.downsample;
  }

  std::size_t size() const override { return count_; }
  int width() const override { return width_; }
  int height() const override { return height_; }
  std::string name(std::size_t i) const override { return inner_->name(first_ + i); }
  bool concurrent_reads() const override { return inner_->concurrent_reads(); }

  Section read(std::size_t i) const override {
    Section s = inner_->read(first_ + i);
    s.index = i;
    if (p_.roi) s = crop(s, roi_[0], roi_[1], roi_[2], roi_[3]);
    if (p_.mask_below || p_.mask_above) {
      s = to_float(std::move(s));
      const float nan = std::numeric_limits<float>::quiet_NaN();
      for (float& v : s.pixels)
        if ((p_.mask_below && v < *p_.mask_below) || (p_.mask_above && v > *p_.mask_above)) v = nan;
    }
    if (p_.downsample > 1) s = downsample(std::move(s));
    return s;
  }

 private:
  // Block means over the valid pixels of each f x f block (a block without any valid pixel is
  // invalid); the remainder columns and rows that do not fill a block are dropped.
  Section downsample(Section s) const {
    const int f = p_.downsample;
    Section out;
    out.index = s.index;
    out.source = s.source;
    out.width = width_;
    out.height = height_;
    out.pixels.assign(static_cast<std::size_t>(width_) * static_cast<std::size_t>(height_), 0.0f);
    const std::size_t w = static_cast<std::size_t>(s.width);
    for (int by = 0; by < height_; ++by) {
      for (int bx = 0; bx < width_; ++bx) {
        double sum = 0;
        int count = 0;
        for (int y = by * f; y < (by + 1) * f; ++y)
          for (int x = bx * f; x < (bx + 1) * f; ++x) {
            const float v = s.value(static_cast<std::size_t>(y) * w + static_cast<std::size_t>(x));
            if (!std::isnan(v)) {
              sum += v;
              ++count;
            }
          }
        out.pixels[static_cast<std::size_t>(by) * static_cast<std::size_t>(width_) + static_cast<std::size_t>(bx)] =
            count ? static_cast<float>(sum / count) : std::numeric_limits<float>::quiet_NaN();
      }
    }
    return out;
  }

  std::unique_ptr<StackReader> inner_;
  Preprocess p_;
  std::size_t first_ = 0;
  std::size_t count_ = 0;
  std::array<int, 4> roi_{};
  int width_ = 0;
  int height_ = 0;
};

}  // namespace

std::unique_ptr<StackReader> preprocess_stack(std::unique_ptr<StackReader> inner, const Preprocess& preprocess) {
  if (!preprocess.active()) return inner;
  return std::make_unique<PreprocessedStack>(std::move(inner), preprocess);
}

}  // namespace zspace
