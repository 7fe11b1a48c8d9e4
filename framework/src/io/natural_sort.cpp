#include <cstddef>
#include <string>

#include "zspace/engine/stack_reader.hpp"

namespace zspace {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Compares the digit runs starting at a[i] and b[j] by value and advances both indices past
// them. Works on the digit strings themselves, so runs longer than any integer type still
// compare correctly.
int compare_digit_runs(const std::string& a, std::size_t& i, const std::string& b, std::size_t& j) {
  while (i < a.size() && a[i] == '0' && i + 1 < a.size() && is_digit(a[i + 1])) ++i;
  while (j < b.size() && b[j] == '0' && j + 1 < b.size() && is_digit(b[j + 1])) ++j;
  std::size_t ei = i, ej = j;
  while (ei < a.size() && is_digit(a[ei])) ++ei;
  while (ej < b.size() && is_digit(b[ej])) ++ej;
  int result = 0;
  if (ei - i != ej - j) {
    result = ei - i < ej - j ? -1 : 1;
  } else {
    const int c = a.compare(i, ei - i, b, j, ej - j);
    result = c < 0 ? -1 : (c > 0 ? 1 : 0);
  }
  i = ei;
  j = ej;
  return result;
}

}  // namespace

bool natural_less(const std::string& a, const std::string& b) {
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (is_digit(a[i]) && is_digit(b[j])) {
      if (const int c = compare_digit_runs(a, i, b, j); c != 0) return c < 0;
      continue;
    }
    // A digit against a non-digit falls through to the plain character comparison: every
    // digit sits on the same side of any given non-digit, so the order stays a strict weak one.
    if (a[i] != b[j]) return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[j]);
    ++i;
    ++j;
  }
  if ((i < a.size()) != (j < b.size())) return j < b.size();
  // Naturally equal ("a01" vs "a1"): the plain comparison makes the order total and stable.
  return a < b;
}

}  // namespace zspace
