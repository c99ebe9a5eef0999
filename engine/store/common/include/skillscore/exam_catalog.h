// The rubrics and exams a store holds, whichever store it is: importing a rubric version, naming
// one (code or code@version), creating an exam bound to one, with their refusals and audit
// events; a store reads and inserts the rows (CatalogRows).
//
// Thread safety: one thread at a time, inside the store's transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "skillscore/audit_chain.h"
#include "skillscore/chief_event.h"
#include "skillscore/exam_roster.h"
#include "skillscore/store.h"

namespace skillscore::store_common {

// The rubric and exam rows of a store's own tables.
class CatalogRows {
 public:
  virtual ~CatalogRows() = default;
  // The SHA-256 stored for code@version, or nullopt when that version is not stored.
  virtual std::optional<std::string> ReadRubricSha256(const std::string& code,
                                                      const std::string& version) = 0;
  // Inserts the rubric version with its aspects and their slots; its row id.
  virtual std::int64_t InsertRubric(std::string_view yaml_text, const Rubric& rubric,
                                    const std::string& sha256, const std::string& now) = 0;
  // The versions of `code` (only `version`, when given) in the order they were imported, their
  // YAML as stored and their rubric unparsed.
  virtual std::vector<StoredRubric> ReadRubrics(std::string_view code,
                                                const std::optional<std::string>& version) = 0;
  virtual StoreResult<Rubric> ParseRubric(const RubricInfo& info, const std::string& yaml) = 0;
  virtual std::optional<ExamRow> FindExam(std::string_view code) = 0;
  // Inserts the exam bound to info.rubric; its row id, or nullopt when another writer created an
  // exam of that id since it was looked for.
  virtual std::optional<std::int64_t> InsertExam(const ExamInfo& info) = 0;
  // The digests of a rubric version and of an exam's own record (audit_chain.h).
  virtual std::string RubricState(std::int64_t rubric_id) = 0;
  virtual std::string ExamState(std::int64_t exam_id) = 0;
  virtual void Append(audit::Event& event) = 0;
};

// Stores a rubric version (kAdded), or nothing when the same content is stored under its
// code@version (kUnchanged); refused (kConflict) when other content is.
StoreResult<Change> ImportRubric(CatalogRows& rows, std::string_view yaml_text,
                                 const Rubric& rubric, const std::string& actor, const Clock& now);

// The rubric named code[@version], unparsed, or why there is none (kNotFound; kInvalidInput when
// no version is named and the code has several).
StoreResult<StoredRubric> ResolveRubric(CatalogRows& rows, std::string_view code,
                                        const std::optional<std::string>& version);

// The same, parsed.
StoreResult<StoredRubric> GetRubric(CatalogRows& rows, std::string_view code,
                                    const std::optional<std::string>& version);

// Creates the exam with its audit event; refused for an empty id, a rubric not stored, an exam
// that exists.
StoreResult<ExamInfo> CreateExam(CatalogRows& rows, const NewExam& exam, const std::string& actor,
                                 const Clock& now);

}  // namespace skillscore::store_common
