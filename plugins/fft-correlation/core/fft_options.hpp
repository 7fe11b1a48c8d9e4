#pragma once
// Settings of the fft-correlation metric (the plugin's parameters, already validated).

namespace zspace::fft_correlation {

/// Apodisation applied to each section (after removing its mean) before correlating.
enum class Window {
  none,  ///< every pixel weighs 1
  hann   ///< separable Hann window, sin^2(pi (i + 0.5) / L) along each axis
};

struct Options {
  int max_shift = 8;           ///< largest |dx| and |dy| searched, pixels
  Window window = Window::none;
  double min_overlap = 0.5;    ///< smallest common-pixel fraction a non-zero shift may have
};

}  // namespace zspace::fft_correlation
