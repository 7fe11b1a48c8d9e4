#include "core/nls_options.hpp"

#include <cmath>
#include <sstream>

namespace zspace::nls {
namespace {

std::string violation(const char* field, double value, const char* rule) {
  std::ostringstream os;
  os << "ceres: option " << field << " = " << value << " is invalid; it must be " << rule;
  return os.str();
}

}  // namespace

std::string validate(const Options& o) {
  if (o.start_iterations < 1) return violation("init_iterations", o.start_iterations, ">= 1");
  if (!(std::isfinite(o.loss_scale) && o.loss_scale > 0))
    return violation("loss_scale", o.loss_scale, "finite and > 0");
  if (!(std::isfinite(o.quality_regularization) && o.quality_regularization >= 0))
    return violation("quality_regularization", o.quality_regularization, "finite and >= 0");
  if (!(std::isfinite(o.thickness_regularization) && o.thickness_regularization >= 0))
    return violation("thickness_regularization", o.thickness_regularization, "finite and >= 0");
  if (!(std::isfinite(o.min_section_thickness) && o.min_section_thickness >= 0))
    return violation("min_section_thickness", o.min_section_thickness, "finite and >= 0");
  if (o.curve_resolution < 1) return violation("curve_resolution", o.curve_resolution, ">= 1");
  if (o.max_iterations < 0) return violation("max_iterations", o.max_iterations, ">= 0");
  if (!(std::isfinite(o.function_tolerance) && o.function_tolerance > 0))
    return violation("function_tolerance", o.function_tolerance, "finite and > 0");
  return {};
}

}  // namespace zspace::nls
