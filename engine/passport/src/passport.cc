#include "skillscore/passport.h"

#include <fmt/format.h>

#include <algorithm>
#include <ctime>
#include <utility>

#include "skillscore/i18n.h"
#include "skillscore/json_fields.h"
#include "skillscore/report.h"
#include "skillscore/sha256.h"

namespace skillscore {
namespace {

using internal::JsonFields;
using Members = std::vector<std::pair<std::string, JsonNode>>;

template <typename Part>
std::string TitleOf(const std::vector<Part>& parts, const std::string& id) {
  auto found =
      std::find_if(parts.begin(), parts.end(), [&id](const Part& part) { return part.id == id; });
  return found == parts.end() ? std::string() : found->title;
}

template <typename Part>
std::vector<PassportPart> PassportParts(const std::vector<PartMark>& marks,
                                        const std::vector<Part>& rubric_parts, int decimals) {
  std::vector<PassportPart> parts;
  for (const PartMark& mark : marks) {
    parts.push_back(PassportPart{mark.id, TitleOf(rubric_parts, mark.id),
                                 ReportNumber(mark.mark, decimals),
                                 ReportNumber(mark.max, decimals)});
  }
  return parts;
}

// Exact and short: "3", "-3/4".
std::string ExactText(const Rational& value) { return value.ToFractionText(); }

JsonNode AspectMarks(const Aspect& aspect, const AspectRecord& record) {
  Members members{{"aspect", JsonNode::String(aspect.id)}};
  if (aspect.type == AspectType::kMeasurement) {
    JsonNode value = !record.measurement ? JsonNode::Null()
                     : record.measurement->not_attempted
                         ? JsonNode::String("na")
                         : JsonNode::String(ExactText(record.measurement->number));
    members.emplace_back("value", std::move(value));
  } else {
    std::vector<PanelScore> panel = record.panel;
    std::sort(panel.begin(), panel.end(),
              [](const PanelScore& a, const PanelScore& b) { return a.judge < b.judge; });
    std::vector<JsonNode> scores;
    for (const PanelScore& score : panel) {
      scores.push_back(JsonNode::Object(
          {{"judge", JsonNode::String(score.judge)}, {"score", JsonNode::Integer(score.score)}}));
    }
    members.emplace_back("scores", JsonNode::Array(std::move(scores)));
  }
  return JsonNode::Object(std::move(members));
}

JsonNode OptionalString(const std::optional<std::string>& value) {
  return value ? JsonNode::String(*value) : JsonNode::Null();
}

JsonNode OptionalInteger(const std::optional<int>& value) {
  return value ? JsonNode::Integer(*value) : JsonNode::Null();
}

JsonNode PartsJson(const std::vector<PassportPart>& parts) {
  std::vector<JsonNode> items;
  for (const PassportPart& part : parts) {
    items.push_back(JsonNode::Object({{"id", JsonNode::String(part.id)},
                                      {"title", JsonNode::String(part.title)},
                                      {"mark", JsonNode::String(part.mark)},
                                      {"max", JsonNode::String(part.max)}}));
  }
  return JsonNode::Array(std::move(items));
}

std::vector<PassportPart> PartsFromJson(const JsonNode& array, const std::string& path,
                                        std::optional<std::string>& error) {
  std::vector<PassportPart> parts;
  for (std::size_t i = 0; i < array.items.size(); ++i) {
    JsonFields fields(array.items[i], fmt::format("{}[{}]", path, i), error);
    PassportPart part;
    part.id = fields.String("id");
    part.title = fields.String("title");
    part.mark = fields.String("mark");
    part.max = fields.String("max");
    fields.RefuseOthers();
    parts.push_back(std::move(part));
  }
  return parts;
}

PassportCandidate CandidateFromJson(JsonFields fields) {
  PassportCandidate candidate;
  candidate.id = fields.String("id");
  candidate.name = fields.String("name");
  candidate.organization = fields.String("organization");
  fields.RefuseOthers();
  return candidate;
}

PassportExam ExamFromJson(JsonFields fields) {
  PassportExam exam;
  exam.id = fields.String("id");
  exam.competency_code = fields.String("competency_code");
  exam.competency_title = fields.String("competency_title");
  exam.kind = fields.String("kind");
  exam.date = fields.String("date");
  exam.site = fields.String("site");
  fields.RefuseOthers();
  return exam;
}

PassportResult ResultFromJson(JsonFields fields) {
  PassportResult result;
  result.total = fields.String("total");
  result.max = fields.String("max");
  result.percent = fields.String("percent");
  result.grade = fields.IntegerOrNull("grade");
  result.scale = fields.IntegerOrNull("scale");
  result.award = fields.StringOrNull("award");
  fields.RefuseOthers();
  return result;
}

PassportRubric RubricFromJson(JsonFields fields) {
  PassportRubric rubric;
  rubric.code = fields.String("code");
  rubric.version = fields.String("version");
  rubric.sha256 = fields.String("sha256");
  fields.RefuseOthers();
  return rubric;
}

}  // namespace

tl::expected<PassportRecord, std::string> BuildPassportRecord(const Rubric& rubric,
                                                              const ExamDetails& exam,
                                                              const CandidateResult& result,
                                                              const CandidateSheet& sheet,
                                                              const IssueDetails& issue) {
  const Candidate& candidate = result.candidate;
  if (candidate.status != CandidateStatus::kPresent) {
    return tl::make_unexpected(
        Tr("candidate {0} is not present: passports are issued to present candidates only",
           candidate.id));
  }
  if (auto blocking =
          std::count_if(result.problems.begin(), result.problems.end(), BlocksFinality)) {
    return tl::make_unexpected(
        Tr("candidate {0} has {1} missing or disputed marks: passports certify final results only",
           candidate.id, blocking));
  }
  int decimals = rubric.policy.report_decimals;
  PassportRecord record;
  record.number = issue.number;
  record.candidate = {candidate.id, candidate.name, candidate.organization};
  record.exam = {exam.id,      rubric.code,
                 rubric.title, rubric.kind == RubricKind::kExam ? "exam" : "competition",
                 exam.date,    exam.site};
  record.result.total = ReportNumber(result.total, decimals);
  record.result.max = ReportNumber(rubric.max, decimals);
  record.result.percent = ReportNumber(result.percent, decimals);
  record.result.grade = result.grade;
  record.result.scale = result.scale;
  if (result.award) record.result.award = std::string(AwardName(*result.award));
  record.sections = PassportParts(result.sections, rubric.sections, decimals);
  record.modules = PassportParts(result.modules, rubric.modules, decimals);
  record.rubric = {rubric.code, rubric.version, rubric.sha256};
  record.marks_sha256 = MarksDigest(rubric, sheet);
  record.issued_at = issue.issued_at;
  record.issuer = issue.issuer;
  record.supersedes = issue.supersedes;
  return record;
}

std::string MarksDigest(const Rubric& rubric, const CandidateSheet& sheet) {
  std::vector<JsonNode> aspects;
  for (std::size_t ordinal = 0; ordinal < rubric.AspectCount(); ++ordinal) {
    AspectRecord none;
    const AspectRecord& record = ordinal < sheet.aspects.size() ? sheet.aspects[ordinal] : none;
    aspects.push_back(AspectMarks(rubric.AspectAt(ordinal), record));
  }
  return Sha256Hex(CanonicalJson(JsonNode::Array(std::move(aspects))));
}

std::string UtcTimestamp(std::chrono::system_clock::time_point time) {
  std::time_t seconds = std::chrono::system_clock::to_time_t(time);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", utc.tm_year + 1900, utc.tm_mon + 1,
                     utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec);
}

