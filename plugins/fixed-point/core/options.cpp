#include "core/options.hpp"

#include <cmath>
#include <sstream>

namespace zspace::fixed_point {
namespace {

std::string violation(const char* field, double value, const char* constraint) {
  std::ostringstream os;
  os << "Invalid fixed-point options. Options::" << field << " = " << value
     << ". Violated constraint: " << constraint;
  return os.str();
}

bool in_unit_interval(double v) { return std::isfinite(v) && v >= 0.0 && v <= 1.0; }

}  // namespace

std::string validate(const Options& o) {
  if (o.outer_iterations < 0) return violation("outer_iterations", o.outer_iterations, ">= 0");
  if (o.inner_iterations < 0) return violation("inner_iterations", o.inner_iterations, ">= 0");
  if (!in_unit_interval(o.shift_proportion))
    return violation("shift_proportion", o.shift_proportion, "0 <= value <= 1");
  if (!in_unit_interval(o.inner_regularization))
    return violation("inner_regularization", o.inner_regularization, "0 <= value <= 1");
  if (!(std::isfinite(o.min_section_thickness) && o.min_section_thickness >= 0.0))
    return violation("min_section_thickness", o.min_section_thickness, "finite and >= 0");
  if (o.local_curve_windows < 1)
    return violation("local_curve_windows", static_cast<double>(o.local_curve_windows), ">= 1");
  if (!std::isfinite(o.min_similarity))
    return violation("min_similarity", o.min_similarity, "finite");
  if (!in_unit_interval(o.update_anchor))
    return violation("update_anchor", o.update_anchor, "0 <= value <= 1");
  return {};
}

}  // namespace zspace::fixed_point
