#include "skillscore/exam_catalog.h"

#include <fmt/format.h>

#include <utility>

#include "skillscore/rubric_loader.h"
#include "skillscore/sha256.h"
#include "skillscore/stored_values.h"

namespace skillscore::store_common {
namespace {

tl::unexpected<StoreError> ExamExists(const ExamRow& existing) {
  return Refuse(StoreError::Code::kExamExists,
                {existing.info.id, existing.info.rubric.code, existing.info.rubric.version});
}

}  // namespace

StoreResult<Change> ImportRubric(CatalogRows& rows, std::string_view yaml_text,
                                 const Rubric& rubric, const std::string& actor, const Clock& now) {
  std::string sha256 =
      rubric.sha256.empty() ? Sha256Hex(CanonicalRubricJson(rubric)) : rubric.sha256;
  if (auto existing = rows.ReadRubricSha256(rubric.code, rubric.version)) {
    if (*existing == sha256) return Change::kUnchanged;
    return Refuse(StoreError::Code::kRubricContentConflict, {rubric.Identity(), *existing, sha256});
  }
  std::string at = now();
  std::int64_t rubric_id = rows.InsertRubric(yaml_text, rubric, sha256, at);
  audit::Event event{.chain = audit::RubricChain(rubric.code),
                     .at = at,
                     .actor = actor,
                     .action = audit::kRubricImport,
                     .subject = rubric.Identity(),
                     .new_value = sha256,
                     .state = rows.RubricState(rubric_id)};
  rows.Append(event);
  return Change::kAdded;
}

StoreResult<StoredRubric> ResolveRubric(CatalogRows& rows, std::string_view code,
                                        const std::optional<std::string>& version) {
  std::vector<StoredRubric> matches = rows.ReadRubrics(code, version);
  if (matches.empty()) {
    std::string name = version ? fmt::format("{}@{}", code, *version) : std::string(code);
    return RubricNotFound(name);
  }
  if (matches.size() > 1) {
    std::vector<std::string> versions;
    for (const StoredRubric& m : matches) versions.push_back(m.info.version);
    return Refuse(StoreError::Code::kRubricAmbiguous,
                  {std::string(code), fmt::format("{}", fmt::join(versions, ", "))});
  }
  return std::move(matches.front());
}

StoreResult<StoredRubric> GetRubric(CatalogRows& rows, std::string_view code,
                                    const std::optional<std::string>& version) {
  auto found = ResolveRubric(rows, code, version);
  if (!found) return found;
  auto rubric = rows.ParseRubric(found->info, found->yaml_text);
  if (!rubric) return tl::unexpected(rubric.error());
  found->rubric = std::move(*rubric);
  return found;
}

StoreResult<ExamInfo> CreateExam(CatalogRows& rows, const NewExam& exam, const std::string& actor,
                                 const Clock& now) {
  if (exam.id.empty()) return Refuse(StoreError::Code::kExamIdEmpty);
  auto rubric = ResolveRubric(rows, exam.rubric_code, exam.rubric_version);
  if (!rubric) return tl::unexpected(rubric.error());
  if (auto existing = rows.FindExam(exam.id)) return ExamExists(*existing);
  ExamInfo info{exam.id, rubric->info, exam.date, exam.site, exam.chief, now(), exam.timezone};
  std::optional<std::int64_t> exam_id = rows.InsertExam(info);
  if (!exam_id) {
    if (auto existing = rows.FindExam(exam.id)) return ExamExists(*existing);
    return ExamNotFound(exam.id);  // created and gone again in the meantime
  }
  audit::Event event{.at = info.created_at,
                     .actor = actor,
                     .action = audit::kExamCreate,
                     .exam = info.id,
                     .subject = info.id,
                     .new_value = info.rubric.code + "@" + info.rubric.version,
                     .state = rows.ExamState(*exam_id)};
  rows.Append(event);
  return info;
}

}  // namespace skillscore::store_common
