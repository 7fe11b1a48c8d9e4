#include <fmt/core.h>

#include "engine/json_writer.hpp"
#include "zspace/engine/registry.hpp"

namespace zspace {

std::string param_value_text(const ParamValue& value) {
  return std::visit([](const auto& v) -> std::string {
    using T = std::decay_t<decltype(v)>;
    if constexpr (std::is_same_v<T, bool>) return v ? "true" : "false";
    else if constexpr (std::is_same_v<T, std::int64_t>) return std::to_string(v);
    else if constexpr (std::is_same_v<T, double>) return format_double(v);
    else return v;
  }, value);
}

namespace {

std::string bounds_text(const ParamSpec& s) {
  if (s.type == ParamType::choice) {
    std::string out;
    for (const auto& c : s.choices) {
      if (!out.empty()) out += '|';
      out += c;
    }
    return out;
  }
  if (!s.minimum && !s.maximum) return "";
  return fmt::format("[{}, {}]", s.minimum ? format_double(*s.minimum) : "-inf",
                     s.maximum ? format_double(*s.maximum) : "inf");
}

void json_value(JsonWriter& w, const ParamValue& value) {
  std::visit([&](const auto& v) { w.value(v); }, value);
}

std::string describe_json(const Registry& registry) {
  JsonWriter w;
  w.begin_array();
  for (const auto& p : registry.plugins()) {
    const auto& d = p.descriptor;
    w.begin_object();
    w.key("name").value(d.name);
    w.key("kind").value(to_string(d.kind));
    w.key("version").value(d.version);
    w.key("summary").value(d.summary);
    w.key("api").value(fmt::format("{}.{}", d.api.major, d.api.minor));
    w.key("file").value(p.file.string());
    w.key("parameters").begin_array();
    for (const auto& s : d.parameters) {
      w.begin_object();
      w.key("name").value(s.name);
      w.key("type").value(to_string(s.type));
      w.key("default");
      json_value(w, s.default_value);
      w.key("minimum");
      if (s.minimum) w.value(*s.minimum); else w.null();
      w.key("maximum");
      if (s.maximum) w.value(*s.maximum); else w.null();
      w.key("choices").begin_array();
      for (const auto& c : s.choices) w.value(c);
      w.end_array();
      w.key("advanced").value(s.advanced);
      w.key("doc").value(s.doc);
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_array();
  return w.str() + "\n";
}

}  // namespace

std::string describe_plugins(const Registry& registry, bool json) {
  if (json) return describe_json(registry);
  std::string out;
  for (PluginKind kind : {PluginKind::metric, PluginKind::solver}) {
    for (const auto& p : registry.plugins()) {
      const auto& d = p.descriptor;
      if (d.kind != kind) continue;
      out += fmt::format("{} {} {} — {}\n  file: {}\n", to_string(d.kind), d.name, d.version, d.summary,
                         p.file.string());
      if (d.parameters.empty()) out += "  (no parameters)\n";
      for (const auto& s : d.parameters) {
        out += fmt::format("  {:<24} {:<6} default {:<10} {:<18}{}\n", s.name, to_string(s.type),
                           param_value_text(s.default_value), bounds_text(s), s.advanced ? " (advanced)" : "");
        out += fmt::format("      {}\n", s.doc);
      }
    }
  }
  if (out.empty()) out = "no plugins found\n";
  return out;
}

}  // namespace zspace
