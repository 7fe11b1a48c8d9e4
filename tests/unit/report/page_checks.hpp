#pragma once
// Reading back what a report page contains: its plots and their data-points counts.

#include <cstddef>
#include <map>
#include <string>

namespace zspace::test {

/// id -> data-points of every <svg class="plot"> in the page.
inline std::map<std::string, std::size_t> plots_of(const std::string& html) {
  std::map<std::string, std::size_t> plots;
  const std::string tag = "<svg class=\"plot\" id=\"";
  for (std::size_t at = html.find(tag); at != std::string::npos; at = html.find(tag, at + 1)) {
    const std::size_t id_start = at + tag.size(), id_end = html.find('"', id_start);
    const std::string points_key = "data-points=\"";
    const std::size_t points = html.find(points_key, id_end) + points_key.size();
    plots[html.substr(id_start, id_end - id_start)] = std::stoul(html.substr(points, html.find('"', points) - points));
  }
  return plots;
}

inline std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

}  // namespace zspace::test
