#include "rubric_json.h"
#include "skillscore/json_writer.h"
#include "skillscore/report.h"

namespace skillscore {
namespace {

using Layout = JsonWriter::Layout;

template <typename T, typename Write>
void Optional(JsonWriter& json, const std::optional<T>& value, Write write) {
  if (value) {
    write(*value);
  } else {
    json.Null();
  }
}

void WriteRubric(JsonWriter& json, const Rubric& rubric) {
  json.BeginObject(Layout::kInline);
  internal::WriteRubricIdentity(json, rubric);
  json.Key("max");
  json.Number(ReportNumber(rubric.max, rubric.policy.report_decimals));
  json.EndObject();
}

void WriteParts(JsonWriter& json, const std::vector<PartMark>& parts, int decimals) {
  json.BeginArray();
  for (const PartMark& part : parts) {
    json.BeginObject(Layout::kInline);
    json.Key("id");
    json.String(part.id);
    json.Key("mark");
    json.Number(ReportNumber(part.mark, decimals));
    json.Key("max");
    json.Number(ReportNumber(part.max, decimals));
    json.EndObject();
  }
  json.EndArray();
}

void WriteProblems(JsonWriter& json, const std::vector<Problem>& problems) {
  json.BeginArray();
  for (const Problem& problem : problems) {
    json.BeginObject(Layout::kInline);
    json.Key("aspect");
    json.String(problem.aspect);
    json.Key("kind");
    json.String(ProblemKindName(problem.kind));
    json.Key("detail");
    json.String(ProblemDetail(problem));
    json.EndObject();
  }
  json.EndArray();
}

void WriteCandidate(JsonWriter& json, const CandidateResult& result, int decimals) {
  auto integer = [&json](int value) { json.Integer(value); };
  json.BeginObject();
  json.Key("id");
  json.String(result.candidate.id);
  json.Key("name");
  json.String(result.candidate.name);
  json.Key("organization");
  json.String(result.candidate.organization);
  json.Key("status");
  json.String(CandidateStatusName(result.candidate.status));
  json.Key("total");
  json.Number(ReportNumber(result.total, decimals));
  json.Key("percent");
  json.Number(ReportNumber(result.percent, decimals));
  json.Key("grade");
  Optional(json, result.grade, integer);
  json.Key("rank");
  Optional(json, result.rank, integer);
  json.Key("scale");
  Optional(json, result.scale, integer);
  json.Key("award");
  Optional(json, result.award, [&json](Award award) { json.String(AwardName(award)); });
  json.Key("modules");
  WriteParts(json, result.modules, decimals);
  json.Key("sections");
  WriteParts(json, result.sections, decimals);
  json.Key("problems");
  WriteProblems(json, result.problems);
  json.EndObject();
}

}  // namespace

std::string ResultsJson(const ResultsView& view) {
  JsonWriter json;
  json.BeginObject();
  json.Key("exam");
  Optional(json, view.exam, [&json](const std::string& exam) { json.String(exam); });
  json.Key("rubric");
  WriteRubric(json, view.rubric);
  json.Key("status");
  json.String(view.status == ResultsStatus::kFinal ? "final" : "provisional");
  json.Key("candidates");
  json.BeginArray();
  for (const CandidateResult& candidate : view.result.candidates) {
    WriteCandidate(json, candidate, view.rubric.policy.report_decimals);
  }
  json.EndArray();
  json.EndObject();
  return json.text() + '\n';
}

}  // namespace skillscore
