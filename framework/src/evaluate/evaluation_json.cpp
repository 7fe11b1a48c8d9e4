#include "engine/json_writer.hpp"
#include "zspace/engine/evaluate.hpp"

namespace zspace {
namespace {

void write_scores(JsonWriter& w, const Scores& s) {
  w.begin_object();
  w.key("rms").value(s.rms);
  w.key("max").value(s.max);
  w.key("spearman").value(s.spearman);
  w.key("local_thickness_error").value(s.local_thickness_error);
  w.key("gap_recovery").value(s.gap_recovery);
  w.key("gaps").value(s.gaps);
  w.key("span_ratio").value(s.span_ratio);
  w.key("slope").value(s.slope);
  w.key("offset").value(s.offset);
  w.end_object();
}

}  // namespace

std::string evaluation_json(const Evaluation& evaluation) {
  JsonWriter w;
  w.begin_object();
  w.key("sections").value(evaluation.sections);
  w.key("skipped").value(evaluation.skipped);
  w.key("estimate");
  write_scores(w, evaluation.estimate);
  w.key("uniform");
  write_scores(w, evaluation.uniform);
  w.end_object();
  return w.str();
}

}  // namespace zspace