JsonNode PassportJson(const PassportRecord& record) {
  const PassportResult& result = record.result;
  return JsonNode::Object({
      {"format", JsonNode::String(kPassportFormat)},
      {"number", JsonNode::String(record.number)},
      {"candidate",
       JsonNode::Object({{"id", JsonNode::String(record.candidate.id)},
                         {"name", JsonNode::String(record.candidate.name)},
                         {"organization", JsonNode::String(record.candidate.organization)}})},
      {"exam",
       JsonNode::Object({{"id", JsonNode::String(record.exam.id)},
                         {"competency_code", JsonNode::String(record.exam.competency_code)},
                         {"competency_title", JsonNode::String(record.exam.competency_title)},
                         {"kind", JsonNode::String(record.exam.kind)},
                         {"date", JsonNode::String(record.exam.date)},
                         {"site", JsonNode::String(record.exam.site)}})},
      {"result", JsonNode::Object({{"total", JsonNode::String(result.total)},
                                   {"max", JsonNode::String(result.max)},
                                   {"percent", JsonNode::String(result.percent)},
                                   {"grade", OptionalInteger(result.grade)},
                                   {"scale", OptionalInteger(result.scale)},
                                   {"award", OptionalString(result.award)}})},
      {"sections", PartsJson(record.sections)},
      {"modules", PartsJson(record.modules)},
      {"rubric", JsonNode::Object({{"code", JsonNode::String(record.rubric.code)},
                                   {"version", JsonNode::String(record.rubric.version)},
                                   {"sha256", JsonNode::String(record.rubric.sha256)}})},
      {"marks_sha256", JsonNode::String(record.marks_sha256)},
      {"issued_at", JsonNode::String(record.issued_at)},
      {"issuer", JsonNode::String(record.issuer)},
      {"supersedes", OptionalString(record.supersedes)},
  });
}

tl::expected<PassportRecord, std::string> PassportFromJson(const JsonNode& json) {
  std::optional<std::string> error;
  JsonFields fields(json, "record", error);
  PassportRecord record;
  fields.Constant("format", kPassportFormat);
  record.number = fields.String("number");
  record.candidate =
      CandidateFromJson(JsonFields(fields.Object("candidate"), fields.PathOf("candidate"), error));
  record.exam = ExamFromJson(JsonFields(fields.Object("exam"), fields.PathOf("exam"), error));
  record.result =
      ResultFromJson(JsonFields(fields.Object("result"), fields.PathOf("result"), error));
  record.sections = PartsFromJson(fields.Array("sections"), fields.PathOf("sections"), error);
  record.modules = PartsFromJson(fields.Array("modules"), fields.PathOf("modules"), error);
  record.rubric =
      RubricFromJson(JsonFields(fields.Object("rubric"), fields.PathOf("rubric"), error));
  record.marks_sha256 = fields.String("marks_sha256");
  record.issued_at = fields.String("issued_at");
  record.issuer = fields.String("issuer");
  record.supersedes = fields.StringOrNull("supersedes");
  fields.RefuseOthers();
  if (error) return tl::make_unexpected(*error);
  return record;
}

}  // namespace skillscore
