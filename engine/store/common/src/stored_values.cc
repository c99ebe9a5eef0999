#include "skillscore/stored_values.h"

#include "skillscore/i18n.h"
#include "skillscore/rubric_loader.h"

namespace skillscore::store_common {

tl::unexpected<StoreError> Refuse(StoreError::Kind kind, std::string message) {
  return tl::unexpected(StoreError{kind, std::move(message)});
}

tl::unexpected<StoreError> Refuse(StoreError::Code code, std::vector<std::string> args) {
  return tl::unexpected(StoreError::Of(code, std::move(args)));
}

tl::unexpected<StoreError> ExamNotFound(std::string_view exam) {
  return Refuse(StoreError::Code::kExamNotFound, {std::string(exam)});
}

tl::unexpected<StoreError> RubricNotFound(std::string_view rubric) {
  return Refuse(StoreError::Code::kRubricNotFound, {std::string(rubric)});
}

CandidateStatus StatusFromName(std::string_view name) {
  if (name == "absent") return CandidateStatus::kAbsent;
  if (name == "withdrawn") return CandidateStatus::kWithdrawn;
  if (name == "disqualified") return CandidateStatus::kDisqualified;
  return CandidateStatus::kPresent;
}

StoreResult<Rubric> ParseStoredRubric(const std::string& database, const RubricInfo& info,
                                      const std::string& yaml_text) {
  std::string name = info.code + "@" + info.version;
  RubricLoad load = ParseRubric(yaml_text, name);
  if (load.rubric) return std::move(*load.rubric);
  std::string first;
  for (const Diagnostic& d : load.diagnostics) {
    if (d.severity == Severity::kError) {
      first = FormatDiagnostic(d);
      break;
    }
  }
  return Refuse(
      StoreError::Kind::kStorage,
      Tr("database {0}: the stored rubric {1} no longer loads: {2}", database, name, first));
}

}  // namespace skillscore::store_common
