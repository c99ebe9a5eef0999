#include "sqlite_values.h"

#include "skillscore/i18n.h"
#include "skillscore/rubric_loader.h"

namespace skillscore::sqlite {

tl::unexpected<StoreError> Refuse(StoreError::Kind kind, std::string message) {
  return tl::unexpected(StoreError{kind, std::move(message)});
}

CandidateStatus StatusFromName(std::string_view name) {
  if (name == "absent") return CandidateStatus::kAbsent;
  if (name == "withdrawn") return CandidateStatus::kWithdrawn;
  if (name == "disqualified") return CandidateStatus::kDisqualified;
  return CandidateStatus::kPresent;  // the schema's CHECK allows nothing else
}

StoreResult<Rubric> ParseStoredRubric(const std::string& db_path, const RubricInfo& info,
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
      Tr("database {0}: the stored rubric {1} no longer loads: {2}", db_path, name, first));
}

}  // namespace skillscore::sqlite
