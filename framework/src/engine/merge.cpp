#include "zspace/engine/merge.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fmt/core.h>
#include <limits>
#include <string>
#include <yaml-cpp/yaml.h>

#include "common/number_text.hpp"
#include "engine/json_writer.hpp"
#include "engine/output_files.hpp"
#include "engine/result_writers.hpp"
#include "zspace/engine/band_io.hpp"
#include "zspace/engine/errors.hpp"
#include "zspace/version.hpp"

namespace zspace {

namespace fs = std::filesystem;

namespace {

struct Shard {
  fs::path json;         // its similarity.json
  std::string label;     // as the user named it, for messages
  YAML::Node meta;
  std::size_t n = 0, r = 0;
  std::size_t first = 0, last = 0;            // rows computed
  std::size_t read_first = 0, read_last = 0;  // sections read (usable flags known)
};

std::size_t as_size(const YAML::Node& node, const Shard& s, const char* field) {
  try {
    return node.as<std::size_t>();
  } catch (const YAML::Exception&) {
    throw DataError(fmt::format("{}: field '{}' missing or not a count", s.json.string(), field));
  }
}

Shard read_shard(const fs::path& given) {
  Shard s;
  s.label = given.string();
  std::error_code ec;
  s.json = fs::is_directory(given, ec) ? given / "similarity.json" : given;
  if (s.json.extension() == ".tif") s.json.replace_extension(".json");
  if (!fs::is_regular_file(s.json, ec))
    throw DataError(fmt::format("{}: no similarity.json (not a `zspace similarity` output)", given.string()));
  try {
    s.meta = YAML::LoadFile(s.json.string());
  } catch (const YAML::Exception& e) {
    throw DataError(fmt::format("{}: unreadable: {}", s.json.string(), e.msg));
  }
  s.n = as_size(s.meta["sections"], s, "sections");
  s.r = as_size(s.meta["neighborhood_range"], s, "neighborhood_range");
  if (s.n == 0) throw DataError(fmt::format("{}: a band of 0 sections", s.json.string()));
  if (const YAML::Node shard = s.meta["shard"]) {
    s.first = as_size(shard["first"], s, "shard.first");
    s.last = as_size(shard["last"], s, "shard.last");
    s.read_first = as_size(shard["read_first"], s, "shard.read_first");
    s.read_last = as_size(shard["read_last"], s, "shard.read_last");
  } else {
    s.first = s.read_first = 0;
    s.last = s.read_last = s.n - 1;
  }
  if (s.last >= s.n || s.first > s.last)
    throw DataError(fmt::format("{}: shard rows {}..{} do not fit its {} sections", s.json.string(), s.first, s.last, s.n));
  return s;
}

std::string dump(const YAML::Node& node) {
  if (!node) return "(none)";
  YAML::Emitter out;
  out << YAML::Flow << node;
  return out.c_str();
}

void check_same(const Shard& a, const Shard& b, const char* field) {
  const std::string va = dump(a.meta[field]), vb = dump(b.meta[field]);
  if (va != vb)
    throw ConfigError(fmt::format("{}: {} differs from {} ({} vs {})", b.label, field, a.label, vb, va));
}

// The metadata as JSON again (our own similarity.json holds only maps, lists and scalars).
void write_node(JsonWriter& w, const YAML::Node& node) {
  if (node.IsMap()) {
    w.begin_object();
    for (const auto& kv : node) {
      w.key(kv.first.as<std::string>());
      write_node(w, kv.second);
    }
    w.end_object();
  } else if (node.IsSequence()) {
    w.begin_array();
    for (const auto& item : node) write_node(w, item);
    w.end_array();
  } else if (node.IsNull()) {
    w.null();
  } else {
    const std::string& text = node.Scalar();
    bool b = false;
    double d = 0;
    if (node.Tag() == "!") {  // quoted in the file: a string
      w.value(text);
    } else if (YAML::convert<bool>::decode(node, b) && (text == "true" || text == "false")) {
      w.value(b);
    } else if (YAML::convert<double>::decode(node, d) && !text.empty() && text.find_first_not_of("+-0123456789.eE") == std::string::npos) {
      w.raw(text);
    } else {
      w.value(text);
    }
  }
}

bool same_bits(double a, double b) { return (std::isnan(a) && std::isnan(b)) || std::memcmp(&a, &b, sizeof a) == 0; }

}  // namespace

MergeSummary merge_shards(const std::vector<fs::path>& paths, const fs::path& output_dir) {
  if (paths.empty()) throw ConfigError("merge: no shards given");
  std::vector<Shard> shards;
  for (const auto& p : paths) shards.push_back(read_shard(p));
  const Shard& ref = shards.front();
  for (std::size_t k = 1; k < shards.size(); ++k) {
    for (const char* field : {"sections", "neighborhood_range", "metric", "preprocess", "fingerprint"})
      check_same(ref, shards[k], field);
  }
  const std::size_t n = ref.n, r = ref.r;

  // Coverage: every row 0..N-1 computed by some shard.
  std::vector<const Shard*> order;
  for (const auto& s : shards) order.push_back(&s);
  std::sort(order.begin(), order.end(), [](const Shard* a, const Shard* b) { return a->first < b->first; });
  std::size_t covered = 0;  // rows [0, covered) are computed
  const Shard* previous = nullptr;
  for (const Shard* s : order) {
    if (s->first > covered)
      throw ConfigError(fmt::format("{}: rows {}..{} are in no shard (a hole between {} and {})", s->label, covered,
                                    s->first - 1, previous ? previous->label : std::string("the start"), s->label));
    covered = std::max(covered, s->last + 1);
    previous = s;
  }
  if (covered < n)
    throw ConfigError(fmt::format("{}: rows {}..{} are in no shard (a hole after it)", previous->label, covered, n - 1));

  BandMatrix merged(n, r);
  std::vector<const Shard*> owner(n * (r + 1), nullptr);
  std::vector<bool> usable(n, true);
  YAML::Node shifts_out(YAML::NodeType::Sequence);
  for (const Shard& s : shards) {
    fs::path tif = s.json;
    tif.replace_extension(".tif");
    const BandMatrix band = read_band(tif);
    if (band.size() != n || band.range() != std::min(r, n - 1))
      throw DataError(fmt::format("{}: band image is {} sections, R {}; its similarity.json says {}, R {}", tif.string(),
                                  band.size(), band.range(), n, r));
    for (std::size_t j = s.first; j <= s.last; ++j) {
      for (std::size_t i = j > r ? j - r : 0; i < j; ++i) {
        const std::size_t slot = i * (r + 1) + (j - i);
        const double v = band(i, j);
        if (owner[slot]) {
          const double w = merged(i, j);
          if (!same_bits(v, w))
            throw ConfigError(fmt::format("{}: entry ({}, {}) = {} differs from {} in {}", s.label, i, j,
                                          format_double(v), format_double(w), owner[slot]->label));
          continue;
        }
        owner[slot] = &s;
        merged.set(i, j, v);
      }
    }
    const YAML::Node flags = s.meta["usable"];
    if (flags.IsSequence() && flags.size() == n)
      for (std::size_t i = s.read_first; i <= s.read_last; ++i) usable[i] = usable[i] && flags[i].as<bool>();
    if (const YAML::Node shifts = s.meta["shifts"])
      for (const auto& t : shifts)
        if (t.IsSequence() && t.size() == 4) {
          const auto j = t[1].as<std::size_t>();
          const auto i = t[0].as<std::size_t>();
          if (j >= s.first && j <= s.last && j > i && j - i <= r && owner[i * (r + 1) + (j - i)] == &s)
            shifts_out.push_back(t);
        }
  }

  OutputFiles outputs(output_dir);
  write_similarity_strip(outputs.stage("similarity.tif"), merged);
  JsonWriter w;
  w.begin_object();
  w.key("zspace_version").value(framework_version());
  w.key("sections").value(n);
  w.key("neighborhood_range").value(r);
  w.key("metric");
  write_node(w, ref.meta["metric"]);
  w.key("input");
  write_node(w, ref.meta["input"]);
  w.key("fingerprint");
  write_node(w, ref.meta["fingerprint"]);
  w.key("preprocess");
  write_node(w, ref.meta["preprocess"]);
  w.key("files");
  write_node(w, ref.meta["files"]);
  w.key("usable").begin_array();
  for (bool u : usable) w.value(u);
  w.end_array();
  if (shifts_out.size() > 0) {
    w.key("shifts").begin_array();
    for (const auto& t : shifts_out)
      w.raw(fmt::format("[{}, {}, {}, {}]", t[0].Scalar(), t[1].Scalar(), t[2].Scalar(), t[3].Scalar()));
    w.end_array();
  }
  w.key("merged_from").begin_array();
  for (const auto& s : shards) w.value(s.label);
  w.end_array();
  w.end_object();
  outputs.stage_text("similarity.json", w.str());
  outputs.commit();
  return {n, r, shards.size()};
}

}  // namespace zspace
