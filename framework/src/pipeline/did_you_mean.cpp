#include "pipeline/did_you_mean.hpp"

#include <algorithm>
#include <cctype>

namespace zspace::pipeline_detail {

namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

std::size_t edit_distance(const std::string& a, const std::string& b) {
  const std::size_t n = a.size();
  const std::size_t m = b.size();
  // Full table (keys are short); the transposition step needs the row before the previous.
  std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1, 0));
  for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[n][m];
}

std::optional<std::string> did_you_mean(const std::string& typed,
                                        const std::vector<std::string>& candidates) {
  if (typed.empty()) return std::nullopt;
  const std::string t = lower(typed);
  std::optional<std::string> best;
  std::size_t best_distance = 3;  // only distances 0..2 qualify
  for (const auto& c : candidates) {
    const std::size_t d = edit_distance(t, lower(c));
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  if (best) return best;
  for (const auto& c : candidates) {
    const std::string lc = lower(c);
    if (lc.size() > t.size() && lc.compare(0, t.size(), t) == 0) return c;
  }
  return std::nullopt;
}

std::string did_you_mean_suffix(const std::string& typed,
                                const std::vector<std::string>& candidates) {
  auto s = did_you_mean(typed, candidates);
  return s ? " (did you mean '" + *s + "'?)" : std::string();
}

}  // namespace zspace::pipeline_detail
